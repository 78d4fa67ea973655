// Name handling for sorting and search: case- and accent-insensitive, so "José" sorts and matches as "jose".

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

/**
 * The text a `q` search matches against: every word of the name, and the email, phone and
 * externalId, each preceded by a space, so `contains(search, " " + q)` is a word-prefix match.
 */
export function searchText(fields: { name: string; email?: string | null; phone?: string | null; externalId?: string | null }): string {
  const words = fold(fields.name).split(' ');
  const extra = [fields.email, fields.phone, fields.externalId].filter((v): v is string => !!v).map((v) => fold(v));
  return ` ${[...words, ...extra].join(' ')} `;
}

/** The needle for `searchText`: a word start. */
export function searchNeedle(q: string): string {
  return ` ${fold(q)}`;
}
