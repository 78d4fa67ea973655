// Importing people rows: validate, look up parties and keys, plan each row (domain/import.ts), then
// write creates and updates in parallel chunked transactions. Used by POST /people/import and by the
// import-job worker, chunk by chunk.
import type { Language, Person } from '@liaison/contracts';
import { mapLimit } from '@liaison/kit/concurrency';
import { batchGet } from '@liaison/kit/ddb/table';
import { decideRows, planRows, rowErrorsOf, validateRows, type RowCreate, type RowError, type RowUpdate } from '../domain/import';
import type { ImportResult } from '../schemas';
import type { StoreContext } from './context';
import { keys } from './keys';
import { partiesByExternalId, toParty } from './parties';
import { addMembers, buildPerson, createPeople, ownersOf, toPerson, updatePerson } from './people';

export interface ImportOptions {
  /** The event's default language, for new people whose row and party name none. Default `id`. */
  eventLanguage?: Language;
  /** The row number of `rows[0]` in the whole file (a job's later chunk), so errors name file rows. Default 1. */
  firstRow?: number;
}

/** People a transaction: 3 items each (person and two guards) + the outbox entry ≤ 100 items. */
const CHUNK = 32;
const PARALLEL = 8;

/**
 * Imports rows keyed by externalId, else email: known keys update, new keys create, unchanged rows
 * write nothing. Every bad row is reported with its number and field; the good ones still land.
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

  const created = await writeCreates(ctx, decided.creates, errors);
  const updated = await writeUpdates(ctx, decided.updates, errors);

  const shift = (opts.firstRow ?? 1) - 1;
  const all = errors.map((e) => ({ ...e, row: e.row + shift })).sort((a, b) => a.row - b.row || a.path.localeCompare(b.path));
  return { created, updated, unchanged: decided.unchanged, failed: new Set(all.map((e) => e.row)).size, errors: all };
}

function countByParty(people: Person[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of people) if (p.partyId) out.set(p.partyId, (out.get(p.partyId) ?? 0) + 1);
  return out;
}

async function writeCreates(ctx: StoreContext, rows: RowCreate[], errors: RowError[]): Promise<number> {
  const creates = rows.map((r) => ({ row: r.row, person: buildPerson(r.fields) }));
  let created = 0;
  // Count the new members ahead (one write per party), then create in parallel chunks; give back what failed.
  await addMembers(ctx.tableName, countByParty(creates.map((c) => c.person)));
  const failedByParty = new Map<string, number>();
  const failed = (c: (typeof creates)[number], err: unknown) => {
    errors.push(...rowErrorsOf(c.row, err));
    if (c.person.partyId) failedByParty.set(c.person.partyId, (failedByParty.get(c.person.partyId) ?? 0) - 1);
  };
  const chunks = Array.from({ length: Math.ceil(creates.length / CHUNK) }, (_, i) => creates.slice(i * CHUNK, (i + 1) * CHUNK));
  await mapLimit(chunks, PARALLEL, async (chunk) => {
    try {
      await createPeople(ctx, chunk.map((c) => c.person), { countedAhead: true });
      created += chunk.length;
    } catch {
      // One row spoilt the chunk (a key taken meanwhile): go row by row to find it.
      for (const c of chunk) {
        try {
          await createPeople(ctx, [c.person], { countedAhead: true });
          created += 1;
        } catch (err) {
          failed(c, err);
        }
      }
    }
  });
  await addMembers(ctx.tableName, failedByParty);
  return created;
}

async function writeUpdates(ctx: StoreContext, updates: RowUpdate[], errors: RowError[]): Promise<number> {
  let updated = 0;
  await mapLimit(updates, PARALLEL, async (u) => {
    try {
      await updatePerson(ctx, u.before, u.next, u.changed);
      updated += 1;
    } catch (err) {
      errors.push(...rowErrorsOf(u.row, err));
    }
  });
  return updated;
}
