// Rating summaries kept incrementally: each new or changed rating becomes a delta per summary key
// (count, sum, one count per score) that the store adds atomically, so concurrent ratings stay
// exact and nothing is ever recomputed over all ratings. Pure.
import type { Rating, RatingSummaryBy, RatingSummaryItem, ScoreDistribution } from '@liaison/contracts';

export const SCORES = [1, 2, 3, 4, 5] as const;
export type Score = (typeof SCORES)[number];

/** What a summary item is made of; `mean` is derived, never stored. */
export interface Tally {
  count: number;
  sum: number;
  distribution: ScoreDistribution;
}

/** A change to a tally; every field is added (negative to take away). */
export type TallyDelta = Tally;

export const EMPTY_TALLY: Tally = Object.freeze({ count: 0, sum: 0, distribution: Object.freeze({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }) });

function scoreKey(score: number): keyof ScoreDistribution {
  if (!Number.isInteger(score) || score < 1 || score > 5) throw new RangeError(`score must be a whole number from 1 to 5, got ${score}`);
  return String(score) as keyof ScoreDistribution;
}

function delta(count: number, sum: number, moves: [number, number][]): TallyDelta {
  const distribution = { ...EMPTY_TALLY.distribution };
  for (const [score, by] of moves) distribution[scoreKey(score)] += by;
  return { count, sum, distribution };
}

/** A first rating of `score`. */
export const addScore = (score: number): TallyDelta => delta(1, score, [[score, 1]]);
/** A rating taken out of a key (it moved to another key). */
export const removeScore = (score: number): TallyDelta => delta(-1, -score, [[score, -1]]);
/** A rating that stays in its key and changes from `before` to `after`. */
export const changeScore = (before: number, after: number): TallyDelta =>
  delta(0, after - before, [
    [before, -1],
    [after, 1],
  ]);

export function applyDelta(tally: Tally, d: TallyDelta): Tally {
  const distribution = { ...tally.distribution };
  for (const s of SCORES) distribution[s] += d.distribution[s];
  return { count: tally.count + d.count, sum: tally.sum + d.sum, distribution };
}

export function isZero(d: TallyDelta): boolean {
  return d.count === 0 && d.sum === 0 && SCORES.every((s) => d.distribution[s] === 0);
}

export function meanOf(tally: Pick<Tally, 'count' | 'sum'>): number | null {
  return tally.count === 0 ? null : tally.sum / tally.count;
}

export function summaryItem(key: string, tally: Tally): RatingSummaryItem {
  return { key, count: tally.count, mean: meanOf(tally), distribution: { ...tally.distribution } };
}

type Keyed = Pick<Rating, 'subject' | 'partyId' | 'targetId'>;

/**
 * The summary keys a rating counts under: its subject; the rater's party (when they have one); and
 * the LO rated (subject `lo` with a target).
 */
export function summaryKeys(rating: Keyed): { by: RatingSummaryBy; key: string }[] {
  const keys: { by: RatingSummaryBy; key: string }[] = [{ by: 'subject', key: rating.subject }];
  if (rating.partyId !== null) keys.push({ by: 'party', key: rating.partyId });
  if (rating.subject === 'lo' && rating.targetId !== null) keys.push({ by: 'lo', key: rating.targetId });
  return keys;
}

/**
 * The deltas that take the summaries from `before` (null for a first rating) to `after`. A key the
 * rating leaves loses its old score, a key it joins gains the new one, a key it stays in moves the
 * score; keys with nothing to change are left out.
 */
export function ratingDeltas(before: (Keyed & Pick<Rating, 'score'>) | null, after: Keyed & Pick<Rating, 'score'>): { by: RatingSummaryBy; key: string; delta: TallyDelta }[] {
  const id = (k: { by: string; key: string }) => `${k.by}\u0000${k.key}`;
  const old = new Map((before ? summaryKeys(before) : []).map((k) => [id(k), k]));
  const now = new Map(summaryKeys(after).map((k) => [id(k), k]));
  const out: { by: RatingSummaryBy; key: string; delta: TallyDelta }[] = [];
  if (before) for (const [i, k] of old) if (!now.has(i)) out.push({ ...k, delta: removeScore(before.score) });
  for (const [i, k] of now) {
    const d = before && old.has(i) ? changeScore(before.score, after.score) : addScore(after.score);
    if (!isZero(d)) out.push({ ...k, delta: d });
  }
  return out;
}
