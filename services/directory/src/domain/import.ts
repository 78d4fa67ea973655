// Turning import input (CSV records or JSON rows) into person rows, with per-row errors, and deciding
// per row whether it creates, updates or leaves a person unchanged. Pure.
import type { Language, Party, Person } from '@liaison/contracts';
import { AppError, ValidationError, type FieldError } from '@liaison/kit/errors';
import { fieldErrors } from '@liaison/kit/http/validate';
import { ImportRow, type PatchPersonBody } from '../schemas';
import { CsvError, parseCsv } from './csv';
import { newPersonFields, patchPersonFields, personChanges, personFieldsOf, type PersonFields } from './person';

export interface RowError {
  row: number;
  path: string;
  message: string;
}

export interface GoodRow {
  row: number;
  value: ImportRow;
}

/** Columns a CSV may have: every field of a person row, nested ones dotted (`arrival.at`). */
export const CSV_COLUMNS = [
  'externalId',
  'name',
  'role',
  'partyId',
  'partyExternalId',
  'title',
  'phone',
  'email',
  'language',
  'consent.sms',
  'consent.email',
  'needs.dietary',
  'needs.accessibility',
  'needs.notes',
  'arrival.at',
  'arrival.flight',
  'arrival.airport',
  'departure.at',
  'departure.flight',
  'departure.airport',
  'maxParties',
  'languages',
] as const;

/** Spreadsheet booleans, in English and Indonesian. */
const BOOLEAN_WORDS: Record<string, boolean> = { true: true, yes: true, ya: true, y: true, '1': true, false: false, no: false, tidak: false, n: false, '0': false };

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    node = (node[part] ??= {}) as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

function csvValue(column: string, raw: string): unknown {
  const text = raw.trim();
  if (column === 'consent.sms' || column === 'consent.email') {
    const b = BOOLEAN_WORDS[text.toLowerCase()];
    return b === undefined ? text : b;
  }
  if (column === 'maxParties') return /^\d+$/.test(text) ? Number(text) : text;
  if (column === 'languages') return text.split(/[;|,\s]+/).filter(Boolean);
  return text;
}

export interface ParsedImport {
  rows: unknown[];
  /** Errors about the file as a whole (bad header): nothing is imported. */
  fileErrors: FieldError[];
}

/** CSV → objects shaped like JSON rows; empty cells are left out. */
export function csvToRows(text: string): ParsedImport {
  let table;
  try {
    table = parseCsv(text);
  } catch (err) {
    if (err instanceof CsvError) return { rows: [], fileErrors: [{ path: `line ${err.line}`, message: err.message }] };
    throw err;
  }
  const known = new Map(CSV_COLUMNS.map((c) => [c.toLowerCase(), c]));
  const columns: (string | null)[] = [];
  const fileErrors: FieldError[] = [];
  const seen = new Set<string>();
  table.header.forEach((h, i) => {
    const column = known.get(h.toLowerCase());
    if (!column) fileErrors.push({ path: `columns.${i + 1}`, message: `unknown column "${h}"; known columns: ${CSV_COLUMNS.join(', ')}` });
    else if (seen.has(column)) fileErrors.push({ path: `columns.${i + 1}`, message: `column "${h}" appears twice` });
    else seen.add(column);
    columns.push(column ?? null);
  });
  if (!seen.has('name')) fileErrors.push({ path: 'columns', message: 'a "name" column is required' });
  if (!seen.has('role')) fileErrors.push({ path: 'columns', message: 'a "role" column is required' });
  if (fileErrors.length > 0) return { rows: [], fileErrors };
  const rows = table.rows.map((cells) => {
    const row: Record<string, unknown> = {};
    if (cells.length > columns.length) row.__extraCells = cells.length - columns.length;
    columns.forEach((column, i) => {
      const cell = cells[i];
      if (column && cell !== undefined && cell.trim() !== '') setPath(row, column, csvValue(column, cell));
    });
    return row;
  });
  return { rows, fileErrors: [] };
}

/** Validates each row; a row must have an externalId or an email so that a second run finds it. */
export function validateRows(rows: unknown[]): { good: GoodRow[]; errors: RowError[] } {
  const good: GoodRow[] = [];
  const errors: RowError[] = [];
  const byExternalId = new Map<string, number>();
  const byEmail = new Map<string, number>();
  rows.forEach((raw, i) => {
    const row = i + 1;
    if (raw && typeof raw === 'object' && '__extraCells' in raw) {
      errors.push({ row, path: '', message: `has ${(raw as { __extraCells: number }).__extraCells} more cell(s) than the header has columns` });
      return;
    }
    const parsed = ImportRow.safeParse(raw);
    if (!parsed.success) {
      for (const e of fieldErrors(parsed.error, [], raw)) errors.push({ row, ...e });
      return;
    }
    const value = parsed.data;
    if (!value.externalId && !value.email) {
      errors.push({ row, path: 'externalId', message: 'a row needs an externalId or an email, so that running the import again updates it instead of adding it twice' });
      return;
    }
    if (value.partyId && value.partyExternalId) {
      errors.push({ row, path: 'partyExternalId', message: 'give partyId or partyExternalId, not both' });
      return;
    }
    if (value.externalId) {
      const first = byExternalId.get(value.externalId);
      if (first !== undefined) {
        errors.push({ row, path: 'externalId', message: `repeats the externalId of row ${first}` });
        return;
      }
      byExternalId.set(value.externalId, row);
    }
    if (value.email) {
      const first = byEmail.get(value.email);
      if (first !== undefined) {
        errors.push({ row, path: 'email', message: `repeats the email of row ${first}` });
        return;
      }
      byEmail.set(value.email, row);
    }
    good.push({ row, value });
  });
  return { good, errors };
}

