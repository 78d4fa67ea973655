// The export registry against the key registry: every prefix an owner writes under is reached by the
// export (a list partition, a root's item collection, a companion) or left out on purpose, and every
// record gets a kind. A new prefix without a way in fails here before its items go missing from exports.
import { describe, expect, it } from '@jest/globals';
import { COMPANIONS, KINDS, LIST_SOURCES, NOT_EXPORTED, kindOf } from '@liaison/kit/ddb/export-registry';
import { KEY_PREFIXES, ownerOf } from '@liaison/kit/ddb/prefixes';

/** Prefixes used only as index partitions, of items the export reaches through their pk. */
const INDEX_ONLY = ['LO#'];

describe('the export registry', () => {
  it('names a kind for every table prefix of every owner, or leaves it out with a reason', () => {
    for (const [owner, prefixes] of Object.entries(KEY_PREFIXES)) {
      for (const prefix of prefixes as readonly string[]) {
        const left = NOT_EXPORTED.some((n) => prefix.startsWith(n.prefix));
        const kind = KINDS.some((k) => k.pk.startsWith(prefix) || prefix.startsWith(k.pk));
        const indexOnly = LIST_SOURCES.some((s) => s.index !== 'table' && s.partition.startsWith(prefix)) || INDEX_ONLY.includes(prefix);
        expect({ owner, prefix, reached: left || kind || indexOnly }).toEqual({ owner, prefix, reached: true });
      }
    }
  });

  it('reads each list partition of its owner, and gives each companion to the owner of its partition', () => {
    for (const s of LIST_SOURCES) expect([s.partition, ownerOf(s.partition) ?? s.owner]).toEqual([s.partition, s.owner]);
    const sample = { pk: 'PERSON#p1', id: 'p1', email: 'Ani@Example.org', externalId: 'x1', hotel: ' Hotel Mulia ', room: '1201' };
    for (const c of COMPANIONS) {
      for (const p of c.partitions({ ...sample, pk: `${c.root}p1` })) if (p) expect([p, ownerOf(p)]).toEqual([p, c.owner]);
    }
  });

  it('reads the guards under the keys the directory writes them (email lower-cased)', () => {
    const person = COMPANIONS.find((c) => c.owner === 'directory' && c.root === 'PERSON#');
    expect(person?.partitions({ pk: 'PERSON#p1', email: 'Ani@Example.org', externalId: 'x1' })).toEqual(['UNIQUE#PERSON#EXTERNALID#x1', 'UNIQUE#PERSON#EMAIL#ani@example.org']);
  });

  it('exports a room shared by several stays once: from the stay with the smallest id', () => {
    const room = COMPANIONS.find((c) => c.root === 'STAY#' && c.owner === 'logistics');
    const items = [{ pk: 'BOOKED#ROOM#hotel mulia/1201', sk: 'STAYS', bookings: { stay_b: {}, stay_a: {} } }];
    expect(room?.exportedBy?.(items, { pk: 'STAY#stay_a' })).toBe(true);
    expect(room?.exportedBy?.(items, { pk: 'STAY#stay_b' })).toBe(false);
    expect(room?.partitions({ pk: 'STAY#stay_a', hotel: ' Hotel Mulia ', room: '1201 ' })).toEqual(['BOOKED#ROOM#hotel mulia/1201']);
  });

  it('names records by their keys, the most specific rule first', () => {
    expect(kindOf('PERSON#p1', 'PERSON')).toBe('person');
    expect(kindOf('EVENT', 'PURGE')).toBe('profile.retentionPurge');
    expect(kindOf('PERSON#p1', 'SEARCH#0')).toBe('person.searchTokens');
    expect(kindOf('UNIQUE#PERSON#EMAIL#a@b.c', 'UNIQUE')).toBe('person.uniqueGuard');
    expect(kindOf('RATINGS#BY#lo', 'p1')).toBe('rating.summary');
    expect(kindOf('RATING#p1', 'event#-')).toBe('rating');
    expect(kindOf('TICKET#t1', 'COMMENT#2027#c1')).toBe('ticket.comment');
    expect(kindOf('VEHICLE#v1', 'SOMETHING')).toBe('vehicle');
    expect(kindOf('NEWTHING#1', 'X')).toBe('unknown.other');
  });
});
