// Property tests over every feedback write route: whatever body arrives from whichever caller, the
// answer is never a 5xx, and a refused write (403, 404, 409, 412, 422...) leaves the table as it was.
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scanTable, useOwnTable } from '../../../test/support/int';

let d: Awaited<ReturnType<typeof delegation>>;
let stranger: string;
let ticketId: string;

let { delegation, person } = {} as typeof import('./directory');
let { call, claimsFor, file, organizer } = {} as typeof import('./invoke');

// Its own empty table: the runs scan it twice each.
useOwnTable();

beforeAll(async () => {
  ({ delegation, person } = await import('./directory'));
  ({ call, claimsFor, file, organizer } = await import('./invoke'));
  d = await delegation();
  stranger = await person('guest');
  ticketId = (await file(d.claims.guest)).id;
});

const FIELDS = ['kind', 'category', 'severity', 'subject', 'body', 'reporterId', 'partyId', 'to', 'note', 'internal', 'assigneeId', 'score', 'comment', 'targetId', 'nmae'];

/** Values that are sometimes right and often wrong in interesting ways (ids are filled in per run). */
const value = fc.oneof(
  fc.constantFrom('question', 'complaint', 'emergency', 'gripe', 'transport', 'health', 'food', 'low', 'critical', 'urgent'),
  fc.constantFrom('acknowledged', 'in_progress', 'resolved', 'closed', 'reopened', 'open', 'lo', 'event', 'accommodation'),
  fc.constantFrom('$guest', '$lo', '$party', '$stranger', 'per_nobody', 'pty_nowhere', '', ' ', '../etc', 'x'.repeat(65)),
  fc.constantFrom(null, true, false, 0, 1, 3, 5, 6, -1, 2.5, Number.MAX_SAFE_INTEGER),
  fc.string({ maxLength: 300 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const objectBody = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 });
const body = fc.oneof(objectBody, fc.jsonValue({ maxDepth: 3 }));
const rawBody = fc.oneof(fc.string({ maxLength: 50 }).map((s) => ({ raw: s })), body.map((b) => ({ json: b })));
const caller = fc.constantFrom('organizer', 'guest', 'lo', 'otherGuest', 'otherLo');
const ifMatch = fc.option(fc.constantFrom('"1"', '"2"', '"999"', '*', 'garbage'), { nil: undefined });

function resolveIds(v: unknown): unknown {
  if (typeof v === 'string') return ({ $guest: d.guest, $lo: d.lo, $party: d.partyId, $stranger: stranger } as Record<string, string>)[v] ?? v;
  if (Array.isArray(v)) return v.map(resolveIds);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveIds(x)]));
  return v;
}

function claimsOf(who: string): Record<string, string> {
  if (who === 'organizer') return organizer;
  if (who === 'guest') return d.claims.guest;
  if (who === 'lo') return d.claims.lo;
  return claimsFor(who === 'otherGuest' ? 'guest' : 'lo', stranger);
}

// Each route with a body it would take from the right caller, which the runs bend a field or two of.
const ROUTES: [string, () => string, Record<string, unknown>][] = [
  ['POST /tickets', () => '/tickets', { kind: 'complaint', category: 'transport', severity: 'high', subject: 'Late pick-up', body: 'No driver.', reporterId: '$guest' }],
  ['POST /tickets/{id}/transitions', () => `/tickets/${ticketId}/transitions`, { to: 'acknowledged', note: 'on it' }],
  ['POST /tickets/{id}/comments', () => `/tickets/${ticketId}/comments`, { body: 'Calling the hotel', internal: true }],
  ['POST /tickets/{id}/assign', () => `/tickets/${ticketId}/assign`, { assigneeId: '$lo' }],
  ['POST /ratings', () => '/ratings', { subject: 'lo', score: 4, targetId: '$lo' }],
];

describe.each(ROUTES)('%s with any body from any caller', (_name, url, good) => {
  it('never answers 5xx, and a refused write changes nothing', async () => {
    const bent = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 2 }).map((over) => ({ json: { ...good, ...over } as unknown }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(rawBody, bent), caller, ifMatch, async (b, who, match) => {
        const before = await scanTable();
        const headers: Record<string, string> = { ...(match === undefined ? {} : { 'if-match': match }), ...('raw' in b ? { 'content-type': 'application/json' } : {}) };
        const res = await call({ method: 'POST', url: url(), body: 'raw' in b ? b.raw : resolveIds(b.json), headers, claims: claimsOf(who) });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toBe('application/problem+json');
          expect(await scanTable()).toEqual(before);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 40) },
    );
  });
});
