// Ratings against DynamoDB Local: one per person, subject and target (posting again changes it), and
// summaries kept incrementally that stay exact when many people rate, and re-rate, at once.
import { describe, expect, it } from '@jest/globals';
import { scanTable } from '../../../test/support/int';
import { party, person } from './directory';
import { call, claimsFor, organizer } from './invoke';

const summary = async (by: string) => (await call({ method: 'GET', url: `/ratings/summary?by=${by}&limit=200`, claims: organizer })).body.items as { key: string; count: number; mean: number | null; distribution: Record<string, number> }[];

function expected(key: string, scores: number[]) {
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<string, number>;
  for (const s of scores) distribution[s] = (distribution[s] ?? 0) + 1;
  return { key, count: scores.length, mean: scores.reduce((a, b) => a + b, 0) / scores.length, distribution };
}

describe('ratings', () => {
  it('keeps one rating per person, subject and target: posting again changes it and moves the summaries', async () => {
    const partyId = await party();
    const [guest, lo] = await Promise.all([person('guest', partyId), person('lo')]);
    const first = await call({ method: 'POST', url: '/ratings', body: { subject: 'lo', score: 2, targetId: lo }, claims: claimsFor('guest', guest) });
    expect(first.status).toBe(201);
    const again = await call({ method: 'POST', url: '/ratings', body: { subject: 'lo', score: 5, targetId: lo, comment: 'Sorted it out fast' }, claims: claimsFor('guest', guest) });
    expect([again.status, again.body.id, again.body.version, again.body.partyId]).toEqual([200, first.body.id, 2, partyId]);
    expect((await summary('lo')).find((i) => i.key === lo)).toEqual(expected(lo, [5]));
    expect((await summary('party')).find((i) => i.key === partyId)).toEqual(expected(partyId, [5]));
  });

  it('refuses a score out of range, an unknown subject, and an LO rating without an LO, writing nothing', async () => {
    const guest = await person('guest');
    const before = await scanTable();
    const claims = claimsFor('guest', guest);
    for (const body of [{ subject: 'event', score: 6 }, { subject: 'event', score: 2.5 }, { subject: 'food', score: 3 }, { subject: 'lo', score: 3 }, { subject: 'lo', score: 3, targetId: guest }]) {
      const res = await call({ method: 'POST', url: '/ratings', body, claims });
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 422]);
    }
    expect(await scanTable()).toEqual(before);
  });

  it('stays exact under concurrent ratings and re-ratings (summary equals the ratings recomputed)', async () => {
    const partyId = await party('Racing delegation');
    const lo = await person('lo');
    const raters = await Promise.all(Array.from({ length: 12 }, () => person('guest', partyId)));
    const rate = (rater: string, score: number) => call({ method: 'POST', url: '/ratings', body: { subject: 'lo', score, targetId: lo }, claims: claimsFor('guest', rater) });
    // Everyone rates at once, then everyone changes their rating at once, two racing changes each.
    const firsts = await Promise.all(raters.map((r, i) => rate(r, (i % 5) + 1)));
    expect(firsts.map((r) => r.status)).toEqual(raters.map(() => 201));
    const changes = await Promise.all(raters.flatMap((r, i) => [rate(r, ((i + 2) % 5) + 1), rate(r, ((i + 3) % 5) + 1)]));
    expect(changes.every((r) => r.status === 200)).toBe(true);
    // Each rater's rating is whichever change committed last; the summary must count exactly those.
    const finals = await Promise.all(raters.map((r) => call({ method: 'POST', url: '/ratings', body: { subject: 'lo', score: 1, targetId: lo }, claims: claimsFor('guest', r) })));
    expect(finals.every((r) => r.status === 200 && r.body.version === 4)).toBe(true);
    expect((await summary('lo')).find((i) => i.key === lo)).toEqual(expected(lo, raters.map(() => 1)));
    expect((await summary('party')).find((i) => i.key === partyId)).toEqual(expected(partyId, raters.map(() => 1)));
  });
});
