import { describe, expect, it } from '@jest/globals';
import { RATING_SUBJECTS, RatingSummaryItem, type Rating } from '@liaison/contracts';
import fc from 'fast-check';
import { addScore, applyDelta, changeScore, EMPTY_TALLY, ratingDeltas, SCORES, summaryItem, summaryKeys, type Tally } from '../../src/domain/ratings';

type R = Pick<Rating, 'subject' | 'partyId' | 'targetId' | 'score'>;

describe('rating tallies', () => {
  it('derives the mean and the distribution of a summary item', () => {
    const t = [5, 4, 4].reduce((acc, s) => applyDelta(acc, addScore(s)), EMPTY_TALLY);
    const item = summaryItem('transport', t);
    expect(item).toEqual({ key: 'transport', count: 3, mean: 13 / 3, distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 } });
    expect(RatingSummaryItem.parse(item)).toEqual(item);
  });

  it('has no mean without ratings', () => expect(summaryItem('lo', EMPTY_TALLY).mean).toBeNull());

  it('moves one count when a score changes, keeping the count', () => {
    const t = applyDelta(applyDelta(EMPTY_TALLY, addScore(2)), changeScore(2, 5));
    expect(t).toEqual({ count: 1, sum: 5, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 } });
  });

  it('refuses a score outside 1–5', () => {
    expect(() => addScore(6)).toThrow(RangeError);
    expect(() => addScore(2.5)).toThrow(RangeError);
  });

  it('counts a rating under its subject, the rater’s party and, for an LO, the LO rated', () => {
    expect(summaryKeys({ subject: 'lo', partyId: 'pty_jp', targetId: 'per_lo' })).toEqual([
      { by: 'subject', key: 'lo' },
      { by: 'party', key: 'pty_jp' },
      { by: 'lo', key: 'per_lo' },
    ]);
    expect(summaryKeys({ subject: 'transport', partyId: null, targetId: 'trp_1' })).toEqual([{ by: 'subject', key: 'transport' }]);
  });

  it('changes nothing when the same score is posted again', () => {
    const r: R = { subject: 'event', partyId: 'pty_jp', targetId: null, score: 4 };
    expect(ratingDeltas(r, r)).toEqual([]);
  });
});

// Random posts by a few raters: a first post creates the rating, a later one for the same rater,
// subject and target replaces it (possibly after the rater moved party).
const postArb = fc.record({
  rater: fc.constantFrom('per_1', 'per_2', 'per_3', 'per_4'),
  subject: fc.constantFrom(...RATING_SUBJECTS),
  targetId: fc.constantFrom(null, 'per_lo1', 'per_lo2'),
  partyId: fc.constantFrom(null, 'pty_jp', 'pty_de'),
  score: fc.constantFrom(...SCORES),
});

describe('incremental summaries (property)', () => {
  it('equal the summaries recomputed from scratch, for any sequence of posts and updates', () => {
    fc.assert(
      fc.property(fc.array(postArb, { maxLength: 60 }), (posts) => {
        const ratings = new Map<string, R>();
        const incremental = new Map<string, Tally>();
        for (const p of posts) {
          const id = `${p.rater}|${p.subject}|${p.targetId}`;
          const after: R = { subject: p.subject, partyId: p.partyId, targetId: p.targetId, score: p.score };
          for (const { by, key, delta } of ratingDeltas(ratings.get(id) ?? null, after)) {
            const k = `${by}|${key}`;
            incremental.set(k, applyDelta(incremental.get(k) ?? EMPTY_TALLY, delta));
          }
          ratings.set(id, after);
        }

        const scratch = new Map<string, Tally>();
        for (const r of ratings.values()) {
          for (const { by, key } of summaryKeys(r)) {
            const k = `${by}|${key}`;
            const t = scratch.get(k) ?? { count: 0, sum: 0, distribution: { ...EMPTY_TALLY.distribution } };
            t.count += 1;
            t.sum += r.score;
            t.distribution[String(r.score) as '1'] += 1;
            scratch.set(k, t);
          }
        }

        // Keys a rating left behind keep an empty tally incrementally; they are absent from scratch.
        const nonEmpty = [...incremental].filter(([, t]) => t.count !== 0);
        expect(new Map(nonEmpty)).toEqual(scratch);
        for (const [, t] of incremental) {
          expect(SCORES.reduce((n, s) => n + t.distribution[s], 0)).toBe(t.count);
          expect(SCORES.every((s) => t.distribution[s] >= 0)).toBe(true);
        }
      }),
    );
  });
});
