// Single-table helpers: reads by key, paginated queries (never Scan), batches, and transactions whose
// cancellation reasons are mapped back to the domain error of the item that failed its condition.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type QueryCommandInput,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ConflictError } from '../errors';
import { ddb } from './client';
import { currentCommitMark } from './commit-scope';
import { decodeCursor, encodeCursor } from './cursor';
import { TABLE_DESIGN, type IndexName } from './design';

export type Item = Record<string, unknown>;
export type Key = { pk: string; sk: string };
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export async function getItem<T extends Item>(tableName: string, key: Key, consistent = false): Promise<T | null> {
  const out = await ddb.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: consistent }));
  return (out.Item as T | undefined) ?? null;
}

/** Reads many keys, 100 a request, retrying what DynamoDB leaves unprocessed. Order is not kept. */
export async function batchGet<T extends Item>(tableName: string, keys: Key[], consistent = false): Promise<T[]> {
  const unique = [...new Map(keys.map((k) => [`${k.pk}\u0000${k.sk}`, k])).values()];
  const chunks: Key[][] = [];
  for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100));
  const results = await Promise.all(
    chunks.map(async (chunk) => {
      const found: T[] = [];
      let pending: Record<string, unknown>[] = chunk;
      for (let attempt = 0; pending.length > 0; attempt++) {
        if (attempt > 0) await backoff(attempt);
        const out = await ddb.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: consistent } } }));
        found.push(...((out.Responses?.[tableName] as T[] | undefined) ?? []));
        pending = (out.UnprocessedKeys?.[tableName]?.Keys as Record<string, unknown>[] | undefined) ?? [];
        if (attempt > 8 && pending.length > 0) throw new Error(`BatchGet left ${pending.length} keys unprocessed`);
      }
      return found;
    }),
  );
  return results.flat();
}

function backoff(attempt: number): Promise<void> {
  return new Promise((r) => setTimeout(r, Math.min(1000, 25 * 2 ** attempt) * (0.5 + Math.random() / 2)));
}

// ---- queries

/** A FilterExpression with its names and values. */
export interface Filter {
  expression: string;
  names?: Record<string, string>;
  values?: Record<string, unknown>;
}

/** `attr = value` for every attribute given a value (undefined ones are left out). */
export function equalsFilter(attrs: Record<string, string | number | undefined>): Filter | undefined {
  const given = Object.entries(attrs).filter(([, v]) => v !== undefined);
  if (given.length === 0) return undefined;
  return {
    expression: given.map(([a]) => `#f_${a} = :f_${a}`).join(' AND '),
    names: Object.fromEntries(given.map(([a]) => [`#f_${a}`, a])),
    values: Object.fromEntries(given.map(([a, v]) => [`:f_${a}`, v])),
  };
}

/** `contains(attr, needle)`. */
export function containsFilter(attr: string, needle: string): Filter {
  return { expression: `contains(#c_${attr}, :c_${attr})`, names: { [`#c_${attr}`]: attr }, values: { [`:c_${attr}`]: needle } };
}

/** All of the filters given (undefined ones are left out). */
export function allOf(...filters: (Filter | undefined)[]): Filter | undefined {
  const present = filters.filter((f): f is Filter => f !== undefined);
  if (present.length === 0) return undefined;
  return {
    expression: present.map((f) => `(${f.expression})`).join(' AND '),
    names: Object.assign({}, ...present.map((f) => f.names)),
    values: Object.assign({}, ...present.map((f) => f.values)),
  };
}

