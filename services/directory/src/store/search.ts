// Word-prefix search over people: the tokens written in each person's own transaction, and the
// `begins_with` queries that read them, so a search costs what it finds, not the size of the list.
//
// A token is a key of one of the three indexes, so one item carries up to three tokens (gsi1, gsi2,
// gsi3). The person's externalId and email guards carry the first ones (they are written anyway), then
// token items hold the rest: a typical person costs no item more than before search was indexed.
import type { Person } from '@liaison/contracts';
import { allOf, equalsFilter, queryPage, type Item, type Key, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { decodeCursor, encodeCursor } from '@liaison/kit/ddb/cursor';
import type { IndexName } from '@liaison/kit/ddb/design';
import { setExpression } from '@liaison/kit/ddb/writes';
import { MalformedError } from '@liaison/kit/errors';
import { searchText, searchTokens, type SearchQuery, type SearchToken } from '../domain/text';
import type { Role } from '@liaison/kit/ddb/conflicts';
import { derivedKeys, searchIndex } from './derived-keys';
import { keys } from './keys';

type Indexed = Pick<Person, 'id' | 'name' | 'email' | 'phone' | 'externalId' | 'role' | 'partyId'>;
type Attributes = Record<string, unknown>;

/** The indexes a carrier puts its tokens in, in order: slot i is gsi(i+1). */
const SLOTS = [1, 2, 3] as const;
const INDEXES: IndexName[] = ['gsi1', 'gsi2', 'gsi3'];

/** Which item carries which tokens: the guards first (when the person has them), then token items 0, 1, … */
interface Carriers {
  externalId: SearchToken[] | null;
  email: SearchToken[] | null;
  items: SearchToken[][];
}

function carriersOf(p: Indexed): Carriers {
  const groups: SearchToken[][] = [];
  const tokens = searchTokens(p);
  for (let i = 0; i < tokens.length; i += SLOTS.length) groups.push(tokens.slice(i, i + SLOTS.length));
  const externalId = p.externalId ? (groups.shift() ?? []) : null;
  const email = p.email ? (groups.shift() ?? []) : null;
  return { externalId, email, items: groups };
}

/** What a carrier holds for search: up to three index keys with their `shared`, and what queries filter on. */
function searchAttributes(p: Indexed, tokens: SearchToken[]): Attributes {
  const out: Attributes = { personId: p.id, role: p.role, partyId: p.partyId ?? undefined };
  SLOTS.forEach((n, i) => {
    const t = tokens[i];
    out[`gsi${n}pk`] = t ? searchIndex.partition(t.token) : undefined;
    out[`gsi${n}sk`] = t ? searchIndex.sort(t.token, p.id) : undefined;
    out[`shared${n}`] = t ? t.shared : undefined;
  });
  return out;
}

const defined = (a: Attributes): Attributes => Object.fromEntries(Object.entries(a).filter(([, v]) => v !== undefined));
const sameAttributes = (a: Attributes, b: Attributes) => JSON.stringify(defined(a)) === JSON.stringify(defined(b));

/** Sets `attrs` on a guard this person holds (undefined ones removed). */
function updateGuard(tableName: string, key: Key, ownerId: string, attrs: Attributes): TransactItem {
  const update = setExpression(attrs);
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: update.expression,
      ConditionExpression: '#owner = :owner',
      ExpressionAttributeNames: { '#owner': 'ownerId', ...update.names },
      ExpressionAttributeValues: { ':owner': ownerId, ...update.values },
    },
  };
}

export interface SearchWrites {
  items: TransactItem[];
  roles: Role[];
  /** Attributes for the guards the caller claims for `after` (a new or changed externalId or email). */
  guardAttributes: { externalId: Attributes; email: Attributes };
}

/**
 * The writes that bring a person's search tokens from `before` to `after` (null: none). Token items
 * that go are deleted and the others written only when what they carry changed; a guard that stays
 * is updated when its tokens changed, and one that moves (released and claimed by the caller) takes
 * `guardAttributes`. A change to other fields writes nothing here.
 */
