// Word-prefix search over people: the token items written in each person's own transaction, and the
// `begins_with` query that reads them, so a search costs what it finds, not the size of the list.
import type { Person } from '@liaison/contracts';
import { allOf, equalsFilter, queryPage, type Filter, type Item, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { searchText, searchTokens, type SearchQuery, type SearchToken } from '../domain/text';
import type { Role } from '@liaison/kit/ddb/conflicts';
import { derivedKeys, searchIndex } from './derived-keys';

type Indexed = Pick<Person, 'id' | 'name' | 'email' | 'phone' | 'externalId' | 'role' | 'partyId'>;

function tokenItem(tableName: string, p: Indexed, t: SearchToken, text: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...derivedKeys.searchToken(p.id, t.token),
        gsi1pk: searchIndex.partition(t.token),
        gsi1sk: searchIndex.sort(t.token, p.id),
        personId: p.id,
        role: p.role,
        ...(p.partyId ? { partyId: p.partyId } : {}),
        search: text,
        shared: t.shared,
      },
    },
  };
}

/**
 * The writes that bring a person's token items from `before` to `after` (null: none), with a role for
 * each: tokens that go are deleted, and tokens are (re)written only when new or when what they carry
 * (role, party, the person's words, `shared`) changed. Empty when nothing searchable changed.
 */
export function tokenWrites(tableName: string, before: Indexed | null, after: Indexed | null): { items: TransactItem[]; roles: Role[] } {
  const old = before ? new Map(searchTokens(before).map((t) => [t.token, t])) : new Map<string, SearchToken>();
  const next = after ? searchTokens(after) : [];
  const oldText = before ? searchText(before) : '';
  const nextText = after ? searchText(after) : '';
  const carriedSame = !!before && !!after && oldText === nextText && before.role === after.role && before.partyId === after.partyId;
  const items: TransactItem[] = [];
  const id = (after ?? before)?.id as string;
  const keep = new Set(next.map((t) => t.token));
  for (const token of old.keys()) if (!keep.has(token)) items.push({ Delete: { TableName: tableName, Key: derivedKeys.searchToken(id, token) } });
  for (const t of next) {
    if (carriedSame && old.get(t.token)?.shared === t.shared) continue;
    items.push(tokenItem(tableName, after as Indexed, t, nextText));
  }
  return { items, roles: items.map(() => ({ kind: 'other' }) as const) };
}

export interface SearchFilters {
  partyId?: string | undefined;
  role?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  /** The query as the client sent it: the cursor is bound to it. */
  q: string;
}

/** One page of the ids of people matching `query`, ordered by matched word; each person once. */
export async function searchPersonIds(tableName: string, query: SearchQuery, f: SearchFilters): Promise<Page<string>> {
  const once: Filter = { expression: '#shared < :plen', names: { '#shared': 'shared' }, values: { ':plen': query.prefix.length } };
  const words: Filter[] = query.others.map((w, i) => ({ expression: `contains(#search, :w${i})`, names: { '#search': 'search' }, values: { [`:w${i}`]: ` ${w}` } }));
  const page = await queryPage<Item>({
    tableName,
    index: 'gsi1',
    partition: searchIndex.partition(query.prefix),
    sortPrefix: query.prefix,
    limit: f.limit,
    cursor: f.cursor,
    binding: `people?q=${f.q}|partyId=${f.partyId ?? ''}|role=${f.role ?? ''}`,
    filter: allOf(once, equalsFilter({ partyId: f.partyId, role: f.role }), ...words),
  });
  return { items: page.items.map((i) => i.personId as string), nextCursor: page.nextCursor };
}
