// Where an export walk stands between two pages, and the opaque cursor that carries it. The cursor is
// the kit's (checksummed, bound to the export): an edited one is a 400, and a well-formed one can
// only point into the export's own list partitions (checked against the registry here and against
// the stored root by the walk).
import { decodeCursor, encodeCursor } from '@liaison/kit/ddb/cursor';
import { TABLE_DESIGN } from '@liaison/kit/ddb/design';
import { LIST_SOURCES, type ListSource } from '@liaison/kit/ddb/export-registry';
import { MalformedError } from '@liaison/kit/errors';
import * as z from 'zod/mini';

export type Key = Record<string, string>;

export interface WalkState {
  /** Index of the list source in LIST_SOURCES being read. */
  s: number;
  /** Index sources: the list's ExclusiveStartKey (the last root finished, or the root in progress when `r`). */
  l?: Key;
  /** The root named by `l` is still in progress: at its part `p`, from key `k`. */
  r?: true;
  p?: number;
  /** The ExclusiveStartKey inside the partition being read (a table source's, or the root's part `p`). */
  k?: Key;
}

const BINDING = 'export|v1';
const KeySchema = z.record(z.string(), z.string());
const StateSchema = z.strictObject({
  s: z.int().check(z.minimum(0), z.maximum(LIST_SOURCES.length - 1)),
  l: z.optional(KeySchema),
  r: z.optional(z.literal(true)),
  p: z.optional(z.int().check(z.minimum(0), z.maximum(50))),
  k: z.optional(KeySchema),
});

export function encodeState(state: WalkState): string {
  return encodeCursor({ w: JSON.stringify(state) }, BINDING);
}

function bad(message: string): never {
  throw new MalformedError(`The cursor is not valid: ${message}`, [{ path: 'cursor', message: 'is not a cursor this export gave out; start again without it' }]);
}

/** The key attribute names of a query on the table or an index. */
export function keyNames(index: ListSource['index']): string[] {
  const base = [TABLE_DESIGN.partitionKey, TABLE_DESIGN.sortKey];
  if (index === 'table') return base;
  const def = TABLE_DESIGN.indexes.find((i) => i.name === index);
  return def ? [...base, def.partitionKey, def.sortKey] : base;
}

function sameNames(key: Key, names: string[]): boolean {
  return Object.keys(key).sort().join('|') === [...names].sort().join('|');
}

export function decodeState(cursor: string): WalkState {
  const { w } = decodeCursor(cursor, BINDING, ['w']);
  let raw: unknown;
  try {
    raw = JSON.parse(String(w));
  } catch {
    bad('unreadable');
  }
  const parsed = StateSchema.safeParse(raw);
  if (!parsed.success) bad('unknown shape');
  const state = parsed.data as WalkState;
  const source = LIST_SOURCES[state.s] as ListSource;
  if (source.index === 'table') {
    if (state.l || state.r || state.p !== undefined) bad('no list in this part');
    if (state.k && (!sameNames(state.k, keyNames('table')) || state.k.pk !== source.partition)) bad('it points outside the export');
  } else {
    const names = keyNames(source.index);
    const indexPk = names[2] as string;
    if (state.l && (!sameNames(state.l, names) || state.l[indexPk] !== source.partition)) bad('it points outside the export');
    if ((state.r || state.p !== undefined || state.k) && !(state.r && state.l && state.p !== undefined)) bad('inconsistent place');
    if (state.k && !sameNames(state.k, keyNames('table'))) bad('wrong key shape');
  }
  return state;
}
