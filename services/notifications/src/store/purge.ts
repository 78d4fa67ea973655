// The retention purge of one person's delivery log: each delivery keeps what the counts need (channel,
// status, reason, template, language, cause, broadcast, times, segments) and loses `to`, `subject` and
// `body`. By the person's index partition only. Deliveries still `pending` or `deferred` are left to
// their sender (they need `to`; a purge runs after the event, when none should be left) and counted.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { queryPage, type Item } from '@liaison/kit/ddb/table';
import { keys, partitions } from './keys';

const FINAL = ['sent', 'failed', 'skipped'];
const PERSONAL = ['to', 'subject', 'body'] as const;

export interface DeliveryPurge {
  purged: number;
  /** Still pending or deferred: not purged now. */
  unsent: number;
}

export async function purgeDeliveriesOf(tableName: string, personId: string): Promise<DeliveryPurge> {
  const out: DeliveryPurge = { purged: 0, unsent: 0 };
  let cursor: string | undefined;
  do {
    const page = await queryPage<Item>({ tableName, index: 'gsi1', partition: partitions.deliveriesOfPerson(personId), limit: 100, cursor });
    for (const item of page.items) {
      if (!PERSONAL.some((a) => item[a] !== null && item[a] !== undefined)) continue;
      if (!FINAL.includes(item.status as string)) {
        out.unsent += 1;
        continue;
      }
      try {
        await ddb.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.delivery(item.id as string),
            UpdateExpression: 'SET #to = :null, #subject = :null, #body = :null',
            // Only a final delivery: a status that moved on meanwhile is its sender's.
            ConditionExpression: '#status IN (:sent, :failed, :skipped)',
            ExpressionAttributeNames: { '#to': 'to', '#subject': 'subject', '#body': 'body', '#status': 'status' },
            ExpressionAttributeValues: { ':null': null, ':sent': 'sent', ':failed': 'failed', ':skipped': 'skipped' },
          }),
        );
        out.purged += 1;
      } catch (err) {
        if (!(err instanceof ConditionalCheckFailedException)) throw err;
        out.unsent += 1;
      }
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
