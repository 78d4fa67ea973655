// Delivery records: one item per (cause, recipient, channel), created with `attribute_not_exists(pk)`
// before anything is sent, so a redelivered request finds it and sends nothing. Every status change is
// conditional on the status and version read, and a broadcast's delivery moves its counter shard in the
// same transaction (store/counts.ts).
//
//   created: pending (about to send) | deferred (sendAt) | skipped (reason)
//   pending ──> sent | failed            deferred ──> pending (its time came) | skipped
//   pending past its lease ──> failed 'outcome unknown' (never sent again)
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Language } from '@liaison/contracts';
import { ddb } from '@liaison/kit/ddb/client';
import { batchGet, getItem, transact, type Item, type TransactItem } from '@liaison/kit/ddb/table';
import { setExpression } from '@liaison/kit/ddb/writes';
import type { Channel, DeliveryStatus, Priority } from '../types';
import { createdDelta, movedDelta, shardOf, shardUpdates, type CountDelta } from './counts';
import { keys, partitions } from './keys';

export interface DeliveryRecord {
  id: string;
  cause: string;
  personId: string | null;
  recipientKey: string;
  channel: Channel;
  /** The full phone number or email (deferred sends need it); the API masks it, logs never see it. */
  to: string | null;
  templateKey: string | null;
  language: Language | null;
  subject: string | null;
  body: string | null;
  segments: number | null;
  encoding: string | null;
  status: DeliveryStatus;
  reason: string | null;
  sourceEventId: string | null;
  broadcastId: string | null;
  priority: Priority;
  /** Send attempts made (provider calls). */
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  /** When a deferred delivery goes out (ISO). */
  sendAt: string | null;
  /** Until when a `pending` claim is its sender's; after it the outcome is unknown (ISO). */
  leaseUntil: string | null;
  /** The provider's message id (SNS MessageId, SES MessageId). */
  providerId: string | null;
  version: number;
}

export const OUTCOME_UNKNOWN = 'outcome unknown';

const FIELDS = [
  'id', 'cause', 'personId', 'recipientKey', 'channel', 'to', 'templateKey', 'language', 'subject', 'body', 'segments', 'encoding',
  'status', 'reason', 'sourceEventId', 'broadcastId', 'priority', 'attempts', 'createdAt', 'sentAt', 'sendAt', 'leaseUntil', 'providerId', 'version',
] as const satisfies readonly (keyof DeliveryRecord)[];

export function toDeliveryRecord(item: Item): DeliveryRecord {
  const r = Object.fromEntries(FIELDS.map((f) => [f, item[f] ?? null])) as unknown as DeliveryRecord;
  return { ...r, attempts: Number(item.attempts ?? 0), version: Number(item.version ?? 1) };
}

/** gsi2's sort key per status: deferred by sendAt (the schedule reads what is due), pending by lease end (the sweep reads what expired), the rest by creation. */
function statusOrder(r: Pick<DeliveryRecord, 'id' | 'status' | 'createdAt' | 'sendAt' | 'leaseUntil'>): string {
  if (r.status === 'deferred' && r.sendAt) return `${r.sendAt}#${r.id}`;
  if (r.status === 'pending' && r.leaseUntil) return `${r.leaseUntil}#${r.id}`;
  return `${r.createdAt}#${r.id}`;
}

function statusIndex(r: Pick<DeliveryRecord, 'id' | 'status' | 'createdAt' | 'sendAt' | 'leaseUntil'>): { gsi2pk: string; gsi2sk: string } {
  return { gsi2pk: partitions.deliveriesWithStatus(r.status), gsi2sk: statusOrder(r) };
}

export function deliveryItem(r: DeliveryRecord): Item & { pk: string; sk: string } {
  const order = `${r.createdAt}#${r.id}`;
  return {
    ...keys.delivery(r.id),
    ...r,
    // A driver's (no person) under the drivers' partition: the retention purge's last event reads it.
    gsi1pk: r.personId ? partitions.deliveriesOfPerson(r.personId) : partitions.driverDeliveries,
    gsi1sk: order,
    ...statusIndex(r),
    gsi3pk: partitions.allDeliveries,
    gsi3sk: order,
  };
}

