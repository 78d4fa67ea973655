// Building blocks for transactional writes: new items, versioned updates and deletes (no lost update),
// and guard items that make a value (an externalId, an email) unique within the event.
import type { Item, Key, TransactItem } from './table';

/** Put of a new item; fails its condition if the key exists. */
export function putNew(tableName: string, item: Item & Key): TransactItem {
  return { Put: { TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' } };
}

/** Claims `key` (a guard item) for `ownerId`; fails if another owner holds it. Idempotent for the same owner. */
export function claimUnique(tableName: string, key: Key, ownerId: string, kind: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: { ...key, ownerId, kind },
      ConditionExpression: 'attribute_not_exists(pk) OR ownerId = :owner',
      ExpressionAttributeValues: { ':owner': ownerId },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Releases a guard item held by `ownerId`. */
export function releaseUnique(tableName: string, key: Key, ownerId: string): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: key,
      ConditionExpression: 'attribute_not_exists(pk) OR ownerId = :owner',
      ExpressionAttributeValues: { ':owner': ownerId },
    },
  };
}

/**
 * `SET a = :v, … REMOVE b, …` for `attrs` (undefined values are removed), with `extraSets` first
 * (their names and values are the caller's); names `#aN`, values `:vN`.
 */
export function setExpression(attrs: Record<string, unknown>, extraSets: string[] = []): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = [...extraSets];
  const removes: string[] = [];
  Object.entries(attrs).forEach(([attr, value], i) => {
    names[`#a${i}`] = attr;
    if (value === undefined) removes.push(`#a${i}`);
    else {
      values[`:v${i}`] = value;
      sets.push(`#a${i} = :v${i}`);
    }
  });
  const expression = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''].filter(Boolean).join(' ');
  return { expression, names, values };
}

/**
 * Sets `set` (undefined values are removed) and bumps `version`, on condition that the item is still at
 * `expectedVersion`. Attributes not named are left alone (counters kept on the same item survive).
 */
export function versionedUpdate(tableName: string, key: Key, expectedVersion: number, set: Record<string, unknown>): TransactItem {
  const update = setExpression(set, ['#version = :next']);
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: update.expression,
      ConditionExpression: '#version = :expected',
      ExpressionAttributeNames: { '#version': 'version', ...update.names },
      ExpressionAttributeValues: { ':expected': expectedVersion, ':next': expectedVersion + 1, ...update.values },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Deletes an item on condition that it is still at `expectedVersion` (and `extraCondition`, if any). */
export function versionedDelete(
  tableName: string,
  key: Key,
  expectedVersion: number,
  extra?: { expression: string; values?: Record<string, unknown> },
): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: key,
      ConditionExpression: `#version = :expected${extra ? ` AND ${extra.expression}` : ''}`,
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': expectedVersion, ...extra?.values },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}

/** Adds `delta` to a counter on an item that must exist. */
export function addToCounter(tableName: string, key: Key, counter: string, delta: number): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'ADD #c :d',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#c': counter },
      ExpressionAttributeValues: { ':d': delta },
    },
  };
}

/** A check that an item exists (and `condition` holds), without writing it. */
export function mustExist(tableName: string, key: Key, condition?: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> }): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: key,
      ConditionExpression: `attribute_exists(pk)${condition ? ` AND ${condition.expression}` : ''}`,
      ExpressionAttributeNames: condition?.names,
      ExpressionAttributeValues: condition?.values,
    },
  };
}
