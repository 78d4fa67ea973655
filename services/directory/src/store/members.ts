// Party member counters that cannot drift: every change of who belongs to a party adds to one of the
// party's counter shards inside the same transaction as the person's change, so a failed or cut-short
// write changes neither. Parallel writers pick different shards, so they rarely conflict on one item.
import type { Item, TransactItem } from '@liaison/kit/ddb/table';
import type { Role } from '@liaison/kit/ddb/conflicts';
import { derivedKeys, MEMBER_SHARD_PREFIX, MEMBER_SHARDS } from './derived-keys';

/** A shard for one transaction's counter changes. */
export function pickShard(): number {
  return Math.floor(Math.random() * MEMBER_SHARDS);
}

/** The party's shards, all at zero, written with the party; a shard's existence is the party's, for racing writers. */
export function newShardItems(tableName: string, partyId: string): TransactItem[] {
  return Array.from({ length: MEMBER_SHARDS }, (_, n) => ({
    Put: { TableName: tableName, Item: { ...derivedKeys.memberShard(partyId, n), members: 0 }, ConditionExpression: 'attribute_not_exists(pk)' },
  }));
}

/** Adds each party's delta to shard `shard` of that party; a party that is gone fails its item (role `reference`). */
export function memberDeltaItems(tableName: string, deltas: Map<string, number>, shard: number): { items: TransactItem[]; roles: Role[] } {
  const items: TransactItem[] = [];
  const roles: Role[] = [];
  for (const [partyId, delta] of deltas) {
    if (delta === 0) continue;
    items.push({
      Update: {
        TableName: tableName,
        Key: derivedKeys.memberShard(partyId, shard),
        UpdateExpression: 'ADD #m :d',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#m': 'members' },
        ExpressionAttributeValues: { ':d': delta },
      },
    });
    roles.push({ kind: 'reference', path: 'partyId', message: `party ${partyId} does not exist` });
  }
  return { items, roles };
}

/** Adds `delta` to `partyId` in `deltas`. */
export function addDelta(deltas: Map<string, number>, partyId: string | null, delta: number): void {
  if (partyId) deltas.set(partyId, (deltas.get(partyId) ?? 0) + delta);
}

/** The shards found among a party partition's items: shard number → members. */
export function shardsOf(items: Item[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const item of items) {
    const sk = item.sk as string;
    if (sk.startsWith(MEMBER_SHARD_PREFIX)) out.set(Number(sk.slice(MEMBER_SHARD_PREFIX.length)), Number(item.members ?? 0));
  }
  return out;
}

export function sumOf(shards: Map<number, number>): number {
  let sum = 0;
  for (const v of shards.values()) sum += v;
  return sum;
}

/**
 * Deletes every shard of a party on condition that each still holds what was read: together they
 * prove the member count is still the zero that was read, with no single item every writer touches.
 */
export function dropShardItems(tableName: string, partyId: string, read: Map<number, number>): { items: TransactItem[]; roles: Role[] } {
  const items: TransactItem[] = Array.from({ length: MEMBER_SHARDS }, (_, n) => {
    const seen = read.get(n);
    return {
      Delete: {
        TableName: tableName,
        Key: derivedKeys.memberShard(partyId, n),
        ...(seen === undefined
          ? { ConditionExpression: 'attribute_not_exists(pk)' }
          : { ConditionExpression: '#m = :seen', ExpressionAttributeNames: { '#m': 'members' }, ExpressionAttributeValues: { ':seen': seen } }),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    };
  });
  return { items, roles: items.map(() => ({ kind: 'other' }) as const) };
}