function counted(r: Pick<DeliveryRecord, 'broadcastId' | 'recipientKey'>, delta: CountDelta): { broadcastId: string; shard: number; delta: CountDelta }[] {
  return r.broadcastId ? [{ broadcastId: r.broadcastId, shard: shardOf(r.recipientKey), delta }] : [];
}

export type Claim = { created: true; record: DeliveryRecord } | { created: false; record: DeliveryRecord };

/** Records a transaction may carry: each may bring a counter shard too, and a transaction takes 100 items. */
const CREATE_GROUP = 80;

/**
 * Creates the records that do not exist yet (each with its counts) and returns, per record in order,
 * whether this call created it or the stored one. Known ones are found first with one consistent
 * batch read, the rest created a group a transaction; a group that loses a race to another writer is
 * done again one record at a time.
 */
export async function createDeliveries(tableName: string, records: readonly DeliveryRecord[]): Promise<Claim[]> {
  if (records.length === 0) return [];
  const stored = new Map((await batchGet(tableName, records.map((r) => keys.delivery(r.id)), true)).map((item) => [item.id as string, toDeliveryRecord(item)]));
  const out = new Map<string, Claim>();
  const fresh: DeliveryRecord[] = [];
  for (const r of records) {
    const s = stored.get(r.id);
    if (s) out.set(r.id, { created: false, record: s });
    else if (!fresh.some((f) => f.id === r.id)) fresh.push(r);
  }
  for (let i = 0; i < fresh.length; i += CREATE_GROUP) {
    const group = fresh.slice(i, i + CREATE_GROUP);
    try {
      await transact(createItems(tableName, group));
      for (const r of group) out.set(r.id, { created: true, record: r });
    } catch (err) {
      if (!(err instanceof TransactionCanceledException)) throw err;
      for (const r of group) out.set(r.id, await createOne(tableName, r));
    }
  }
  return records.map((r) => out.get(r.id)!);
}

function createItems(tableName: string, group: readonly DeliveryRecord[]): TransactItem[] {
  return [
    ...group.map((r): TransactItem => ({ Put: { TableName: tableName, Item: deliveryItem(r), ConditionExpression: 'attribute_not_exists(pk)' } })),
    ...shardUpdates(tableName, group.flatMap((r) => counted(r, createdDelta(r.status)))),
  ];
}

async function createOne(tableName: string, r: DeliveryRecord): Promise<Claim> {
  try {
    if (r.broadcastId) await transact(createItems(tableName, [r]));
    else await ddb.send(new PutCommand({ TableName: tableName, Item: deliveryItem(r), ConditionExpression: 'attribute_not_exists(pk)' }));
    return { created: true, record: r };
  } catch (err) {
    if (!(err instanceof TransactionCanceledException) && !(err instanceof ConditionalCheckFailedException)) throw err;
    const item = await getItem(tableName, keys.delivery(r.id), true);
    if (!item) throw err;
    return { created: false, record: toDeliveryRecord(item) };
  }
}

/** The status change was refused: the record is no longer at the status and version read. */
export class StaleDeliveryError extends Error {}

/**
 * Moves a record from its status (at its version) to `next` with `set` (null clears), moving its
 * broadcast counts in the same transaction. Returns the record as written.
 */
export async function moveDelivery(
  tableName: string,
  r: DeliveryRecord,
  next: DeliveryStatus,
  set: Partial<Omit<DeliveryRecord, 'id' | 'status' | 'version'>> = {},
): Promise<DeliveryRecord> {
  const { item, after } = moveUpdate(tableName, { record: r, next, set });
  const counters = shardUpdates(tableName, counted(r, movedDelta(r.status, next)));
  try {
    if (counters.length === 0) await ddb.send(new UpdateCommand(item.Update as never));
    else await transact([item, ...counters]);
  } catch (err) {
    const refused =
      err instanceof ConditionalCheckFailedException ||
      (err instanceof TransactionCanceledException && err.CancellationReasons?.[0]?.Code === 'ConditionalCheckFailed');
    if (refused) throw new StaleDeliveryError(`delivery ${r.id} is no longer ${r.status} at version ${r.version}`);
    throw err;
  }
  return after;
}

