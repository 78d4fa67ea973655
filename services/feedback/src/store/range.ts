// One page of an index partition whose sort keys sort below a bound (`gsiNsk < below`): for the
// due-time indexes, where `below` is now and the key condition itself stops at what is due, so a
// query never reads an item that is not. The kit's queryPage takes only a sort-key prefix.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { decodeCursor, encodeCursor } from '@liaison/kit/ddb/cursor';
import type { IndexName } from '@liaison/kit/ddb/design';
import type { Item, Page } from '@liaison/kit/ddb/table';

export interface BelowQuery {
  tableName: string;
  index: IndexName;
  partition: string;
  below: string;
  limit: number;
  cursor?: string | undefined;
  binding?: string;
}

export async function queryBelow<T extends Item>(q: BelowQuery): Promise<Page<T>> {
  const pk = `${q.index}pk`;
  const sk = `${q.index}sk`;
  const binding = `${q.index}|${q.partition}|below|${q.binding ?? ''}`;
  const keyNames = ['pk', 'sk', pk, sk];
  let startKey: Record<string, unknown> | undefined = q.cursor ? decodeCursor(q.cursor, binding, keyNames, { name: pk, value: q.partition }) : undefined;
  const items: T[] = [];
  // Ask for one more than the page, to learn whether another page exists.
  while (items.length <= q.limit) {
    const out = await ddb.send(
      new QueryCommand({
        TableName: q.tableName,
        IndexName: q.index,
        KeyConditionExpression: '#pk = :pk AND #sk < :below',
        ExpressionAttributeNames: { '#pk': pk, '#sk': sk },
        ExpressionAttributeValues: { ':pk': q.partition, ':below': q.below },
        ExclusiveStartKey: startKey,
        Limit: q.limit + 1 - items.length,
      }),
    );
    items.push(...((out.Items ?? []) as T[]));
    startKey = out.LastEvaluatedKey;
    if (!startKey) break;
  }
  if (items.length <= q.limit) return { items, nextCursor: null };
  const page = items.slice(0, q.limit);
  const last = page[page.length - 1] as Item;
  return { items: page, nextCursor: encodeCursor(Object.fromEntries(keyNames.map((k) => [k, last[k] as string])), binding) };
}
