// The wrapper every SQS consumer uses: validates each record against the event contracts, processes
// each event id once per consumer (a claim item with a lease, marked done after success), and reports
// partial batch failures so one bad message is retried — and after maxReceiveCount sent to the DLQ —
// without holding back the rest.
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { CONTRACTS, EnvelopeSchema, isEventType, type DomainEvent, type EventType } from '@liaison/contracts';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { clock } from '../clock';
import { ddb } from '../ddb/client';
import { log } from '../log';

const DONE_KEEP_SECONDS = 7 * 24 * 3600;

export interface ConsumerOptions<T extends EventType> {
  /** Unique per consumer in the stack, e.g. `notifications.person-changes`; scopes the dedupe records. */
  name: string;
  tableName: string;
  types: readonly T[];
  /** Seconds a claim holds before another delivery may take the event over (≥ the function timeout). */
  leaseSeconds?: number;
  handle: (event: DomainEvent<T>, context: Context) => Promise<void>;
}

export class PoisonMessageError extends Error {}

/** Parses one record: the raw-delivered envelope, or the SNS notification that wraps it. */
export function parseRecord(record: SQSRecord): DomainEvent {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch {
    throw new PoisonMessageError('body is not JSON');
  }
  if (body && typeof body === 'object' && (body as { Type?: unknown }).Type === 'Notification') {
    try {
      body = JSON.parse(String((body as { Message?: unknown }).Message));
    } catch {
      throw new PoisonMessageError('SNS Message is not JSON');
    }
  }
  const envelope = EnvelopeSchema.safeParse(body);
  if (!envelope.success) throw new PoisonMessageError(`not an event envelope: ${envelope.error.issues[0]?.message}`);
  const { type } = envelope.data;
  if (!isEventType(type)) throw new PoisonMessageError(`unknown event type ${type}`);
  const data = CONTRACTS[type].data.safeParse(envelope.data.data);
  if (!data.success) throw new PoisonMessageError(`${type} breaks its contract at ${data.error.issues[0]?.path.join('.')}`);
  return { ...envelope.data, type, data: data.data } as DomainEvent;
}

type Claim = 'claimed' | 'done' | 'busy';

async function claim(tableName: string, consumer: string, eventId: string, leaseSeconds: number): Promise<Claim> {
  const key = { pk: `CONSUMED#${consumer}#${eventId}`, sk: 'CONSUMED' };
  const now = clock.epochSeconds();
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key, state: 'pending', leaseUntil: now + leaseSeconds, expiresAt: now + DONE_KEEP_SECONDS },
        ConditionExpression: 'attribute_not_exists(pk) OR (#s = :pending AND leaseUntil < :now)',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':pending': 'pending', ':now': now },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return 'claimed';
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) {
      return (err.Item as { state?: { S?: string } } | undefined)?.state?.S === 'done' ? 'done' : 'busy';
    }
    throw err;
  }
}

async function settle(tableName: string, consumer: string, eventId: string, ok: boolean): Promise<void> {
  const key = { pk: `CONSUMED#${consumer}#${eventId}`, sk: 'CONSUMED' };
  if (ok) {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET #s = :done, doneAt = :at REMOVE leaseUntil',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':done': 'done', ':at': clock.iso() },
      }),
    );
  } else {
    await ddb.send(new DeleteCommand({ TableName: tableName, Key: key }));
  }
}

export function consumer<T extends EventType>(options: ConsumerOptions<T>): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const leaseSeconds = options.leaseSeconds ?? 120;
  const wanted = new Set<string>(options.types);
  return async (event, context) => {
    const failures: { itemIdentifier: string }[] = [];
    let done = 0;
    let skipped = 0;
    for (const record of event.Records) {
      let parsed: DomainEvent;
      try {
        parsed = parseRecord(record);
      } catch (err) {
        // Never succeeds however often it is retried: fail it so that it ends in the DLQ for a human.
        log.error('poison message', { consumer: options.name, messageId: record.messageId, reason: (err as Error).message });
        failures.push({ itemIdentifier: record.messageId });
        continue;
      }
      if (!wanted.has(parsed.type)) {
        skipped += 1;
        continue;
      }
      try {
        const state = await claim(options.tableName, options.name, parsed.id, leaseSeconds);
        if (state === 'done') {
          skipped += 1;
          continue;
        }
        if (state === 'busy') {
          failures.push({ itemIdentifier: record.messageId });
          continue;
        }
        try {
          await options.handle(parsed as DomainEvent<T>, context);
        } catch (err) {
          await settle(options.tableName, options.name, parsed.id, false);
          throw err;
        }
        await settle(options.tableName, options.name, parsed.id, true);
        done += 1;
      } catch (err) {
        log.error('event failed', { consumer: options.name, eventId: parsed.id, type: parsed.type, err });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    log.info('batch', { consumer: options.name, size: event.Records.length, done, skipped, failed: failures.length });
    return { batchItemFailures: failures };
  };
}