export interface Move {
  record: DeliveryRecord;
  next: DeliveryStatus;
  set: Partial<Omit<DeliveryRecord, 'id' | 'status' | 'version'>>;
}

/** The conditional update of a move (status and version as read), and the record after it. */
function moveUpdate(tableName: string, { record: r, next, set }: Move): { item: TransactItem & { Update: NonNullable<TransactItem['Update']> }; after: DeliveryRecord } {
  const after: DeliveryRecord = { ...r, ...set, status: next, version: r.version + 1 };
  const attrs: Record<string, unknown> = { status: next, ...statusIndex(after) };
  for (const [k, v] of Object.entries(set)) attrs[k] = v ?? undefined;
  const update = setExpression(attrs, ['#version = :next']);
  return {
    after,
    item: {
      Update: {
        TableName: tableName,
        Key: keys.delivery(r.id),
        UpdateExpression: update.expression,
        ConditionExpression: '#version = :expected AND #st = :from',
        ExpressionAttributeNames: { '#version': 'version', '#st': 'status', ...update.names },
        ExpressionAttributeValues: { ':expected': r.version, ':next': after.version, ':from': r.status, ...update.values },
      },
    },
  };
}

/** Moves per transaction: each may bring a counter shard, and a transaction takes 100 items. */
export const MOVE_GROUP = 25;

/**
 * Several moves in one transaction, their broadcast counts folded into one update per shard: what
 * settling a burst of sends costs. When one of them is refused (its record moved meanwhile), each is
 * done alone; a refused one answers the record as stored.
 */
export async function moveDeliveries(tableName: string, moves: readonly Move[]): Promise<DeliveryRecord[]> {
  if (moves.length === 0) return [];
  if (moves.length === 1) return [await moveOrRead(tableName, moves[0]!)];
  const built = moves.map((m) => moveUpdate(tableName, m));
  const counters = shardUpdates(tableName, moves.flatMap((m) => counted(m.record, movedDelta(m.record.status, m.next))));
  try {
    await transact([...built.map((b) => b.item), ...counters]);
    return built.map((b) => b.after);
  } catch (err) {
    if (!(err instanceof TransactionCanceledException) || !(err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed')) throw err;
    return Promise.all(moves.map((m) => moveOrRead(tableName, m)));
  }
}

async function moveOrRead(tableName: string, m: Move): Promise<DeliveryRecord> {
  try {
    return await moveDelivery(tableName, m.record, m.next, m.set);
  } catch (err) {
    if (!(err instanceof StaleDeliveryError)) throw err;
    return (await getDelivery(tableName, m.record.id)) ?? m.record;
  }
}

export async function getDelivery(tableName: string, id: string, consistent = true): Promise<DeliveryRecord | null> {
  const item = await getItem(tableName, keys.delivery(id), consistent);
  return item ? toDeliveryRecord(item) : null;
}

export interface DuePage {
  records: DeliveryRecord[];
  next: Record<string, unknown> | undefined;
}

/**
 * One page of the records at `status` whose gsi2 time (sendAt for deferred, lease end for pending)
 * is at or before `atIso`, oldest first.
 */
export async function dueWithStatus(tableName: string, status: 'deferred' | 'pending', atIso: string, startKey?: Record<string, unknown>, limit = 100): Promise<DuePage> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      // `#` sorts before every id character, `~` after: `<at>#~` bounds every key of that instant.
      KeyConditionExpression: 'gsi2pk = :p AND gsi2sk <= :at',
      ExpressionAttributeValues: { ':p': partitions.deliveriesWithStatus(status), ':at': `${atIso}#~` },
      ExclusiveStartKey: startKey,
      Limit: limit,
    }),
  );
  return { records: (out.Items ?? []).map(toDeliveryRecord), next: out.LastEvaluatedKey };
}
