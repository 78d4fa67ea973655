import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { decodeCursor, encodeCursor } from '../src/ddb/cursor';
import { MalformedError } from '../src/errors';

const names = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
const key = { pk: 'PERSON#per_1', sk: 'PERSON', gsi1pk: 'PEOPLE', gsi1sk: 'budi#per_1' };

describe('pagination cursors', () => {
  it('give back the key they carry, for the same query', () => {
    const c = encodeCursor(key, 'gsi1|PEOPLE');
    expect(decodeCursor(c, 'gsi1|PEOPLE', names, { name: 'gsi1pk', value: 'PEOPLE' })).toEqual(key);
  });

  it('are refused for another query', () => {
    const c = encodeCursor(key, 'gsi1|PEOPLE');
    expect(() => decodeCursor(c, 'gsi1|PEOPLE|role=guest', names)).toThrow(MalformedError);
  });

  it('are refused when they point into another partition', () => {
    const c = encodeCursor({ ...key, gsi1pk: 'PARTIES' }, 'b');
    expect(() => decodeCursor(c, 'b', names, { name: 'gsi1pk', value: 'PEOPLE' })).toThrow(MalformedError);
  });

  it('are refused with the wrong key shape', () => {
    const c = encodeCursor({ pk: 'a', sk: 'b' }, 'b');
    expect(() => decodeCursor(c, 'b', names)).toThrow(/wrong key shape/);
  });

  it('refuse any edit of a character', () => {
    const c = encodeCursor(key, 'q');
    fc.assert(
      fc.property(fc.nat({ max: c.length - 1 }), fc.constantFrom(...'ABCDEFabcdef0123456789-_.'), (i, ch) => {
        fc.pre(c[i] !== ch);
        const edited = c.slice(0, i) + ch + c.slice(i + 1);
        expect(() => decodeCursor(edited, 'q', names)).toThrow(MalformedError);
      }),
    );
  });

  it('refuse garbage', () => {
    fc.assert(fc.property(fc.string(), (s) => expect(() => decodeCursor(s, 'q', names)).toThrow(MalformedError)));
  });
});
