// POST /people/import: CSV or JSON rows keyed by externalId, else email. Known keys update, new keys
// create (32 people a transaction), unchanged rows write nothing; every bad row is reported and the
// good ones still land.
import type { Language, Person } from '@liaison/contracts';
import { mapLimit } from '@liaison/kit/concurrency';
import { batchGet } from '@liaison/kit/ddb/table';
import { AppError, ValidationError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import { newPersonFields, patchPersonFields, personChanges, personFieldsOf, type PersonFields } from '../domain/person';
import { csvToRows, validateRows, type RowError } from '../domain/import';
import type { DirectoryRoutes } from '../routes';
import { MAX_IMPORT_ROWS, type ImportResult, type PatchPersonBody } from '../schemas';
import { keys } from '../store/keys';
import { partiesByExternalId, toParty } from '../store/parties';
import { addMembers, buildPerson, createPeople, ownersOf, toPerson, updatePerson } from '../store/people';
import { defaultLanguage, storeContext, table } from './deps';

/** People a transaction: 3 items each (person and two guards) + the outbox entry ≤ 100 items. */
const CHUNK = 32;
const PARALLEL = 8;

function countByParty(people: Person[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of people) if (p.partyId) out.set(p.partyId, (out.get(p.partyId) ?? 0) + 1);
  return out;
}

function rowErrorsOf(row: number, err: unknown): RowError[] {
  if (err instanceof AppError) {
    return err.errors.length > 0 ? err.errors.map((e) => ({ row, ...e })) : [{ row, path: '', message: err.message }];
  }
  throw err;
}

export const importPeopleHandler: RouteHandler<DirectoryRoutes['importPeople']> = async (req) => {
  let rows: unknown[];
  if (req.csv !== null) {
    const parsed = csvToRows(req.csv);
    if (parsed.fileErrors.length > 0) throw new ValidationError(parsed.fileErrors, `The CSV cannot be imported: ${parsed.fileErrors[0]?.message}`);
    rows = parsed.rows;
    if (rows.length > MAX_IMPORT_ROWS) throw new ValidationError([{ path: '', message: `has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time` }]);
  } else {
    rows = req.body ?? [];
  }

  const { good, errors } = validateRows(rows);
  const fail = (row: number, path: string, message: string) => errors.push({ row, path, message });

  // Parties, by id or externalId, in two batched reads.
  const partyExternalIds = [...new Set(good.flatMap((g) => (g.value.partyExternalId ? [g.value.partyExternalId] : [])))];
  const partyByExternal = await partiesByExternalId(table, partyExternalIds);
  const partyIds = [...new Set([...good.flatMap((g) => (g.value.partyId ? [g.value.partyId] : [])), ...partyByExternal.values()])];
  const parties = new Map((await batchGet(table, partyIds.map(keys.party))).map((item) => [item.id as string, toParty(item)]));

  // Who already holds each key.
  const owners = await ownersOf(
    table,
    good.flatMap((g) => (g.value.externalId ? [g.value.externalId] : [])),
    good.flatMap((g) => (g.value.email ? [g.value.email] : [])),
  );

  interface Planned {
    row: number;
    patch: PatchPersonBody & { partyId?: string | null };
    existingId: string | null;
    partyLanguage: Language | null;
  }
  const planned: Planned[] = [];
  for (const { row, value } of good) {
    const { partyExternalId, ...fields } = value;
    let partyId = fields.partyId;
    if (partyExternalId) {
      partyId = partyByExternal.get(partyExternalId);
      if (!partyId) {
        fail(row, 'partyExternalId', `no party with externalId "${partyExternalId}"`);
        continue;
      }
    }
    const party = partyId ? parties.get(partyId) : undefined;
    if (partyId && !party) {
      fail(row, 'partyId', `no party ${partyId} in this event`);
      continue;
    }
    const byExternal = fields.externalId ? owners.externalId.get(fields.externalId) : undefined;
    const byEmail = fields.email ? owners.email.get(fields.email) : undefined;
    const existingId = fields.externalId ? (byExternal ?? null) : (byEmail ?? null);
    if (byEmail && byEmail !== existingId) {
      fail(row, 'email', `is already used by another person (${byEmail})`);
      continue;
    }
    planned.push({ row, patch: { ...fields, ...(partyId !== undefined ? { partyId } : {}) } as Planned['patch'], existingId, partyLanguage: party?.language ?? null });
  }

  const existing = new Map(
    (await batchGet(table, planned.flatMap((p) => (p.existingId ? [keys.person(p.existingId)] : [])), true)).map((item) => [item.id as string, toPerson(item)]),
  );

  const creates: { row: number; person: Person }[] = [];
  const updates: { row: number; before: Person; next: PersonFields; changed: string[] }[] = [];
  let unchanged = 0;
  for (const p of planned) {
    try {
      const before = p.existingId ? existing.get(p.existingId) : undefined;
      if (!before) {
        const fields = newPersonFields(p.patch as Parameters<typeof newPersonFields>[0], { partyLanguage: p.partyLanguage, eventLanguage: defaultLanguage });
        creates.push({ row: p.row, person: buildPerson(fields) });
        continue;
      }
      const current = personFieldsOf(before);
      const next = patchPersonFields(current, p.patch);
      if (before.role === 'lo' && next.role !== 'lo') {
        fail(p.row, 'role', "an LO's role is changed with PATCH /people/{personId}, which checks their assignments");
        continue;
      }
      const changed = personChanges(current, next);
      if (changed.length === 0) unchanged += 1;
      else updates.push({ row: p.row, before, next, changed });
    } catch (err) {
      errors.push(...rowErrorsOf(p.row, err));
    }
  }

  const ctx = storeContext(req);
  let created = 0;
  // Count the new members ahead (one write per party), then create in parallel chunks; give back what failed.
  await addMembers(table, countByParty(creates.map((c) => c.person)));
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
  await addMembers(table, failedByParty);

  let updated = 0;
  await mapLimit(updates, PARALLEL, async (u) => {
    try {
      await updatePerson(ctx, u.before, u.next, u.changed);
      updated += 1;
    } catch (err) {
      errors.push(...rowErrorsOf(u.row, err));
    }
  });

  errors.sort((a, b) => a.row - b.row || a.path.localeCompare(b.path));
  const result: ImportResult = { created, updated, unchanged, failed: new Set(errors.map((e) => e.row)).size, errors };
  return { status: 200, body: result };
};
