// Broadcasts as stored: the item POST /broadcasts writes, the fan-out's progress on it (its cursor, so
// that a crashed fan-out resumes where it stopped), and the reader the sends worker uses.
//
//   BROADCAST#<id> / BROADCAST   the broadcast: what to say, to whom, on which channels; status, fan-out cursor
//                                gsi2 BROADCASTS#QUEUED / <re-queue due ISO>#<id> while `queued`
//   BROADCAST#<id> / COUNTS#<n>  sharded delivery counters (written by the sends path, summed by store/counts.ts)
//
// POST /broadcasts hands the broadcast to the fan-out queue after storing it. If that send fails the
// broadcast is stored all the same: while it is `queued` it sits in the index of queued broadcasts, and
// the `queued-broadcasts` schedule hands it to the fan-out again once its re-queue is due (a minute after
// it was made, then later and later). The fan-out's first step takes it out of the index.
import type { BroadcastAudience, BroadcastStatus } from '@liaison/contracts';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { getItem, transact } from '@liaison/kit/ddb/table';
import { putNew, setExpression } from '@liaison/kit/ddb/writes';
import type { Channel, Priority } from '../types';
import type { BroadcastCounts } from './counts';
import { dueItems } from './due';
import { keys, partitions } from './keys';

/** Where a fan-out stands: which part of the audience (a party, a role) and the index cursor within it. */
export interface FanoutCursor {
  /** Index into the audience's list of parts (parties, roles, or pages of `personIds`). */
  part: number;
  /** The index cursor within the part; null at its start. */
  cursor: string | null;
  /** Chunks sent to the `sends` queue so far. */
  chunks: number;
  /** People sent so far. */
  recipients: number;
}

export interface BroadcastRecord {
  id: string;
  /** Stored statuses; `done` is decided on read, from the counts. */
  status: Exclude<BroadcastStatus, 'done'> | 'done';
  audience: BroadcastAudience;
  message: { id?: string; en?: string } | null;
  templateKey: string | null;
  vars: Record<string, string>;
  channels: Channel[];
  priority: Priority;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  version: number;
  fanout: FanoutCursor;
  /** People the audience resolved to, once the fan-out has finished. */
  recipients: number | null;
  fannedOutAt: string | null;
}

export type NewBroadcast = Omit<BroadcastRecord, 'status' | 'version' | 'fanout' | 'recipients' | 'fannedOutAt' | 'updatedAt'>;

export const FANOUT_START: FanoutCursor = { part: 0, cursor: null, chunks: 0, recipients: 0 };

/** How long after it was made a broadcast still `queued` is handed to the fan-out again; each re-queue doubles the wait. */
export const REQUEUE_AFTER_MS = 60_000;
/** Re-queues before the schedule gives up on a broadcast (about an hour in all): its fan-out keeps failing. */
export const MAX_REQUEUES = 6;

const queuedSort = (dueMs: number, id: string) => `${new Date(dueMs).toISOString()}#${id}`;

function toRecord(item: Record<string, unknown>): BroadcastRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _gs, gsi2pk: _q, gsi2sk: _qs, requeues: _r, ...rest } = item;
  return rest as unknown as BroadcastRecord;
}

/** Writes a new broadcast, `queued` (joins the request's Idempotency-Key mark). */
export async function createBroadcast(tableName: string, b: NewBroadcast): Promise<BroadcastRecord> {
  const record: BroadcastRecord = { ...b, status: 'queued', version: 1, fanout: FANOUT_START, recipients: null, fannedOutAt: null, updatedAt: b.createdAt };
  // Listed in the event's broadcasts (gsi1), newest last: the export reads them there. Queued (gsi2)
  // until its fan-out starts, so that one whose hand-over to the fan-out failed is handed over again.
  const queued = { gsi2pk: partitions.queuedBroadcasts, gsi2sk: queuedSort(Date.parse(b.createdAt) + REQUEUE_AFTER_MS, b.id) };
  await transact([putNew(tableName, { ...keys.broadcast(b.id), gsi1pk: partitions.allBroadcasts, gsi1sk: `${b.createdAt}#${b.id}`, ...queued, ...record })]);
  return record;
}

