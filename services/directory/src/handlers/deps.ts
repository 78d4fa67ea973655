// What the directory's handlers share: configuration read once at cold start, and the store context.
import type { Language } from '@liaison/contracts';
import { LANGUAGES } from '@liaison/contracts/constants';
import { callerResolver } from '@liaison/directory-read';
import { loadConfig } from '@liaison/kit/config';
import type { StoreContext } from '@liaison/kit/store-context';
import { SERVICE } from '../store/context';

export const config = loadConfig(['tableName', 'eventsTopicArn', 'languages']);

export const table = config.tableName;

/** The caller check (at most 60 s stale); the directory forgets a person at once when it deletes them or changes their role. */
export const caller = callerResolver(table);

/** The event's default language: the first of LIAISON_LANGUAGES that Liaison serves. */
export const defaultLanguage: Language =
  (config.languages.split(',').map((l) => l.trim()).find((l): l is Language => (LANGUAGES as readonly string[]).includes(l)) as Language | undefined) ?? 'id';

export function storeContext(req: { correlationId: string }): StoreContext {
  return { tableName: config.tableName, topicArn: config.eventsTopicArn, service: SERVICE, correlationId: req.correlationId };
}
