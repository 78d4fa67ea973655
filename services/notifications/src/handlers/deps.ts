// What the notifications handlers share: configuration read once at cold start.
import { loadConfig, loadWorkQueueUrl } from '@liaison/kit/config';
import type { Principal } from '@liaison/kit/http/auth';
import { BROADCAST_FANOUT } from '../workers/fanout-queue';

export const config = loadConfig(['tableName']);

export const table = config.tableName;

/** Where POST /broadcasts hands a broadcast to its fan-out. */
export const fanoutQueueUrl = loadWorkQueueUrl(BROADCAST_FANOUT.name);

/** Who did it: the person, or an organiser's account without one. */
export function actorId(p: Principal): string {
  return p.personId ?? p.sub;
}
