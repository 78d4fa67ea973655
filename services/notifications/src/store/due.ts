// The "due by now" indexes: schedules find their work in a gsi2 partition whose sort keys start with
// the ISO time the item is due (`<due ISO>#<id>`): held digests, pick-up reminders, queued broadcasts.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import type { Item } from '@liaison/kit/ddb/table';

export interface DuePage {
  items: Item[];
  next: Record<string, unknown> | null;
}

/** One page of a due partition's items due at `nowMs` or before, earliest first (index query, no Scan). */
export async function dueItems(tableName: string, partition: string, nowMs: number, limit: number, cursor?: Record<string, unknown>): Promise<DuePage> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p AND gsi2sk <= :now',
      ExpressionAttributeValues: { ':p': partition, ':now': `${new Date(nowMs).toISOString()}#~` },
      Limit: limit,
      ExclusiveStartKey: cursor,
    }),
  );
  return { items: (out.Items ?? []) as Item[], next: (out.LastEvaluatedKey as Record<string, unknown> | undefined) ?? null };
}
