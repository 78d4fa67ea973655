// Property tests over every notifications write route: whatever body arrives from whichever caller, the
// answer is never a 5xx, and a refused write (400, 403, 404, 412, 422...) leaves the table as it was.
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scanTable, useOwnTable } from '../../../test/support/int';

let d: { partyId: string; guests: string[]; lo: string; loClaims: Record<string, string> };
let stranger: string;
let otherLo: string;

let h = {} as typeof import('./invoke');

// Its own empty table: the runs scan it twice each.
useOwnTable();

beforeAll(async () => {
  h = await import('./invoke');
  await h.profile(null);
  d = await h.delegation(2);
  stranger = (await h.person()).id;
  otherLo = (await h.person({ role: 'lo' })).id;
  await h.call({ method: 'PUT', url: '/templates/gala_prop', claims: h.organizer, body: { en: { body: 'Gala at {{venue}}' } } });
});

const FIELDS = ['audience', 'message', 'templateKey', 'vars', 'channels', 'priority', 'dryRun', 'id', 'en', 'subject', 'body', 'audiense'];

/** Values that are sometimes right and often wrong in interesting ways (ids are filled in per run). */
const value = fc.oneof(
  fc.constantFrom({ all: true }, { all: false }, { partyIds: ['$party'] }, { partyIds: ['$party', 'pty_nowhere'] }, { personIds: ['$guest', '$stranger'] }, { personIds: [] }),
  fc.constantFrom({ tripId: 'trp_nowhere' }, { hotel: 'Hotel Mulia' }, { hotel: '' }, { roles: ['guest', 'lo'] }, { roles: ['king'] }, { all: true, tripId: 'x' }, {}),
  fc.constantFrom({ id: 'Halo', en: 'Hello' }, { en: '' }, { fr: 'Bonjour' }, { body: 'Gala at {{venue}}' }, { subject: 'Hi', body: '{{ bad' }, { venue: 'JCC' }, { '1x': 'y' }),
  fc.constantFrom(['sms'], ['sms', 'email'], ['sms', 'sms'], ['fax'], [], 'sms', 'normal', 'urgent', 'emergency', 'loud', 'gala_prop', 'trip.changed', 'BAD KEY'),
  fc.constantFrom('$guest', '$party', 'per_nobody', '', ' ', 'x'.repeat(65)),
  fc.constantFrom(null, true, false, 0, 1, -1, 2.5),
  fc.string({ maxLength: 200 }),
  fc.jsonValue({ maxDepth: 2 }),
);
const objectBody = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 8 });
const body = fc.oneof(objectBody, fc.jsonValue({ maxDepth: 3 }));
const rawBody = fc.oneof(fc.string({ maxLength: 50 }).map((s) => ({ raw: s })), body.map((b) => ({ json: b })));
const caller = fc.constantFrom('organizer', 'guest', 'lo', 'otherLo');
const ifMatch = fc.option(fc.constantFrom('"0"', '"1"', '"2"', '"999"', '*', 'garbage'), { nil: undefined });

function resolveIds(v: unknown): unknown {
  if (typeof v === 'string') return ({ $guest: d.guests[0], $party: d.partyId, $stranger: stranger } as Record<string, string>)[v] ?? v;
  if (Array.isArray(v)) return v.map(resolveIds);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveIds(x)]));
  return v;
}

function claimsOf(who: string): Record<string, string> {
  if (who === 'organizer') return h.organizer;
  if (who === 'guest') return h.claimsFor('guest', d.guests[0]);
  if (who === 'lo') return d.loClaims;
  return h.claimsFor('lo', otherLo);
}

// Each route with a body it would take from the right caller, which the runs bend a field or two of.
const ROUTES: [string, string, () => string, Record<string, unknown>][] = [
  ['POST /broadcasts', 'POST', () => '/broadcasts', { audience: { partyIds: ['$party'] }, message: { id: 'Halo', en: 'Hello' }, channels: ['sms'], priority: 'normal' }],
  ['POST /broadcasts (template)', 'POST', () => '/broadcasts', { audience: { personIds: ['$guest'] }, templateKey: 'gala_prop', vars: { venue: 'JCC' }, channels: ['sms', 'email'] }],
  ['POST /broadcasts (dry run)', 'POST', () => '/broadcasts', { audience: { all: true }, message: { en: 'Hello' }, dryRun: true }],
  ['PUT /templates/{key} (automatic)', 'PUT', () => '/templates/trip.changed', { en: { subject: 'Trip {{trip}}', body: 'Now {{time}}' } }],
  ['PUT /templates/{key} (broadcast)', 'PUT', () => '/templates/gala_prop', { id: { body: 'Gala di {{venue}}' }, en: { body: 'Gala at {{venue}}' } }],
];

describe.each(ROUTES)('%s with any body from any caller', (_name, method, url, good) => {
  it('never answers 5xx, and a refused write changes nothing', async () => {
    const bent = fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 2 }).map((over) => ({ json: { ...good, ...over } as unknown }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(rawBody, bent), caller, ifMatch, async (b, who, match) => {
        const before = await scanTable();
        const headers: Record<string, string> = { ...(match === undefined ? {} : { 'if-match': match }), ...('raw' in b ? { 'content-type': 'application/json' } : {}) };
        const res = await h.call({ method, url: url(), body: 'raw' in b ? b.raw : resolveIds(b.json), headers, claims: claimsOf(who) });
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
