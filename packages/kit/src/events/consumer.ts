// The wrapper every SQS consumer uses: validates each record against the event contracts, processes
// each event id once per consumer (a claim item with a lease, marked done after success), and reports
// partial batch failures so one bad message is retried — and after maxReceiveCount sent to the DLQ —
// without holding back the rest.
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type { DomainEvent, EventContract, EventType } from '@liaison/contracts';
import { EnvelopeSchema } from '@liaison/contracts/contract';
import { safeParse } from 'zod/v4/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { clock } from '../clock';
import { ddb } from '../ddb/client';
import { log } from '../log';
import type { ConsumerSpec } from '../service';

const DONE_KEEP_SECONDS = 7 * 24 * 3600;

/** One handler per event type of the consumer's spec: a type without a handler does not compile. */
export type ConsumerHandlers<T extends EventType> = { [K in T]: (event: DomainEvent<K>, context: Context) => Promise<void> };

export interface ConsumerOptions<T extends EventType> {
  /** The owning service; with the spec's name it scopes the dedupe records (`<service>.<name>`). */
  service: string;
  /** The same spec the service definition deploys (its eventTypes are the queue's filter policy). */
  spec: ConsumerSpec<T>;
  tableName: string;
  /**
   * The contracts of the events consumed, by type: the registries of the services that publish them
   * (`DIRECTORY_EVENTS`, or several joined). Only these schemas load; a type missing here does not compile.
   */
  contracts: { readonly [K in T]: EventContract<K> };
  /** Seconds a claim holds before another delivery may take the event over (≥ the function timeout). */
  leaseSeconds?: number;
  handlers: ConsumerHandlers<T>;
}

export class PoisonMessageError extends Error {}

/** Parses one record (the raw-delivered envelope, or the SNS notification that wraps it) against `contracts`. */
export function parseRecord(record: SQSRecord, contracts: { readonly [type: string]: EventContract | undefined }): DomainEvent {
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
  const contract = Object.hasOwn(contracts, type) ? contracts[type] : undefined;
  if (!contract) throw new PoisonMessageError(`unknown event type ${type}`);
  const data = safeParse(contract.data, envelope.data.data);
  if (!data.success) throw new PoisonMessageError(`${type} breaks its contract at ${data.error.issues[0]?.path.join('.')}`);
  return { ...envelope.data, type: type as EventType, data: data.data } as DomainEvent;
}

type Claim = 'claimed' | 'done' | 'busy';

async function claim(tableName: string, consumer: string, eventId: string, leaseSeconds: number): Promise<Claim> {
  const key = { pk: `${claimPrefix(consumer)}${eventId}`, sk: 'CONSUMED' };
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
  const key = { pk: `${claimPrefix(consumer)}${eventId}`, sk: 'CONSUMED' };
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

/** The prefix of a consumer's dedupe claim keys: the grant of a consumer's role is limited to it. */
export function claimPrefix(scope: string): string {
  return `CONSUMED#${scope}#`;
}

export class UnhandledEventError extends Error {}

export function consumer<T extends EventType>(options: ConsumerOptions<T>): (event: SQSEvent, context: Context) => Promise<SQSBatchResponse> {
  const leaseSeconds = options.leaseSeconds ?? Math.max(120, options.spec.timeoutSeconds ?? 0);
  const name = `${options.service}.${options.spec.name}`;
  const handlers = options.handlers as unknown as Record<string, ((event: DomainEvent, context: Context) => Promise<void>) | undefined>;
  for (const type of options.spec.eventTypes) {
    if (typeof handlers[type] !== 'function') throw new Error(`consumer ${name} subscribes to ${type} but has no handler for it`);
  }
  return async (event, context) => {
    const failures: { itemIdentifier: string }[] = [];
    let done = 0;
    let repeated = 0;
    for (const record of event.Records) {
      let parsed: DomainEvent;
      try {
        parsed = parseRecord(record, options.contracts);
      } catch (err) {
        // Never succeeds however often it is retried: fail it so that it ends in the DLQ for a human.
        log.error('poison message', { consumer: name, messageId: record.messageId, reason: (err as Error).message });
        failures.push({ itemIdentifier: record.messageId });
        continue;
      }
      const handle = (options.spec.eventTypes as readonly string[]).includes(parsed.type) ? handlers[parsed.type] : undefined;
      if (!handle) {
        // The filter policy and the handlers come from one spec, so this is a deployment out of step
        // with the code: fail it (retried, then the DLQ and its alarm) rather than drop it unseen.
        log.error('event not handled', { consumer: name, messageId: record.messageId, eventId: parsed.id, type: parsed.type });
        failures.push({ itemIdentifier: record.messageId });
        continue;
      }
      try {
        const state = await claim(options.tableName, name, parsed.id, leaseSeconds);
        if (state === 'done') {
          repeated += 1;
          continue;
        }
        if (state === 'busy') {
          failures.push({ itemIdentifier: record.messageId });
          continue;
        }
        try {
          await handle(parsed, context);
        } catch (err) {
          await settle(options.tableName, name, parsed.id, false);
          throw err;
        }
        await settle(options.tableName, name, parsed.id, true);
        done += 1;
      } catch (err) {
        log.error('event failed', { consumer: name, eventId: parsed.id, type: parsed.type, err });
        failures.push({ itemIdentifier: record.messageId });
      }
    }
    log.info('batch', { consumer: name, size: event.Records.length, done, repeated, failed: failures.length });
    return { batchItemFailures: failures };
  };
}
