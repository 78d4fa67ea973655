// Importing people rows: validate, look up parties and keys, plan each row (domain/import.ts), then
// write creates and updates in parallel chunked transactions. Used by POST /people/import and by the
// import-job worker, chunk by chunk.
import type { Language, Person } from '@liaison/contracts';
import { mapLimit } from '@liaison/kit/concurrency';
import { batchGet } from '@liaison/kit/ddb/table';
import { decideRows, planRows, rowErrorsOf, validateRows, type RowError } from '../domain/import';
import type { ImportResult } from '../schemas';
import { flushOutbox, type OutboxEntry } from '@liaison/kit/events/outbox';
import type { StoreContext } from '@liaison/kit/store-context';
import { MEMBER_SHARDS } from './derived-keys';
import { keys } from './keys';
import { partiesByExternalId, toParty } from './parties';
import { buildPerson, createItems, createPeople, ownersOf, toPerson, updateItems, updatePeople, type PersonChange } from './people';

export interface ImportOptions {
  /** The event's default language, for new people whose row and party name none. Default `id`. */
  eventLanguage?: Language;
  /** The row number of `rows[0]` in the whole file (a job's later chunk), so errors name file rows. Default 1. */
  firstRow?: number;
  /**
   * Milliseconds the caller has left (a Lambda's `getRemainingTimeInMillis`). Once under a few seconds
   * no further transaction starts, and the rows not written are reported as failed, to be sent again.
   */
  timeLeftMs?: () => number;
}

/**
 * Items a transaction may hold for rows: DynamoDB takes 100, less the outbox entry and the request's
 * idempotency mark, which joins its first transaction.
 */
const ITEMS_PER_TRANSACTION = 98;
const PARALLEL = 8;
/** Time kept back when `timeLeftMs` is given: the transactions in flight finish (slow on a busy machine), and the answer goes out. */
const RESERVE_MS = 8_000;

/** The error of a row not written because time ran out (an import job's chunk goes on with them in a later message). */
export const CUT_FOR_TIME = 'not imported: the request ran out of time; send the file again (rows already imported are found, not added twice)';

/**
 * Imports rows keyed by externalId, else email: known keys update, new keys create, unchanged rows
 * write nothing. Every bad row is reported with its number and field; the good ones still land.
 * Each transaction writes its people with their search tokens and party member counts, so whatever
 * fails or is cut short, the counters stay true.
 */
export async function importRows(ctx: StoreContext, rows: unknown[], opts: ImportOptions = {}): Promise<ImportResult> {
  const { good, errors } = validateRows(rows);

  // Parties by id or externalId, and who already holds each key, in batched reads.
  const partyExternalIds = [...new Set(good.flatMap((g) => (g.value.partyExternalId ? [g.value.partyExternalId] : [])))];
  const partyByExternalId = await partiesByExternalId(ctx.tableName, partyExternalIds);
  const partyIds = [...new Set([...good.flatMap((g) => (g.value.partyId ? [g.value.partyId] : [])), ...partyByExternalId.values()])];
  const parties = new Map((await batchGet(ctx.tableName, partyIds.map(keys.party))).map((item) => [item.id as string, toParty(item)]));
  const owners = await ownersOf(
    ctx.tableName,
    good.flatMap((g) => (g.value.externalId ? [g.value.externalId] : [])),
    good.flatMap((g) => (g.value.email ? [g.value.email] : [])),
  );

  const plan = planRows(good, { partyByExternalId, parties, owners });
  errors.push(...plan.errors);
  const existingIds = plan.planned.flatMap((p) => (p.existingId ? [keys.person(p.existingId)] : []));
  const existing = new Map((await batchGet(ctx.tableName, existingIds, true)).map((item) => [item.id as string, toPerson(item)]));
  const decided = decideRows(plan.planned, existing, opts.eventLanguage ?? 'id');
  errors.push(...decided.errors);

  const outOfTime = () => opts.timeLeftMs !== undefined && opts.timeLeftMs() < RESERVE_MS;
  const creates: Batchable<Person>[] = decided.creates.map((c) => {
    const person = buildPerson(c.fields);
    return { row: c.row, value: person, items: createItems(ctx.tableName, person).items.length, parties: person.partyId ? [person.partyId] : [] };
  });
  const updates: Batchable<PersonChange>[] = decided.updates.map((u) => {
    const after = { ...u.before, ...u.next };
    const moved = u.before.partyId !== after.partyId;
    return {
      row: u.row,
      value: { before: u.before, fields: u.next, changed: u.changed },
      items: updateItems(ctx.tableName, u.before, after).items.length,
      parties: moved ? [u.before.partyId, after.partyId].filter((p): p is string => !!p) : [],
    };
  });
  const events = publisher(ctx);
  const created = await writeInBatches(creates, (people, shard) => createPeople(ctx, people, { shard, defer: events.defer }), errors, outOfTime);
  const updated = await writeInBatches(updates, (changes, shard) => updatePeople(ctx, changes, { shard, defer: events.defer }), errors, outOfTime);
  await events.settle(outOfTime);

  const shift = (opts.firstRow ?? 1) - 1;
  const all = errors.map((e) => ({ ...e, row: e.row + shift })).sort((a, b) => a.row - b.row || a.path.localeCompare(b.path));
  return { created, updated, unchanged: decided.unchanged, failed: new Set(all.map((e) => e.row)).size, errors: all };
}

