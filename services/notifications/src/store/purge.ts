// The retention purge of one person's delivery log: each delivery keeps what the counts need (channel,
// status, reason, template, language, cause, broadcast, times, segments) and loses `to`, `subject` and
// `body`. By the person's index partition only. Deliveries still `pending` or `deferred` are left to
// their sender (they need `to`; a purge runs after the event, when none should be left) and counted.
//
// The drivers (a name and a phone, of no one in the directory) go on the run's last event, as logistics'
// own copies do: the deliveries to drivers (their partition, `DELIVERIES#DRIVERS`) as a person's do; each
// trip of the projection that holds one (its index, `NOTIFY#DRIVERS`) keeps its vehicle's label and
// plate and loses the driver; and no pick-up reminder still waiting goes out after it.
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
  return purgeDeliveriesIn(tableName, partitions.deliveriesOfPerson(personId));
}

/** The deliveries to vehicles' drivers (no person; the purge's last event): the same as a person's. */
export async function purgeDriverDeliveries(tableName: string): Promise<DeliveryPurge> {
  return purgeDeliveriesIn(tableName, partitions.driverDeliveries);
}

async function purgeDeliveriesIn(tableName: string, partition: string): Promise<DeliveryPurge> {
  const out: DeliveryPurge = { purged: 0, unsent: 0 };
  let cursor: string | undefined;
  do {
    const page = await queryPage<Item>({ tableName, index: 'gsi1', partition, limit: 100, cursor });
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

export interface TripPurge {
  /** Trips whose driver was removed. */
  drivers: number;
  /** Pick-up reminders dropped before they went. */
  reminders: number;
}

/**
 * Calls `update` on the key of every item in an index partition, page by page by cursor (each update
 * takes its item out of the partition, so reading from the start again could meet it again).
 */
async function eachIn(tableName: string, index: 'gsi1' | 'gsi2', partition: string, update: (item: Item) => Promise<boolean>): Promise<number> {
  let done = 0;
  let cursor: string | undefined;
  do {
    const page = await queryPage<Item>({ tableName, index, partition, limit: 100, cursor });
    for (const item of page.items) if (await update(item)) done += 1;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return done;
}

/** Conditional on the item still being in the index partition: false when a newer write took it out first. */
async function updateInIndex(
  tableName: string,
  item: Item,
  indexKey: 'gsi1pk' | 'gsi2pk',
  partition: string,
  update: { expression: string; names?: Record<string, string>; values?: Record<string, unknown> },
): Promise<boolean> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: item.pk as string, sk: item.sk as string },
        UpdateExpression: update.expression,
        ConditionExpression: '#ix = :partition',
        ExpressionAttributeNames: { '#ix': indexKey, ...update.names },
        ExpressionAttributeValues: { ':partition': partition, ...update.values },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/** Removes every driver from the trip projection and drops the reminders not yet sent (the purge's last event). */
export async function purgeTrips(tableName: string): Promise<TripPurge> {
  const drivers = await eachIn(tableName, 'gsi1', partitions.tripsWithDriver, (item) =>
    updateInIndex(tableName, item, 'gsi1pk', partitions.tripsWithDriver, {
      expression: 'SET #vehicle.#driver = :null REMOVE gsi1pk, gsi1sk',
      names: { '#vehicle': 'vehicle', '#driver': 'driver' },
      values: { ':null': null },
    }),
  );
  const reminders = await eachIn(tableName, 'gsi2', partitions.dueReminders, (item) => updateInIndex(tableName, item, 'gsi2pk', partitions.dueReminders, { expression: 'REMOVE gsi2pk, gsi2sk, remindAt' }));
  return { drivers, reminders };
}
