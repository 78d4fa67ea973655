// Work queues: a service sends work to itself (import chunks now, fan-out later) and its worker
// takes it in batches. `sendWork` sends JSON messages ten a call and retries the entries SQS refused;
// `worker` is the SQS handler: one message at a time, partial batch failures, and the receive count
// so that a handler can tell its last attempt (after it the message goes to the dead-letter queue).
// Messages are sent by ../aws/sqs.ts (signed requests, no SQS client to parse at cold start).
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sqsSendMessageBatch, type SendEntry } from '../aws/sqs';
import { log } from '../log';
import { DEFAULT_MAX_RECEIVE_COUNT, type WorkQueueSpec } from '../service';

/** Attempts of one request (throttling, the service's 5xx, a broken connection), as the SDK client had. */
const REQUEST_ATTEMPTS = 5;

/** SQS takes at most ten entries a call and 256 KiB a message. */
export const SEND_BATCH = 10;
export const MAX_MESSAGE_BYTES = 256 * 1024;
const SEND_ATTEMPTS = 5;

export class WorkSendError extends Error {}

export interface SendWorkOptions {
  /** Attempts per entry that SQS refuses (throttling, a moment's trouble); default 5. */
  attempts?: number;
}

/** Sends each message (as JSON) to the queue; throws naming what could not be sent after the retries. */
export async function sendWork(queueUrl: string, messages: readonly unknown[], options: SendWorkOptions = {}): Promise<void> {
  const attempts = options.attempts ?? SEND_ATTEMPTS;
  const bodies = messages.map((m, i) => {
    const body = JSON.stringify(m);
    if (Buffer.byteLength(body) > MAX_MESSAGE_BYTES) throw new WorkSendError(`message ${i} is ${Buffer.byteLength(body)} bytes; SQS takes at most ${MAX_MESSAGE_BYTES}`);
    return body;
  });
  for (let start = 0; start < bodies.length; start += SEND_BATCH) {
    let entries: SendEntry[] = bodies.slice(start, start + SEND_BATCH).map((body, i) => ({ Id: String(start + i), MessageBody: body }));
    for (let attempt = 1; entries.length > 0; attempt++) {
      const refused = await sqsSendMessageBatch(queueUrl, entries, { attempts: REQUEST_ATTEMPTS });
      const failed = new Set(refused.map((f) => f.Id));
      // Sender faults (a malformed entry) never succeed: fail now instead of retrying them.
      const fatal = refused.filter((f) => f.SenderFault);
      if (fatal.length > 0) throw new WorkSendError(`SQS refused ${fatal.length} message(s): ${fatal[0]!.Code} ${fatal[0]!.Message ?? ''}`);
      entries = entries.filter((e) => failed.has(e.Id));
      if (entries.length === 0) break;
      if (attempt >= attempts) throw new WorkSendError(`${entries.length} message(s) not sent after ${attempts} attempts`);
      await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    }
  }
}

export interface WorkInfo {
  messageId: string;
  /** 1 on the first delivery. */
  receiveCount: number;
  /** This is the last delivery before the message moves to the dead-letter queue. */
  lastAttempt: boolean;
  context: Context;
}

export interface WorkerOptions<T> {
  service: string;
  spec: WorkQueueSpec;
  /** Checks a message body; a throw is a poison message (failed, so it ends in the DLQ). */
  parse: (body: unknown) => T;
  handle: (message: T, info: WorkInfo) => Promise<void>;
}

export function worker<T>(options: WorkerOptions<T>): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const name = `${options.service}.${options.spec.name}`;
  const maxReceiveCount = options.spec.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT;
  return async (event, context) => {
    const failures: { itemIdentifier: string }[] = [];
    for (const record of event.Records) {
      let message: T;
      try {
        message = options.parse(JSON.parse(record.body));
      } catch (err) {
        log.error('poison work message', { queue: name, messageId: record.messageId, reason: (err as Error).message });
        failures.push({ itemIdentifier: record.messageId });
        continue;
      }
      const receiveCount = Number(record.attributes.ApproximateReceiveCount ?? '1');
      try {
        await options.handle(message, { messageId: record.messageId, receiveCount, lastAttempt: receiveCount >= maxReceiveCount, context });
      } catch (err) {
        log.error('work failed', { queue: name, messageId: record.messageId, receiveCount, err });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    log.info('work batch', { queue: name, size: event.Records.length, failed: failures.length });
    return { batchItemFailures: failures };
  };
}
