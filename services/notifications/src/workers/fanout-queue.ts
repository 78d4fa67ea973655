// The broadcast fan-out queue, as the service definition deploys it and as POST /broadcasts and the
// fan-out worker see it (no handler here, so that the HTTP function imports it without the worker).
import { workQueueSpec } from '@liaison/kit/service';
// English issue messages for a poison message's logged reason (the worker parses without validate.ts).
import '@liaison/contracts/locale';
import * as z from 'zod/mini';

/**
 * One message per broadcast (and again when a fan-out runs out of time and hands itself over); the
 * worker resolves the audience page by page and sends chunks of people to the `sends` queue.
 */
export const BROADCAST_FANOUT = workQueueSpec({ name: 'broadcast-fanout', batchSize: 1, maxReceiveCount: 5, timeoutSeconds: 120, memoryMb: 512 });

export const FanoutMessage = z.strictObject({ broadcastId: z.string().check(z.minLength(1)) });
export type FanoutMessage = z.infer<typeof FanoutMessage>;

/** People per message to the `sends` queue: one sends-worker invocation delivers them well inside its timeout. */
export const CHUNK_PEOPLE = 50;