export function searchWrites(tableName: string, before: Indexed | null, after: Indexed | null): SearchWrites {
  const id = (after ?? before)?.id as string;
  const old = before ? carriersOf(before) : { externalId: null, email: null, items: [] };
  const next = after ? carriersOf(after) : { externalId: null, email: null, items: [] };
  const attrs = (p: Indexed | null, tokens: SearchToken[] | null | undefined) => (p && tokens ? searchAttributes(p, tokens) : {});
  const items: TransactItem[] = [];
  const guards = [
    ['externalId', keys.personExternalId] as const,
    ['email', keys.personEmail] as const,
  ];
  for (const [field, key] of guards) {
    const value = after?.[field];
    if (!before || !after || !value || before[field] !== value) continue;
    const nextAttrs = attrs(after, next[field]);
    if (!sameAttributes(attrs(before, old[field]), nextAttrs)) items.push(updateGuard(tableName, key(value), id, nextAttrs));
  }
  for (let i = 0; i < Math.max(old.items.length, next.items.length); i++) {
    const key = derivedKeys.searchTokens(id, i);
    const tokens = next.items[i];
    if (!tokens) items.push({ Delete: { TableName: tableName, Key: key } });
    else {
      const nextAttrs = attrs(after, tokens);
      const oldTokens = old.items[i];
      if (!oldTokens || !sameAttributes(attrs(before, oldTokens), nextAttrs)) items.push({ Put: { TableName: tableName, Item: { ...key, ...defined(nextAttrs) } } });
    }
  }
  return {
    items,
    roles: items.map(() => ({ kind: 'other' }) as const),
    guardAttributes: { externalId: defined(attrs(after, next.externalId)), email: defined(attrs(after, next.email)) },
  };
}

export interface SearchFilters {
  partyId?: string | undefined;
  role?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  /** The query as the client sent it: the cursor is bound to it. */
  q: string;
}

/** Reads at most this many tokens for one page of a multi-word query, whose other words are checked on the people read. */
const MAX_READ = 2_000;

/**
 * One page of the people matching `query`, each person once: the matches in gsi1, then gsi2, then
 * gsi3, each in token order. The index finds the prefix and filters party and role; the other words
 * of a multi-word query are checked on the people read, reading on until the page is full, so the
 * cursor (which index, and the kit's cursor within it) never skips anyone.
 */
export async function searchPeople(tableName: string, query: SearchQuery, f: SearchFilters, getPeople: (ids: string[]) => Promise<Person[]>): Promise<Page<Person>> {
  const binding = `people?q=${f.q}|partyId=${f.partyId ?? ''}|role=${f.role ?? ''}`;
  let slot = 0;
  let inner: string | undefined;
  if (f.cursor) {
    const at = decodeCursor(f.cursor, binding, ['c', 's']);
    slot = Number(at.s);
    inner = at.c ? String(at.c) : undefined;
    if (!Number.isInteger(slot) || slot < 0 || slot >= SLOTS.length) throw new MalformedError('The cursor is not valid', [{ path: 'cursor', message: 'is not a cursor this list gave out; start again without it' }]);
  }
  const items: Person[] = [];
  let read = 0;
  const pageOf = (n: number, limit: number, cursor: string | undefined) =>
    queryPage<Item>({
      tableName,
      index: INDEXES[n] as IndexName,
      partition: searchIndex.partition(query.prefix),
      sortPrefix: query.prefix,
      limit,
      cursor,
      binding,
      filter: allOf(
        { expression: '#shared < :plen', names: { '#shared': `shared${SLOTS[n]}` }, values: { ':plen': query.prefix.length } },
        equalsFilter({ partyId: f.partyId, role: f.role }),
      ),
    });
  while (slot < SLOTS.length && items.length < f.limit) {
    // Ask every index left at once (most searches find a handful); an index's page is used whole, or
    // asked again for exactly what fits, so the cursor is always right after the last person listed.
    const need = f.limit - items.length;
    const ahead = SLOTS.slice(slot).map((_, i) => pageOf(slot + i, need, i === 0 ? inner : undefined));
    for (const p of ahead) p.catch(() => undefined); // the pages not used are dropped; their failures with them
    let stop = false;
    for (let i = 0; slot < SLOTS.length && !stop; i++) {
      const wanted = f.limit - items.length;
      let page = await (ahead[i] as Promise<Page<Item>>);
      if (page.items.length > wanted) page = await pageOf(slot, wanted, inner);
      read += page.items.length;
      const ids = page.items.map((it) => it.personId as string);
      const found = new Map((await getPeople(ids)).map((p) => [p.id, p]));
      // A person deleted between the two reads is left out (their tokens went with them).
      for (const id of ids) {
        const person = found.get(id);
        if (person && hasWords(person, query.others)) items.push(person);
      }
      if (page.nextCursor) {
        inner = page.nextCursor;
        stop = true;
      } else {
        slot += 1;
        inner = undefined;
      }
      if (items.length >= f.limit) stop = true;
    }
    // A page cut short by the read budget goes back as it is, with its cursor.
    if ((inner && query.others.length === 0) || read >= MAX_READ) break;
  }
  return { items, nextCursor: slot < SLOTS.length ? encodeCursor({ s: slot, c: inner ?? '' }, binding) : null };
}

function hasWords(p: Indexed, words: string[]): boolean {
  if (words.length === 0) return true;
  const text = searchText(p);
  return words.every((w) => text.includes(` ${w}`));
}
