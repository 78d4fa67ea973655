import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { covers, fit, overlappingPairs, overlaps, peakLoad, segments, spanOf, type Span } from '../../src/domain/intervals';

const INF = Number.POSITIVE_INFINITY;
const s = (start: number, end: number): Span => ({ start, end });

// Spans on whole hours, open ends included, so that every instant that matters is a half-hour point.
const bound = fc.integer({ min: 0, max: 12 });
const spanArb = fc
  .tuple(fc.option(bound), fc.option(bound))
  .map(([a, b]): Span => s(a ?? -INF, b ?? INF))
  .filter((x) => x.start < x.end);
const instants = Array.from({ length: 30 }, (_, i) => -1.5 + i * 0.5);

/** The oracle: look at every half-hour instant. */
function loadAt(items: { s: Span; w: number }[], at: number): number {
  return items.filter((x) => covers(x.s, at)).reduce((sum, x) => sum + x.w, 0);
}
function bruteOverlap(a: Span, b: Span): boolean {
  return instants.some((t) => covers(a, t) && covers(b, t));
}

describe('intervals', () => {
  it('treat touching ends as apart and open ends as reaching forever', () => {
    expect(overlaps(s(8, 10), s(10, 12))).toBe(false);
    expect(overlaps(s(8, INF), s(100, 101))).toBe(true);
    expect(overlaps(s(-INF, 8), s(1, 2))).toBe(true);
  });

  it('read an ISO window with null ends as an open span', () => {
    expect(spanOf({ from: null, to: '2027-03-01T10:00:00.000Z' })).toEqual({ start: -INF, end: Date.UTC(2027, 2, 1, 10) });
    expect(spanOf({ from: '2027-03-01T08:00:00.000Z', to: null }).end).toBe(INF);
  });

  it('find overlap as the instants do (property)', () => {
    fc.assert(fc.property(spanArb, spanArb, (a, b) => expect(overlaps(a, b)).toBe(bruteOverlap(a, b))));
  });

  it('list every overlapping pair once (property)', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 8 }), (spans) => {
        const items = spans.map((sp, i) => ({ i, sp }));
        const got = overlappingPairs(items, (x) => x.sp).map(([a, b]) => [Math.min(a.i, b.i), Math.max(a.i, b.i)].join('-')).sort();
        const want: string[] = [];
        for (let i = 0; i < spans.length; i++) for (let j = i + 1; j < spans.length; j++) if (bruteOverlap(spans[i] as Span, spans[j] as Span)) want.push(`${i}-${j}`);
        expect(got).toEqual(want.sort());
      }),
    );
  });

  it('cut the line into pieces whose open items are those open at each instant (property)', () => {
    fc.assert(
      fc.property(fc.array(spanArb, { maxLength: 6 }), (spans) => {
        const items = spans.map((sp, i) => ({ i, sp }));
        const pieces = segments(items, (x) => x.sp);
        for (const t of instants) {
          const open = items.filter((x) => covers(x.sp, t)).map((x) => x.i);
          const piece = pieces.find((p) => covers(p, t));
          expect(piece?.active.map((x) => x.i) ?? []).toEqual(open);
        }
      }),
    );
  });

  it('take the peak load as the busiest instant, weights and window included (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(spanArb, fc.integer({ min: 1, max: 4 })), { maxLength: 8 }), fc.option(spanArb), (raw, within) => {
        const items = raw.map(([sp, w]) => ({ s: sp, w }));
        const want = Math.max(0, ...instants.filter((t) => !within || covers(within, t)).map((t) => loadAt(items, t)));
        expect(peakLoad(items, (x) => x.s, { weight: (x) => x.w, ...(within ? { within } : {}) })).toBe(want);
      }),
    );
  });

  it('fit a booking only when no duplicate overlaps and the capacity holds at every instant (property)', () => {
    const booking = fc.record({ sp: spanArb, target: fc.constantFrom('a', 'b', 'c'), w: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.array(booking, { maxLength: 7 }), booking, fc.integer({ min: 1, max: 6 }), (booked, cand, capacity) => {
        const got = fit(booked, cand.sp, (b) => b.sp, { capacity, same: (b) => b.target === cand.target, weight: (b) => b.w, candidateWeight: cand.w });
        const peak = Math.max(...instants.filter((t) => covers(cand.sp, t)).map((t) => loadAt(booked.map((b) => ({ s: b.sp, w: b.w })), t) + cand.w));
        expect(got.peak).toBe(peak);
        expect(got.overCapacity).toBe(peak > capacity);
        expect(got.overloaded).toEqual(peak > capacity ? booked.filter((b) => bruteOverlap(b.sp, cand.sp)) : []);
        expect(got.duplicates).toEqual(booked.filter((b) => b.target === cand.target && bruteOverlap(b.sp, cand.sp)));
      }),
    );
  });
});