/** Parallel publishers of the batches' events, beside the writes. */
const PUBLISHERS = 4;

/**
 * Publishes committed batches' events a few at a time while the import writes on (the local SNS is
 * slower than the writes). `settle` waits for the rest while time allows; what is left stays in the
 * outbox for the relay, so no event is lost and a slow topic does not hold up the answer.
 */
function publisher(ctx: StoreContext): { defer: (entry: OutboxEntry) => void; settle: (stop: () => boolean) => Promise<void> } {
  const pending: OutboxEntry[] = [];
  const running = new Set<Promise<void>>();
  const pump = () => {
    while (running.size < PUBLISHERS && pending.length > 0) {
      const entry = pending.shift() as OutboxEntry;
      const flush: Promise<void> = flushOutbox(ctx.tableName, ctx.topicArn, entry)
        .then(() => undefined, () => undefined)
        .finally(() => {
          running.delete(flush);
          pump();
        });
      running.add(flush);
    }
  };
  return {
    defer: (entry) => {
      pending.push(entry);
      pump();
    },
    settle: async (stop) => {
      while ((pending.length > 0 || running.size > 0) && !stop()) await Promise.race([...running, new Promise((r) => setTimeout(r, 250))]);
      pending.length = 0;
    },
  };
}

/** A row's write: its transaction items and the parties whose member counter it moves (one counter item each per transaction). */
interface Batchable<T> {
  row: number;
  value: T;
  items: number;
  parties: string[];
}

/** Packs rows in order into transactions of at most ITEMS_PER_TRANSACTION items, counters included. */
export function packBatches<T>(rows: Batchable<T>[], limit = ITEMS_PER_TRANSACTION): Batchable<T>[][] {
  const batches: Batchable<T>[][] = [];
  let batch: Batchable<T>[] = [];
  let items = 0;
  let parties = new Set<string>();
  for (const r of rows) {
    const newParties = r.parties.filter((p) => !parties.has(p)).length;
    if (batch.length > 0 && items + r.items + newParties > limit) {
      batches.push(batch);
      batch = [];
      items = 0;
      parties = new Set();
    }
    batch.push(r);
    items += r.items + r.parties.filter((p) => !parties.has(p)).length;
    for (const p of r.parties) parties.add(p);
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/**
 * Writes rows in parallel transactions; a transaction that fails (a key taken meanwhile, a stale
 * version) is retried row by row, so that only the rows at fault fail. Returns how many rows landed.
 */
async function writeInBatches<T>(
  rows: Batchable<T>[],
  write: (values: T[], shard: number) => Promise<unknown>,
  errors: RowError[],
  outOfTime: () => boolean,
): Promise<number> {
  let done = 0;
  const skipped = (batch: Batchable<T>[]) => {
    for (const r of batch) errors.push({ row: r.row, path: '', message: CUT_FOR_TIME });
  };
  // Transactions in flight together take turns through the shards, so they do not wait on one counter item.
  await mapLimit(packBatches(rows), PARALLEL, async (batch, i) => {
    const shard = i % MEMBER_SHARDS;
    if (outOfTime()) return skipped(batch);
    try {
      await write(batch.map((r) => r.value), shard);
      done += batch.length;
    } catch {
      for (const [i, r] of batch.entries()) {
        if (outOfTime()) return skipped(batch.slice(i));
        try {
          await write([r.value], shard);
          done += 1;
        } catch (err) {
          errors.push(...rowErrorsOf(r.row, err));
        }
      }
    }
  });
  return done;
}
