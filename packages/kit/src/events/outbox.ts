// Transactional outbox: events are written in the same DynamoDB transaction as the change they
// describe, published right after the commit, and deleted once SNS has them. If the publish fails
// (or the function dies first) the scheduled relay publishes what is left, so no event is lost;
// consumers dedupe by event id, so one published twice is harmless.
import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Envelope } from '@liaison/contracts';
import { clock } from '../clock';
import { ddb } from '../ddb/client';
import { transact, type CancelReason, type Key, type TransactItem } from '../ddb/table';
import { log } from '../log';
import { publishEvents } from './publisher';

const OUTBOX_PARTITION = 'OUTBOX';
const KEEP_SECONDS = 14 * 24 * 3600;

export interface OutboxEntry {
  key: Key;
  events: Envelope[];
}

export function outboxEntry(tableName: string, events: Envelope[]): { put: TransactItem; entry: OutboxEntry } {
  const first = events[0];
  if (!first) throw new Error('an outbox entry needs at least one event');
  const key = { pk: `OUTBOX#${first.id}`, sk: 'OUTBOX' };
  return {
    entry: { key, events },
    put: {
      Put: {
        TableName: tableName,
        Item: {
          ...key,
          gsi1pk: OUTBOX_PARTITION,
          gsi1sk: `${first.occurredAt}#${first.id}`,
          // One string, not nested maps: cheaper to write and read, and never rewritten.
          events: JSON.stringify(events),
          expiresAt: clock.epochSeconds() + KEEP_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/** Publishes an entry and deletes it; on failure leaves it for the relay and says so in the log. */
export async function flushOutbox(tableName: string, topicArn: string, entry: OutboxEntry): Promise<boolean> {
  try {
    await publishEvents(topicArn, entry.events);
  } catch (err) {
    log.warn('publish failed; the outbox relay will retry', { outbox: entry.key.pk, err: (err as Error).message });
    return false;
  }
  await ddb.send(new DeleteCommand({ TableName: tableName, Key: entry.key })).catch((err: Error) => {
    log.warn('outbox entry published but not deleted; the relay may publish it again', { outbox: entry.key.pk, err: err.message });
  });
  return true;
}

export interface EventWriter {
  tableName: string;
  topicArn: string;
}

/**
 * Commits `items` and the outbox entry for `events` in one transaction, then publishes.
 * `onCancel` maps the cancellation reasons of `items` (the outbox put is last and never the cause).
 */
export async function commitWithEvents(
  writer: EventWriter,
  items: TransactItem[],
  events: Envelope[],
  onCancel?: (reasons: CancelReason[]) => Error | null,
): Promise<void> {
  if (events.length === 0) {
    await transact(items, onCancel);
    return;
  }
  const { put, entry } = outboxEntry(writer.tableName, events);
  await transact([...items, put], onCancel);
  await flushOutbox(writer.tableName, writer.topicArn, entry);
}

/** Publishes every outbox entry older than `graceMs` (younger ones are still being flushed inline). */
export async function relayOutbox(writer: EventWriter, graceMs = 30_000): Promise<{ entries: number; events: number; failed: number }> {
  const cutoff = new Date(clock.nowMs() - graceMs).toISOString();
  let startKey: Record<string, unknown> | undefined;
  const stats = { entries: 0, events: 0, failed: 0 };
  do {
    const page = await ddb.send(
      new QueryCommand({
        TableName: writer.tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk < :cutoff',
        ExpressionAttributeValues: { ':p': OUTBOX_PARTITION, ':cutoff': cutoff },
        ExclusiveStartKey: startKey,
        Limit: 100,
      }),
    );
    for (const item of page.Items ?? []) {
      const entry: OutboxEntry = { key: { pk: item.pk as string, sk: item.sk as string }, events: JSON.parse(item.events as string) as Envelope[] };
      const ok = await flushOutbox(writer.tableName, writer.topicArn, entry);
      stats.entries += 1;
      stats.events += entry.events.length;
      if (!ok) stats.failed += 1;
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return stats;
}
