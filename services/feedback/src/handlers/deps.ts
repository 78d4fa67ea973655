// What the feedback handlers share: configuration read once at cold start, and the store context.
import { loadConfig } from '@liaison/kit/config';
import type { Principal } from '@liaison/kit/http/auth';
import type { StoreContext } from '@liaison/kit/store-context';
import { SERVICE } from '../store/context';

export const config = loadConfig(['tableName', 'eventsTopicArn']);

export const table = config.tableName;

export function storeContext(req: { correlationId: string }): StoreContext {
  return { tableName: config.tableName, topicArn: config.eventsTopicArn, service: SERVICE, correlationId: req.correlationId };
}

/** Who did it, as history and events record it: the person, or an organiser's account without one. */
export function actorId(p: Principal): string {
  return p.personId ?? p.sub;
}
