// What the operations handlers share: configuration read once at cold start.
import { loadConfig } from '@liaison/kit/config';

export const config = loadConfig(['tableName']);

export const table = config.tableName;
