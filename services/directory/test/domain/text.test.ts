import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mergePatch } from '../../src/domain/changes';
import { fold, nameKey, searchQuery, searchText, searchTokens, searchWords, TOKEN_MAX, type Searchable } from '../../src/domain/text';

/**
 * What the store's query does with the index, over one person's tokens: `begins_with` on the prefix,
 * `shared < prefix length`, and `contains` for the other words. Returns how many token items match.
 */
function hits(p: Searchable, q: string): number {
  const query = searchQuery(q);
  if (!query) return 0;
  const text = searchText(p);
  if (!query.others.every((w) => text.includes(` ${w}`))) return 0;
  return searchTokens(p).filter((t) => t.token.startsWith(query.prefix) && t.shared < query.prefix.length).length;
}

const letter = fc.constantFrom(...'abcdeosnlruyzAEOSÉéèÁáñÑüÜçÇ');
const word = fc.string({ unit: letter, minLength: 1, maxLength: 9 });
const name = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
/** The same text as a person might type it: any letter upper- or lower-cased, with or without its accent. */
const retyped = (text: string) =>
  fc.array(fc.constantFrom('same', 'upper', 'bare'), { minLength: text.length, maxLength: text.length }).map((how) =>
    [...text].map((c, i) => (how[i] === 'upper' ? c.toUpperCase() : how[i] === 'bare' ? fold(c) : c)).join(''),
  );

describe('search tokens', () => {
  it('find a person by every prefix of every word of their name, however cased or accented, and list them once', () => {
    fc.assert(
      fc.property(
        name.chain((n) => {
          const words = n.split(' ');
          return fc.tuple(fc.constant(n), fc.nat(words.length - 1).chain((i) => fc.integer({ min: 1, max: (words[i] as string).length }).chain((len) => retyped((words[i] as string).slice(0, len)))));
        }),
        ([n, q]) => {
          expect(hits({ name: n }, q)).toBe(1);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never find a person by a word that starts none of their words', () => {
    fc.assert(
      fc.property(name, fc.string({ unit: letter, minLength: 1, maxLength: 6 }), (n, q) => {
        const folded = fold(q);
        fc.pre(!searchWords({ name: n }).some((w) => w.startsWith(folded)));
        expect(hits({ name: n }, q)).toBe(0);
      }),
      { numRuns: 500 },
    );
  });

  it('need every word of a multi-word query to start some word', () => {
    fc.assert(
      fc.property(name, name, (n, q) => {
        const words = fold(q).split(' ');
        const all = words.every((w) => searchWords({ name: n }).some((s) => s.startsWith(w)));
        expect(hits({ name: n }, q) > 0).toBe(all);
      }),
      { numRuns: 300 },
    );
  });

  it('find by the start of the email, the phone digits (with or without +) and the externalId', () => {
    const p = { name: 'Siti Nurhaliza', email: 'siti.n@x.id', phone: '+6281234567890', externalId: 'DEL-ID 07' };
    for (const q of ['SITI.N@', 'siti.n@x.id', '+62812', '6281234', '+62-812', 'del-id', '07', 'nur']) expect([q, hits(p, q)]).toEqual([q, 1]);
    for (const q of ['haliza', 'x.id', '812', 'id 07x']) expect([q, hits(p, q)]).toEqual([q, 0]);
  });

  it('index a word once, leave out words that start longer ones, and bound long words', () => {
    expect(searchTokens({ name: 'Ana Anastasia ana', email: 'ana@x.org' }).map((t) => t.token)).toEqual(['ana@x.org', 'anastasia']);
    const long = 'x'.repeat(TOKEN_MAX + 10);
    expect(searchTokens({ name: long }).map((t) => t.token)).toEqual(['x'.repeat(TOKEN_MAX)]);
    expect(hits({ name: long }, long)).toBe(1);
    expect(hits({ name: long }, `${'x'.repeat(TOKEN_MAX)}y`)).toBe(0);
  });

  it('read an empty query as no query', () => expect(searchQuery('  + ')).toBeNull());
});

describe('names', () => {
  it('fold case and accents', () => expect(fold('  José  ÁLVAREZ ')).toBe('jose alvarez'));
  it('sort by folded name then id', () => expect(nameKey('Émile', 'per_1') < nameKey('Fatima', 'per_0')).toBe(true));
});

describe('merge patch', () => {
  it('keeps, clears, merges and replaces as RFC 7396 says', () => {
    expect(mergePatch({ a: 1, b: { c: 1, d: 2 }, e: [1] }, { a: null, b: { c: 3 }, e: [2], f: 'new' })).toEqual({ a: null, b: { c: 3, d: 2 }, e: [2], f: 'new' });
  });
});