export interface PageQuery {
  tableName: string;
  index?: IndexName;
  /** Partition value of the table (`pk`) or of the index (`gsiNpk`). */
  partition: string;
  /** Optional `begins_with` on the sort key. */
  sortPrefix?: string;
  /** Optional filter applied after the key condition (see `equalsFilter`, `containsFilter`, `allOf`). */
  filter?: Filter | undefined;
  limit: number;
  cursor?: string | undefined;
  /** Extra words that pin the cursor to this exact query (the filters). */
  binding?: string;
  forward?: boolean;
  /** Upper bound on items read to fill one page through a filter (keeps a sparse filter from reading forever). */
  maxRead?: number;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

function keyNamesOf(index?: IndexName): string[] {
  const base = [TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey];
  if (!index) return base;
  const def = TABLE_DESIGN.indexes.find((i) => i.name === index);
  if (!def) throw new Error(`unknown index ${index}`);
  return [...base, def.partitionKey, def.sortKey];
}

function partitionKeyName(index?: IndexName): string {
  return index ? (TABLE_DESIGN.indexes.find((i) => i.name === index)?.partitionKey as string) : TABLE_DESIGN.partitionKey;
}

function sortKeyName(index?: IndexName): string {
  return index ? (TABLE_DESIGN.indexes.find((i) => i.name === index)?.sortKey as string) : TABLE_DESIGN.sortKey;
}

/**
 * One page of a query, filled up to `limit` even through a filter. The cursor resumes after the last
 * item returned (not after the last item read), so no item is skipped or repeated between pages.
 */
export async function queryPage<T extends Item>(q: PageQuery): Promise<Page<T>> {
  const keyNames = keyNamesOf(q.index);
  const pkName = partitionKeyName(q.index);
  const skName = sortKeyName(q.index);
  const binding = `${q.index ?? 'table'}|${q.partition}|${q.sortPrefix ?? ''}|${q.binding ?? ''}`;
  let startKey: Record<string, unknown> | undefined = q.cursor
    ? decodeCursor(q.cursor, binding, keyNames, { name: pkName, value: q.partition })
    : undefined;

  const items: T[] = [];
  const maxRead = q.maxRead ?? 10_000;
  let read = 0;
  let exhausted = false;
  while (items.length < q.limit) {
    const input: QueryCommandInput = {
      TableName: q.tableName,
      IndexName: q.index,
      KeyConditionExpression: q.sortPrefix ? '#pk = :pk AND begins_with(#sk, :skp)' : '#pk = :pk',
      ExpressionAttributeNames: { '#pk': pkName, ...(q.sortPrefix ? { '#sk': skName } : {}), ...q.filter?.names },
      ExpressionAttributeValues: { ':pk': q.partition, ...(q.sortPrefix ? { ':skp': q.sortPrefix } : {}), ...q.filter?.values },
      FilterExpression: q.filter?.expression,
      ExclusiveStartKey: startKey,
      ScanIndexForward: q.forward ?? true,
      // Without a filter, ask for exactly what is missing (+1 to learn whether more exist).
      Limit: q.filter ? Math.max(q.limit * 4, 100) : q.limit - items.length + 1,
    };
    const out = await ddb.send(new QueryCommand(input));
    read += out.ScannedCount ?? 0;
    for (const item of (out.Items ?? []) as T[]) {
      items.push(item);
    }
    startKey = out.LastEvaluatedKey;
    if (!startKey) {
      exhausted = true;
      break;
    }
    if (read >= maxRead) break;
  }

  if (items.length > q.limit) {
    const page = items.slice(0, q.limit);
    const last = page[page.length - 1] as Item;
    return { items: page, nextCursor: encodeCursor(pick(last, keyNames), binding) };
  }
  if (exhausted || !startKey) return { items, nextCursor: null };
  // Stopped on the read budget or exactly at the limit with more to read: resume where DynamoDB stopped.
  const resumeFrom = items.length === q.limit && items.length > 0 ? pick(items[items.length - 1] as Item, keyNames) : (startKey as Record<string, string>);
  return { items, nextCursor: encodeCursor(resumeFrom as Record<string, string>, binding) };
}

function pick(item: Item, names: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) out[n] = item[n] as string;
  return out;
}

// ---- transactions

export type CancelReason = { code: string; item?: Item };

/**
 * Runs a transaction. When DynamoDB cancels it, `onCancel` gets one reason per item (in order, with
 * the old item when the condition failed) and returns the domain error to throw, or null to rethrow.
 */
export async function transact(
  items: TransactItem[],
  onCancel?: (reasons: CancelReason[]) => Error | null,
  token?: string,
): Promise<void> {
  if (items.length === 0) return;
  if (items.length > 100) throw new Error(`a transaction takes at most 100 items, got ${items.length}`);
  // The request's Idempotency-Key mark joins its first transaction (last, so reasons keep their indexes).
  const mark = currentCommitMark();
  const rider = mark?.take(items.length) ?? null;
  const all = rider ? [...items, rider] : items;
  let ok = false;
  try {
    await send(all, token, onCancel, rider !== null);
    ok = true;
  } finally {
    mark?.settle(rider !== null, ok);
  }
}

async function send(all: TransactItem[], token: string | undefined, onCancel: ((reasons: CancelReason[]) => Error | null) | undefined, withRider: boolean): Promise<void> {
  const items = withRider ? all.slice(0, -1) : all;
  for (let attempt = 0; ; attempt++) {
    try {
      await ddb.send(new TransactWriteCommand({ TransactItems: all, ClientRequestToken: token }));
      return;
    } catch (err) {
      if (withRider && err instanceof TransactionCanceledException && err.CancellationReasons?.[items.length]?.Code === 'ConditionalCheckFailed') {
        throw new ConflictError('Another request took over this Idempotency-Key while this one ran; nothing was written', [
          { kind: 'idempotency_key_taken_over', message: 'the key is held by another request now' },
        ]);
      }
      // Another transaction held one of the items (a shared counter, say): wait a little and go again.
      if (isTransactionConflict(err) && !hasConditionFailure(err) && attempt < 6) {
        await backoff(attempt + 1);
        continue;
      }
      throw mapCancellation(err, onCancel);
    }
  }
}

function hasConditionFailure(err: unknown): boolean {
  return err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code === 'ConditionalCheckFailed');
}

function mapCancellation(err: unknown, onCancel?: (reasons: CancelReason[]) => Error | null): unknown {
  if (!(err instanceof TransactionCanceledException) || !onCancel) return err;
  const reasons: CancelReason[] = (err.CancellationReasons ?? []).map((r) => ({
    code: r.Code ?? 'None',
    ...(r.Item ? { item: unmarshallLoose(r.Item) } : {}),
  }));
  return onCancel(reasons) ?? err;
}

/** True when the transaction was cancelled only because another transaction touched the same items. */
export function isTransactionConflict(err: unknown): boolean {
  return err instanceof TransactionCanceledException && (err.CancellationReasons ?? []).some((r) => r.Code === 'TransactionConflict');
}

// Cancellation reasons come back in the low-level attribute-value shape.
function unmarshallLoose(item: Record<string, unknown>): Item {
  return unmarshall(item as never) as Item;
}