// ---- planning: which person each row is, and what it does to them

/** What the store looked up for the good rows: parties by id and by externalId, and who holds each key. */
export interface ImportLookups {
  partyByExternalId: Map<string, string>;
  parties: Map<string, Party>;
  owners: { externalId: Map<string, string>; email: Map<string, string> };
}

export interface PlannedRow {
  row: number;
  patch: PatchPersonBody & { partyId?: string | null };
  /** The person the row's key names, or null for a new person. */
  existingId: string | null;
  partyLanguage: Language | null;
}

/** Resolves each row's party and person; rows naming an unknown party or another person's email fail. */
export function planRows(good: GoodRow[], lookups: ImportLookups): { planned: PlannedRow[]; errors: RowError[] } {
  const planned: PlannedRow[] = [];
  const errors: RowError[] = [];
  for (const { row, value } of good) {
    const { partyExternalId, ...fields } = value;
    let partyId = fields.partyId;
    if (partyExternalId) {
      partyId = lookups.partyByExternalId.get(partyExternalId);
      if (!partyId) {
        errors.push({ row, path: 'partyExternalId', message: `no party with externalId "${partyExternalId}"` });
        continue;
      }
    }
    const party = partyId ? lookups.parties.get(partyId) : undefined;
    if (partyId && !party) {
      errors.push({ row, path: 'partyId', message: `no party ${partyId} in this event` });
      continue;
    }
    const byExternal = fields.externalId ? lookups.owners.externalId.get(fields.externalId) : undefined;
    const byEmail = fields.email ? lookups.owners.email.get(fields.email) : undefined;
    const existingId = fields.externalId ? (byExternal ?? null) : (byEmail ?? null);
    if (byEmail && byEmail !== existingId) {
      errors.push({ row, path: 'email', message: `is already used by another person (${byEmail})` });
      continue;
    }
    planned.push({ row, patch: { ...fields, ...(partyId !== undefined ? { partyId } : {}) } as PlannedRow['patch'], existingId, partyLanguage: party?.language ?? null });
  }
  return { planned, errors };
}

export interface RowCreate {
  row: number;
  fields: PersonFields;
}

export interface RowUpdate {
  row: number;
  before: Person;
  next: PersonFields;
  changed: string[];
}

/** Splits planned rows into creates, updates and unchanged rows, applying each row as a merge patch. */
export function decideRows(
  planned: PlannedRow[],
  existing: Map<string, Person>,
  eventLanguage: Language,
): { creates: RowCreate[]; updates: RowUpdate[]; unchanged: number; errors: RowError[] } {
  const creates: RowCreate[] = [];
  const updates: RowUpdate[] = [];
  const errors: RowError[] = [];
  let unchanged = 0;
  for (const p of planned) {
    try {
      const before = p.existingId ? existing.get(p.existingId) : undefined;
      if (!before) {
        creates.push({ row: p.row, fields: newPersonFields(p.patch as Parameters<typeof newPersonFields>[0], { partyLanguage: p.partyLanguage, eventLanguage }) });
        continue;
      }
      const current = personFieldsOf(before);
      const next = patchPersonFields(current, p.patch);
      if (before.role === 'lo' && next.role !== 'lo') {
        errors.push({ row: p.row, path: 'role', message: "an LO's role is changed with PATCH /people/{personId}, which checks their assignments" });
        continue;
      }
      const changed = personChanges(current, next);
      if (changed.length === 0) unchanged += 1;
      else updates.push({ row: p.row, before, next, changed });
    } catch (err) {
      errors.push(...rowErrorsOf(p.row, err));
    }
  }
  return { creates, updates, unchanged, errors };
}

/** A domain error as row errors; anything else is a bug and is thrown on. */
export function rowErrorsOf(row: number, err: unknown): RowError[] {
  if (err instanceof AppError) {
    return err.errors.length > 0 ? err.errors.map((e) => ({ row, ...e })) : [{ row, path: '', message: err.message }];
  }
  throw err;
}

/** The uploaded file's rows; 422 naming what is wrong with the file as a whole. */
export function rowsOfFile(format: 'csv' | 'json', text: string): unknown[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (format === 'csv') {
    const parsed = csvToRows(body);
    if (parsed.fileErrors.length > 0) throw new ValidationError(parsed.fileErrors, `The CSV cannot be imported: ${parsed.fileErrors[0]?.message}`);
    return parsed.rows;
  }
  let rows: unknown;
  try {
    rows = JSON.parse(body);
  } catch {
    throw new ValidationError([{ path: 'file', message: 'is not valid JSON' }]);
  }
  if (!Array.isArray(rows)) throw new ValidationError([{ path: 'file', message: 'must be a JSON array of rows' }]);
  return rows;
}
