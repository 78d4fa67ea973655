import { describe, expect, it } from '@jest/globals';
import { mergePatch } from '../../src/domain/changes';
import { fold, nameKey, searchNeedle, searchText } from '../../src/domain/text';

describe('names', () => {
  it('fold case and accents', () => expect(fold('  José  ÁLVAREZ ')).toBe('jose alvarez'));
  it('sort by folded name then id', () => expect(nameKey('Émile', 'per_1') < nameKey('Fatima', 'per_0')).toBe(true));
  it('match the start of any word', () => {
    const text = searchText({ name: 'Siti Nurhaliza', email: 'siti@x.id' });
    expect(text.includes(searchNeedle('nur'))).toBe(true);
    expect(text.includes(searchNeedle('haliza'))).toBe(false);
    expect(text.includes(searchNeedle('SITI@'))).toBe(true);
  });
});

describe('merge patch', () => {
  it('keeps, clears, merges and replaces as RFC 7396 says', () => {
    expect(mergePatch({ a: 1, b: { c: 1, d: 2 }, e: [1] }, { a: null, b: { c: 3 }, e: [2], f: 'new' })).toEqual({ a: null, b: { c: 3, d: 2 }, e: [2], f: 'new' });
  });
});
