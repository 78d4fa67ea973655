// Writing a record item: new (must not exist) or replacing the version that was read (no lost update),
// with its index attributes; and its role for mapping a cancelled transaction.
import type { Role } from '@liaison/kit/ddb/conflicts';
import type { Item, Key, TransactItem } from '@liaison/kit/ddb/table';
import { putNew, versionedDelete } from '@liaison/kit/ddb/writes';

export function recordWrite(tableName: string, key: Key, record: { version: number } & object, index: Item, beforeVersion: number | null): { item: TransactItem; role: Role } {
  // A null index attribute cannot be stored in an index key: leave it out.
  const attrs = Object.fromEntries(Object.entries(index).filter(([, v]) => v !== null && v !== undefined));
  if (beforeVersion === null) return { item: putNew(tableName, { ...key, ...attrs, ...record }), role: { kind: 'new' } };
  return {
    item: {
      Put: {
        TableName: tableName,
        Item: { ...key, ...attrs, ...record },
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': beforeVersion },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    role: { kind: 'versioned', expected: beforeVersion },
  };
}

export function recordDelete(tableName: string, key: Key, version: number): { item: TransactItem; role: Role } {
  return { item: versionedDelete(tableName, key, version), role: { kind: 'versioned', expected: version } };
}

/** A check that a bookings item is still at `seenSeq` (0: that it does not exist), without writing it. */
export function bookingsUnchanged(tableName: string, key: Key, seenSeq: number): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: key,
      ConditionExpression: seenSeq === 0 ? 'attribute_not_exists(pk)' : 'seq = :seen',
      ...(seenSeq === 0 ? {} : { ExpressionAttributeValues: { ':seen': seenSeq } }),
    },
  };
}

/** A check that a record is still at `version`. */
export function recordUnchanged(tableName: string, key: Key, version: number): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: key,
      ConditionExpression: '#version = :v',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':v': version },
    },
  };
}
