import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { bookingClashes, notOver, type Booking } from '../../src/domain/assignment';

const b = (id: string, party: string | null, from: string | null, to: string | null, person: string | null = null): Booking => ({ id, partyId: party, personId: person, from, to });
const T = (h: number) => new Date(Date.UTC(2027, 2, 1, h)).toISOString();

describe('assignment windows', () => {
  it('an assignment is over from its end on, and one without an end never is', () => {
    expect(notOver(b('a', 'p', T(8), T(10)), Date.parse(T(9)))).toBe(true);
    expect(notOver(b('a', 'p', T(8), T(10)), Date.parse(T(10)))).toBe(false);
    expect(notOver(b('a', 'p', T(8), null), Date.parse(T(1000)))).toBe(true);
  });
});

describe('booking an LO', () => {
  it('fits within maxParties', () => {
    expect(bookingClashes([b('a', 'p1', T(8), T(12))], b('n', 'p2', T(9), T(10)), 2)).toEqual([]);
  });

  it('refuses a booking beyond maxParties at overlapping times, listing the clashes', () => {
    const clashes = bookingClashes([b('a', 'p1', T(8), T(12)), b('c', 'p3', T(9), T(11))], b('n', 'p2', T(10), T(13)), 2);
    expect(clashes.map((c) => c.refs?.[0]).sort()).toEqual(['a', 'c']);
    expect(clashes[0]?.kind).toBe('lo_fully_booked');
  });

  it('counts only bookings that are busy at the same instant', () => {
    // a and c never overlap each other, so at most 2 at once including the new one.
    expect(bookingClashes([b('a', 'p1', T(8), T(10)), b('c', 'p3', T(10), T(12))], b('n', 'p2', T(8), T(12)), 2)).toEqual([]);
  });

  it('refuses the same party twice at overlapping times even with room', () => {
    expect(bookingClashes([b('a', 'p1', T(8), T(12))], b('n', 'p1', T(9), T(10)), 5)[0]?.kind).toBe('already_assigned');
  });

  it('counts touching windows as apart', () => {
    expect(bookingClashes([b('a', 'p1', T(8), T(10))], b('n', 'p2', T(10), T(12)), 1)).toEqual([]);
  });

  it('refuses the same person twice', () => {
    expect(bookingClashes([b('a', null, null, null, 'per1')], b('n', null, null, null, 'per1'), 5)[0]?.kind).toBe('already_assigned');
  });

  it('agrees with counting at every instant (property)', () => {
    const hour = fc.integer({ min: 0, max: 24 });
    const windowArb = fc.tuple(fc.option(hour), fc.option(hour)).filter(([f, t]) => f === null || t === null || f < t);
    fc.assert(
      fc.property(fc.array(windowArb, { maxLength: 6 }), windowArb, fc.integer({ min: 1, max: 4 }), (existing, cand, max) => {
        const bookings = existing.map(([f, t], i) => b(`b${i}`, `p${i}`, f === null ? null : T(f), t === null ? null : T(t)));
        const candidate = b('new', 'pnew', cand[0] === null ? null : T(cand[0]), cand[1] === null ? null : T(cand[1]));
        // Brute force: the load at every half-hour instant inside the candidate's window.
        let peak = 0;
        for (let h = -1; h <= 25; h += 0.5) {
          const at = Date.UTC(2027, 2, 1) + h * 3600_000;
          const inside = (x: Booking) => (x.from === null || Date.parse(x.from) <= at) && (x.to === null || at < Date.parse(x.to));
          if (!inside(candidate)) continue;
          peak = Math.max(peak, bookings.filter(inside).length + 1);
        }
        expect(bookingClashes(bookings, candidate, max).length > 0).toBe(peak > max);
      }),
    );
  });
});
