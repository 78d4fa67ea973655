// The open clashes in DynamoDB: one item per clash (keyed by a hash of its stable key) with a row per
// trip, stay, vehicle or person it names and per local date it touches, so that GET /conflicts reads
// them by index and never recomputes. Written and removed in the transaction of the write that opens
// or closes them; those writes are serialized by the bookings items of the clash's scope.
import { createHash } from 'node:crypto';
import { clock } from '@liaison/kit/clock';
import { batchGet, queryPage, type Item, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import type { ClashChange } from '../domain/clash-set';
import { clashKey, type ClashKind, type PlanClash } from '../domain/clashes';
import type { Conflict } from '../schemas';
import { keys, partitions } from './keys';

export function clashHash(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

function rowKeys(hash: string, c: Pick<PlanClash, 'refs' | 'dates'>) {
  return [...new Set(c.refs)].map((r) => keys.clashRef(hash, r)).concat([...new Set(c.dates)].map((d) => keys.clashDate(hash, d)));
}

/** Puts for each opened clash and its rows, deletes for each closed one and its rows. */
export function clashItems(tableName: string, change: ClashChange): TransactItem[] {
  const out: TransactItem[] = [];
  const openedAt = clock.iso();
  for (const c of change.opened) {
    const hash = clashHash(clashKey(c));
    const { kind, severity, message, refs, scope, personIds, dates } = c;
    out.push({
      Put: {
        TableName: tableName,
        Item: { ...keys.clash(hash), gsi1pk: partitions.allClashes, gsi1sk: `${kind}#${hash}`, gsi2pk: partitions.clashesOfKind(kind), gsi2sk: hash, hash, kind, severity, message, refs, scope, personIds, dates, openedAt },
      },
    });
    for (const r of [...new Set(refs)]) out.push({ Put: { TableName: tableName, Item: { ...keys.clashRef(hash, r), gsi2pk: partitions.clashesOfRef(r), gsi2sk: hash, hash } } });
    for (const d of [...new Set(dates)]) out.push({ Put: { TableName: tableName, Item: { ...keys.clashDate(hash, d), gsi2pk: partitions.clashesOnDate(d), gsi2sk: hash, hash } } });
  }
  for (const c of change.closed) {
    const hash = clashHash(clashKey(c));
    out.push({ Delete: { TableName: tableName, Key: keys.clash(hash) } });
    for (const k of rowKeys(hash, c)) out.push({ Delete: { TableName: tableName, Key: k } });
  }
  return out;
}

export function toConflict(item: Item): Conflict {
  return {
    kind: item.kind as ClashKind,
    severity: item.severity as 'hard' | 'soft',
    message: item.message as string,
    refs: item.refs as string[],
    personIds: item.personIds as string[],
    dates: item.dates as string[],
    openedAt: item.openedAt as string,
  };
}

export interface ConflictQuery {
  kind?: string | undefined;
  personId?: string | undefined;
  date?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

async function mainsOf(tableName: string, hashes: string[]): Promise<Item[]> {
  return batchGet(tableName, [...new Set(hashes)].map(keys.clash));
}

function sorted(items: Item[]): Item[] {
  return items.sort((a, b) => String(a.gsi1sk).localeCompare(String(b.gsi1sk)));
}

/**
 * Open clashes by index: all, or by kind (gsi2 of the clash items), or by date (the date rows), or for
 * a person (the rows of the person and of the trips and stays given, which the caller read from the
 * person's bookings). Other criteria filter what the first one found.
 */
export async function listConflicts(tableName: string, q: ConflictQuery, personRefs: string[] = []): Promise<Page<Conflict>> {
  const matches = (i: Item) =>
    (!q.kind || i.kind === q.kind) && (!q.date || (i.dates as string[]).includes(q.date)) && (!q.personId || (i.personIds as string[]).includes(q.personId));
  if (q.personId) {
    const refs = [q.personId, ...personRefs];
    const rows = await Promise.all(refs.map((r) => allRows(tableName, partitions.clashesOfRef(r))));
    const items = sorted((await mainsOf(tableName, rows.flat())).filter(matches));
    return { items: items.map(toConflict), nextCursor: null };
  }
  if (q.date) {
    const page = await queryPage<Item>({ tableName, index: 'gsi2', partition: partitions.clashesOnDate(q.date), limit: q.limit, cursor: q.cursor, binding: `kind=${q.kind ?? ''}` });
    const items = sorted((await mainsOf(tableName, page.items.map((i) => i.hash as string))).filter(matches));
    return { items: items.map(toConflict), nextCursor: page.nextCursor };
  }
  const page = await queryPage<Item>({
    tableName,
    index: q.kind ? 'gsi2' : 'gsi1',
    partition: q.kind ? partitions.clashesOfKind(q.kind) : partitions.allClashes,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: page.items.map(toConflict), nextCursor: page.nextCursor };
}

async function allRows(tableName: string, partition: string): Promise<string[]> {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<Item>({ tableName, index: 'gsi2', partition, limit: 200, cursor });
    out.push(...page.items.map((i) => i.hash as string));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
