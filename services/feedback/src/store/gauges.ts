// The ticket gauges the escalation schedule writes every minute (EMF: TicketsOpen, TicketsOverdue,
// TicketsOverdueCritical), read from the sparse "timer running" index: an unresolved ticket is exactly a
// ticket with a running timer, and its sort key is its next due time, so `< now` is exactly the overdue
// ones. The open count asks DynamoDB to count (Select COUNT: no items come back); the overdue read takes
// the severity only. Both read only what they count, never the resolved or closed tickets.
import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { ticketPartitions as parts } from './keys';

export interface TicketGauges {
  open: number;
  overdue: number;
  overdueCritical: number;
}

export async function ticketGauges(tableName: string, now: string): Promise<TicketGauges> {
  const gauges: TicketGauges = { open: 0, overdue: 0, overdueCritical: 0 };
  let startKey: Record<string, unknown> | undefined;
  do {
    const out: QueryCommandOutput = await ddb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p',
        ExpressionAttributeValues: { ':p': parts.running },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    gauges.open += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  do {
    const out: QueryCommandOutput = await ddb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :p AND gsi2sk < :now',
        ExpressionAttributeValues: { ':p': parts.running, ':now': now },
        ProjectionExpression: 'severity',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of out.Items ?? []) {
      gauges.overdue += 1;
      if (item.severity === 'critical') gauges.overdueCritical += 1;
    }
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return gauges;
}
