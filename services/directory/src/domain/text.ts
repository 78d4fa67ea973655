// Name handling for sorting and search: case- and accent-insensitive, so "José" sorts and matches as "jose".
// Search is by word prefix: a person is found by the start of any word of their name, email, phone
// digits or externalId; the store indexes one token item per word (store/search-keys.ts).

export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Sort key: folded name (bounded) then id, so equal names keep a stable order. */
export function nameKey(name: string, id: string): string {
  return `${fold(name).slice(0, 100)}#${id}`;
}

/** Longest indexed token (characters); longer words are found by their first TOKEN_MAX characters, then filtered. */
export const TOKEN_MAX = 64;

/**
 * Most tokens indexed per person (name words first, then email, phone, externalId), so that a person's
 * change stays small inside a 100-item transaction. Words past it are still matched as a query's other
 * words, only not looked up by themselves.
 */
export const TOKENS_MAX = 16;

export interface Searchable {
  name: string;
  email?: string | null;
  phone?: string | null;
  externalId?: string | null;
}

/** Every word a person is found by, folded, in order, without repeats: name words, email, phone digits, externalId words. */
export function searchWords(p: Searchable): string[] {
  const words = [...splitWords(p.name)];
  if (p.email) words.push(...splitWords(p.email));
  if (p.phone) {
    const digits = p.phone.replace(/\D/g, '');
    if (digits) words.push(digits);
  }
  if (p.externalId) words.push(...splitWords(p.externalId));
  return [...new Set(words)];
}

function splitWords(text: string): string[] {
  return fold(text).split(' ').filter(Boolean);
}

/** The text the other words of a query are matched in: ` w1 w2 … `, so `contains(text, " " + w)` is a word-prefix match. */
export function searchText(p: Searchable): string {
  return ` ${searchWords(p).join(' ')} `;
}

export interface SearchToken {
  token: string;
  /**
   * The longest common prefix (in characters) this token shares with a smaller token of the same
   * person. A query prefix longer than that matches here first; shorter ones matched a smaller token
   * already. Filtering on `shared < prefix length` lists each person once however many words match.
   */
  shared: number;
}

/**
 * The tokens to index for a person: their search words bounded to TOKEN_MAX, minus any that starts
 * another one (the longer token finds the person by every prefix of the shorter), sorted.
 */
export function searchTokens(p: Searchable): SearchToken[] {
  const bounded = [...new Set(searchWords(p).map((w) => w.slice(0, TOKEN_MAX)))].slice(0, TOKENS_MAX);
  const kept = bounded.filter((w) => !bounded.some((o) => o !== w && o.startsWith(w))).sort();
  return kept.map((token, i) => ({ token, shared: Math.max(0, ...kept.slice(0, i).map((o) => commonPrefix(o, token))) }));
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

export interface SearchQuery {
  /** Looked up in the index with `begins_with` (at most TOKEN_MAX characters). */
  prefix: string;
  /** Words that must also start a word of the person's search text (`contains`). */
  others: string[];
}

/**
 * A `q` as an index lookup: its longest word is the prefix (the fewest matches), the others filter.
 * A word like `+62-812` becomes its digits (phone numbers are indexed by their digits). Null when nothing is left.
 */
export function searchQuery(q: string): SearchQuery | null {
  const words = [...new Set(splitWords(q).map((w) => (/^\+[\d().-]*$/.test(w) ? w.replace(/\D/g, '') : w)))].filter(Boolean);
  if (words.length === 0) return null;
  const longest = words.reduce((a, b) => (b.length > a.length ? b : a));
  const others = words.filter((w) => w !== longest);
  if (longest.length > TOKEN_MAX) others.push(longest);
  return { prefix: longest.slice(0, TOKEN_MAX), others };
}
