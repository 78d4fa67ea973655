// A broadcast's delivery counts: eight counter shards (`COUNTS#0..7` under the broadcast's pk), each
// changed inside the transaction that writes or moves one of its deliveries, summed when read. A
// delivery adds `targeted` when it is created, with its first status (`pending` counts nowhere), and
// each later status change moves one count to another, so once nothing is pending
// targeted = sent + failed + skipped + deferred.
import { createHash } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import type { TransactItem } from '@liaison/kit/ddb/table';
import type { DeliveryStatus } from '../types';
import { COUNT_SHARDS, keys } from './keys';

export const COUNTED = ['targeted', 'sent', 'failed', 'skipped', 'deferred'] as const;
export type Counted = (typeof COUNTED)[number];
export type CountDelta = Partial<Record<Counted, number>>;

export interface BroadcastCounts extends Record<Counted, number> {
  /** Deliveries created and not settled yet (being sent): targeted minus the rest. */
  pending: number;
}

/** The shard of a recipient: the same recipient always lands on the same shard. */
export function shardOf(recipientKey: string): number {
  return createHash('sha256').update(recipientKey).digest().readUInt32BE(0) % COUNT_SHARDS;
}

/** What a delivery's status contributes: `pending` nothing, any other status one of itself. */
function statusDelta(status: DeliveryStatus, sign: 1 | -1): CountDelta {
  return status === 'pending' ? {} : { [status]: sign };
}

/** The counts a new delivery adds: targeted, and its first status. */
export function createdDelta(status: DeliveryStatus): CountDelta {
  return { targeted: 1, ...statusDelta(status, 1) };
}

/** The counts a status change moves. */
export function movedDelta(from: DeliveryStatus, to: DeliveryStatus): CountDelta {
  return addDeltas(statusDelta(from, -1), statusDelta(to, 1));
}

export function addDeltas(...deltas: CountDelta[]): CountDelta {
  const out: CountDelta = {};
  for (const d of deltas) for (const [k, v] of Object.entries(d) as [Counted, number][]) out[k] = (out[k] ?? 0) + v;
  for (const k of Object.keys(out) as Counted[]) if (out[k] === 0) delete out[k];
  return out;
}

/**
 * The update of one shard by `delta` (zero entries left out), or null when nothing changes. No
 * condition: the first delivery of a shard creates it (ADD on a missing item starts from 0).
 */
export function shardUpdate(tableName: string, broadcastId: string, shard: number, delta: CountDelta): TransactItem | null {
  const entries = Object.entries(delta).filter(([, v]) => v !== 0);
  if (entries.length === 0) return null;
  return {
    Update: {
      TableName: tableName,
      Key: keys.broadcastCounts(broadcastId, shard),
      UpdateExpression: `ADD ${entries.map((_, i) => `#c${i} :d${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#c${i}`, k])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:d${i}`, v])),
    },
  };
}

/**
 * Several deliveries' deltas folded into one update per shard they touch (a transaction may name an
 * item once, and fewer counter writes mean fewer transactions racing for the same shard).
 */
export function shardUpdates(tableName: string, changes: readonly { broadcastId: string; shard: number; delta: CountDelta }[]): TransactItem[] {
  const folded = new Map<string, { broadcastId: string; shard: number; delta: CountDelta }>();
  for (const c of changes) {
    const key = `${c.broadcastId}\u0000${c.shard}`;
    const seen = folded.get(key);
    folded.set(key, { broadcastId: c.broadcastId, shard: c.shard, delta: seen ? addDeltas(seen.delta, c.delta) : addDeltas(c.delta) });
  }
  return [...folded.values()].flatMap((c) => shardUpdate(tableName, c.broadcastId, c.shard, c.delta) ?? []);
}

/** The counts of a broadcast, its shards summed (all zero before its first delivery). */
export async function readBroadcastCounts(tableName: string, broadcastId: string, consistent = false): Promise<BroadcastCounts> {
  const { pk } = keys.broadcastCounts(broadcastId, 0);
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sk)',
      ExpressionAttributeValues: { ':pk': pk, ':sk': 'COUNTS#' },
      ConsistentRead: consistent,
    }),
  );
  const sum = Object.fromEntries(COUNTED.map((c) => [c, 0])) as Record<Counted, number>;
  for (const item of out.Items ?? []) for (const c of COUNTED) sum[c] += Number(item[c] ?? 0);
  return { ...sum, pending: sum.targeted - sum.sent - sum.failed - sum.skipped - sum.deferred };
}
