// Broadcasts as stored: the item POST /broadcasts writes, the fan-out's progress on it (its cursor, so
// that a crashed fan-out resumes where it stopped), and the reader the sends worker uses.
//
//   BROADCAST#<id> / BROADCAST   the broadcast: what to say, to whom, on which channels; status, fan-out cursor
//   BROADCAST#<id> / COUNTS#<n>  sharded delivery counters (written by the sends path, summed by store/counts.ts)
import type { BroadcastAudience, BroadcastStatus } from '@liaison/contracts';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { getItem, transact } from '@liaison/kit/ddb/table';
import { putNew, setExpression } from '@liaison/kit/ddb/writes';
import type { Channel, Priority } from '../types';
import type { BroadcastCounts } from './counts';
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

function toRecord(item: Record<string, unknown>): BroadcastRecord {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _gs, ...rest } = item;
  return rest as unknown as BroadcastRecord;
}

/** Writes a new broadcast, `queued` (joins the request's Idempotency-Key mark). */
export async function createBroadcast(tableName: string, b: NewBroadcast): Promise<BroadcastRecord> {
  const record: BroadcastRecord = { ...b, status: 'queued', version: 1, fanout: FANOUT_START, recipients: null, fannedOutAt: null, updatedAt: b.createdAt };
  // Listed in the event's broadcasts (gsi1), newest last: the export reads them there.
  await transact([putNew(tableName, { ...keys.broadcast(b.id), gsi1pk: partitions.allBroadcasts, gsi1sk: `${b.createdAt}#${b.id}`, ...record })]);
  return record;
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
  const set: Record<string, unknown> = { status: change.status, fanout: change.fanout, updatedAt: change.at };
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
