// What the logistics handlers share: configuration read once at cold start, the store context, and
// the event's time zone (from the directory's event profile, else the stack's setting).
import { getProfile } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { loadConfig } from '@liaison/kit/config';
import type { StoreContext } from '@liaison/kit/store-context';

export const SERVICE = 'logistics';

export const config = loadConfig(['tableName', 'eventsTopicArn', 'timeZone']);
export const table = config.tableName;

export function storeContext(req: { correlationId: string }): StoreContext {
  return { tableName: config.tableName, topicArn: config.eventsTopicArn, service: SERVICE, correlationId: req.correlationId };
}

let cached: { timeZone: string; readAt: number } | null = null;

/** The event's time zone: the profile's, read at most once a minute per container. */
export async function timeZone(): Promise<string> {
  const now = clock.nowMs();
  if (cached && now - cached.readAt < 60_000 && now >= cached.readAt) return cached.timeZone;
  const profile = await getProfile(table);
  cached = { timeZone: profile?.timeZone ?? config.timeZone, readAt: now };
  return cached.timeZone;
}