/** A broadcast in the index of queued ones, as the schedule reads it. */
export interface QueuedBroadcast {
  id: string;
  /** Its entry's sort key, to move it on only if nobody did since. */
  due: string;
  /** Times the schedule has handed it to the fan-out already. */
  requeues: number;
}

/** One page of broadcasts still `queued` whose re-queue is due at `nowMs`, oldest first (index query, no Scan). */
export async function dueQueuedBroadcasts(tableName: string, nowMs: number, limit: number, cursor?: Record<string, unknown>): Promise<{ items: QueuedBroadcast[]; next: Record<string, unknown> | null }> {
  const page = await dueItems(tableName, partitions.queuedBroadcasts, nowMs, limit, cursor);
  const items = page.items.map((i) => ({ id: i.id as string, due: i.gsi2sk as string, requeues: (i.requeues as number | undefined) ?? 0 }));
  return { items, next: page.next };
}

/**
 * After the schedule handed a queued broadcast to the fan-out: its next re-queue is due twice as late,
 * or, after MAX_REQUEUES, never (it leaves the index; answers 'given up'). Only over the entry that was
 * read, so two runs count one re-queue; false when the fan-out took it out of the index first. The
 * broadcast's version is left alone: it orders the fan-out's own steps, which this must not disturb.
 */
export async function markRequeued(tableName: string, q: QueuedBroadcast, nowMs: number): Promise<'requeued' | 'given up' | false> {
  const requeues = q.requeues + 1;
  const givenUp = requeues >= MAX_REQUEUES;
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.broadcast(q.id),
        UpdateExpression: givenUp ? 'SET requeues = :n REMOVE gsi2pk, gsi2sk' : 'SET requeues = :n, gsi2sk = :next',
        ConditionExpression: 'gsi2sk = :seen',
        ExpressionAttributeValues: { ':n': requeues, ':seen': q.due, ...(givenUp ? {} : { ':next': queuedSort(nowMs + REQUEUE_AFTER_MS * 2 ** requeues, q.id) }) },
      }),
    );
    return givenUp ? 'given up' : 'requeued';
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

export async function getBroadcast(tableName: string, id: string, consistent = false): Promise<BroadcastRecord | null> {
  const item = await getItem(tableName, keys.broadcast(id), consistent);
  return item ? toRecord(item) : null;
}

/**
 * Moves the fan-out on, on condition that nobody else did since `seenVersion` was read: false when
 * another worker got there first (a duplicate message), which then stops.
 */
export async function saveFanout(
  tableName: string,
  id: string,
  seenVersion: number,
  change: { status: BroadcastRecord['status']; fanout: FanoutCursor; recipients?: number; fannedOutAt?: string; at: string },
): Promise<boolean> {
  // Out of the index of queued broadcasts: its fan-out has started.
  const set: Record<string, unknown> = { status: change.status, fanout: change.fanout, updatedAt: change.at, gsi2pk: undefined, gsi2sk: undefined };
  if (change.recipients !== undefined) set.recipients = change.recipients;
  if (change.fannedOutAt !== undefined) set.fannedOutAt = change.fannedOutAt;
  const update = setExpression(set, ['#version = :next']);
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.broadcast(id),
        UpdateExpression: update.expression,
        ConditionExpression: '#version = :seen',
        ExpressionAttributeNames: { '#version': 'version', ...update.names },
        ExpressionAttributeValues: { ':seen': seenVersion, ':next': seenVersion + 1, ...update.values },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/**
 * `done` once the fan-out has finished and every delivery it asked for is settled: each person it
 * sent gets one delivery per channel asked for, and none is still being sent.
 */
export function broadcastStatus(b: Pick<BroadcastRecord, 'status' | 'recipients' | 'channels'>, counts: BroadcastCounts): BroadcastStatus {
  if (b.status !== 'sending') return b.status;
  const settled = counts.sent + counts.failed + counts.skipped + counts.deferred;
  const expected = (b.recipients ?? 0) * b.channels.length;
  return counts.pending === 0 && settled === counts.targeted && counts.targeted >= expected ? 'done' : 'sending';
}
