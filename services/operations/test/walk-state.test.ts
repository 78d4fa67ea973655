// The export's cursor: opaque, refused when edited, and unable to aim the walk outside the export.
import { describe, expect, it } from '@jest/globals';
import { encodeCursor } from '@liaison/kit/ddb/cursor';
import { LIST_SOURCES } from '@liaison/kit/ddb/export-registry';
import { MalformedError } from '@liaison/kit/errors';
import { decodeState, encodeState } from '../src/domain/walk-state';

const people = LIST_SOURCES.findIndex((s) => s.partition === 'PEOPLE');
const profile = LIST_SOURCES.findIndex((s) => s.partition === 'EVENT');
const root = { pk: 'PERSON#p1', sk: 'PERSON', gsi1pk: 'PEOPLE', gsi1sk: 'ani#p1' };

describe('the export cursor', () => {
  it('gives back the place it was made from', () => {
    const state = { s: people, l: root, r: true as const, p: 2, k: { pk: 'BOOKED#PERSON#p1', sk: 'STAYS' } };
    expect(decodeState(encodeState(state))).toEqual(state);
    expect(decodeState(encodeState({ s: profile, k: { pk: 'EVENT', sk: 'PROFILE' } }))).toEqual({ s: profile, k: { pk: 'EVENT', sk: 'PROFILE' } });
  });

  it('is refused with 400 naming the cursor when a character is changed', () => {
    const cursor = encodeState({ s: people, l: root });
    const edited = `${cursor.slice(0, 10)}${cursor[10] === 'A' ? 'B' : 'A'}${cursor.slice(11)}`;
    expect(() => decodeState(edited)).toThrow(MalformedError);
    try {
      decodeState(edited);
    } catch (err) {
      expect((err as MalformedError).status).toBe(400);
    }
  });

  it("is refused when it comes from another list's query", () => {
    expect(() => decodeState(encodeCursor({ pk: 'PERSON#p1', sk: 'PERSON' }, 'table|PEOPLE||'))).toThrow(MalformedError);
  });

  it('cannot point the walk at a partition outside the list it names, nor past the last list', () => {
    expect(() => decodeState(encodeState({ s: people, l: { ...root, gsi1pk: 'OUTBOX' } }))).toThrow('outside the export');
    expect(() => decodeState(encodeState({ s: profile, k: { pk: 'IDEMPOTENCY#x', sk: 'x' } }))).toThrow('outside the export');
    expect(() => decodeState(encodeState({ s: LIST_SOURCES.length }))).toThrow(MalformedError);
    expect(() => decodeState(encodeState({ s: people, p: 1 }))).toThrow('inconsistent place');
  });
});
