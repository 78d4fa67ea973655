// The `sends` queue, as the service definition deploys it and as its senders (the broadcast fan-out,
// anyone with requests to hand over) and its worker see it. No handler here, so that the fan-out and
// the HTTP function import it without the sending engine.
import { LANGUAGES } from '@liaison/contracts/constants';
import { workQueueSpec } from '@liaison/kit/service';
import '@liaison/contracts/locale';
import * as z from 'zod/mini';
import { once } from '@liaison/contracts/once';
import { CHANNELS, PRIORITIES, type MessageRequest } from '../types';

/**
 * The sends worker's concurrency in the stack (processes at once). Each process paces itself to the
 * account's rate divided by it (send/rates.ts), so together they stay under the account's rate.
 */
export const SENDS_CONCURRENCY = 4;

/**
 * A message holds at most 50 people (≤ 100 deliveries); at a process's share of the default rates
 * (5 SMS/s) a message takes ~10 s, a batch of 4 ~40 s. The timeout leaves room for slower accounts:
 * a worker that runs short of time stops claiming and hands the rest back to the queue.
 */
export const sendsQueue = workQueueSpec({ name: 'sends', batchSize: 4, maxReceiveCount: 5, timeoutSeconds: 180, memoryMb: 512 });

/**
 * The message schema, built on its first use: the automatic consumer and the fan-out import this module
 * for the queue's spec and only the sends worker parses, so their cold starts do not build it.
 */
const sendsMessageSchema = once(() => {
  const Id = z.string().check(z.minLength(1), z.maxLength(200));
  const PerLanguage = z.partialRecord(z.enum(LANGUAGES), z.string());
  const MessageRequestSchema = z.strictObject({
    cause: z.string().check(z.minLength(1), z.maxLength(500)),
    recipient: z.union([
      z.strictObject({ personId: Id }),
      z.strictObject({ driver: z.strictObject({ vehicleId: Id, name: z.string(), phone: z.string().check(z.minLength(1)), language: z.optional(z.enum(LANGUAGES)) }) }),
    ]),
    templateKey: z.nullable(z.string().check(z.minLength(1))),
    message: z.optional(PerLanguage),
    vars: z.record(z.string(), z.union([z.string(), PerLanguage])),
    channels: z.array(z.enum(CHANNELS)).check(z.minLength(1)),
    priority: z.enum(PRIORITIES),
    happensAtMs: z.optional(z.number()),
    sourceEventId: z.nullable(z.string()),
    broadcastId: z.optional(z.string()),
    subject: z.optional(z.string()),
  });

  // The people of a broadcast to deliver to (the worker reads what to say from the broadcast item), or ready requests.
  return z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('broadcast'), broadcastId: Id, personIds: z.array(Id).check(z.minLength(1), z.maxLength(100)) }),
    z.strictObject({ kind: z.literal('requests'), requests: z.array(MessageRequestSchema).check(z.minLength(1), z.maxLength(100)) }),
  ]);
});
export type SendsMessage = { kind: 'broadcast'; broadcastId: string; personIds: string[] } | { kind: 'requests'; requests: MessageRequest[] };

/** Checks a message body (a throw makes it a poison message: it fails alone and ends in the DLQ). */
export function parseSendsMessage(body: unknown): SendsMessage {
  return sendsMessageSchema().parse(body) as SendsMessage;
}
