// Property tests over every write route: whatever body arrives, the answer is never a 5xx, and a
// refused write leaves the table exactly as it was.
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scanTable, useOwnTable } from '../../../test/support/int';

let ids: { party: string; person: string };
let { call, create, organizer } = {} as typeof import('./invoke');

// Its own empty table: the runs scan it twice each.
useOwnTable();

beforeAll(async () => {
  ({ call, create, organizer } = await import('./invoke'));
  const party = await create('/parties', { name: 'Property party', type: 'delegation', externalId: 'PROP-P' });
  const person = await create('/people', { name: 'Property guest', role: 'guest', partyId: party.id, email: 'prop@example.org', externalId: 'PROP-G' });
  ids = { party: party.id, person: person.id };
});

/** Field values that are sometimes right and often wrong in interesting ways. */
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', 'guest', 'lo', 'organizer', 'delegation', 'ngo', 'vip', 'id', 'en', 'JP', 'CGK', 'GA 881', '+6281234567890', '0812', 'a@b.co', 'not-an-email', 'PROP-P', 'PROP-G'),
  fc.constantFrom('2027-03-01T09:00:00+07:00', '2027-03-01T09:00', '2027-02-30T09:00:00Z', '22:00', '25:00', 'Asia/Jakarta', 'Mars/Olympus'),
  fc.constantFrom(null, true, false, 0, -1, 1, 2, 51, 1.5, Number.MAX_SAFE_INTEGER),
  fc.string({ maxLength: 300 }),
);

const FIELDS = [
  'name', 'type', 'country', 'protocolLevel', 'language', 'externalId', 'notes', 'role', 'partyId', 'title', 'phone', 'email',
  'consent', 'needs', 'arrival', 'departure', 'maxParties', 'languages', 'loId', 'personId', 'from', 'to', 'timeZone', 'startsAt',
  'endsAt', 'venues', 'quietHours', 'partyExternalId', 'nmae',
];

const objectBody = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(value, fc.dictionary(fc.constantFrom('sms', 'email', 'at', 'flight', 'airport', 'dietary', 'start', 'end', 'x'), value)), { maxKeys: 8 });
const body = fc.oneof(objectBody, fc.jsonValue({ maxDepth: 3 }), fc.array(objectBody, { maxLength: 4 }));
const rawBody = fc.oneof(fc.string({ maxLength: 50 }).map((s) => ({ raw: s })), body.map((b) => ({ json: b })));
const ifMatch = fc.option(fc.constantFrom('"1"', '"2"', '"999"', '*', 'garbage', 'W/"1"'), { nil: undefined });

type Target = () => Promise<{ method: string; url: string }>;
let n = 0;
/** DELETEs get a fresh victim each run (made before the "before" snapshot), so a success does not eat the fixtures. */
const ROUTES: [string, Target][] = [
  ['PUT /event', async () => ({ method: 'PUT', url: '/event' })],
  ['POST /parties', async () => ({ method: 'POST', url: '/parties' })],
  ['PATCH /parties/{id}', async () => ({ method: 'PATCH', url: `/parties/${ids.party}` })],
  ['DELETE /parties/{id}', async () => ({ method: 'DELETE', url: `/parties/${(await create('/parties', { name: `Doomed ${n++}`, type: 'media' })).id}` })],
  ['POST /people', async () => ({ method: 'POST', url: '/people' })],
  ['PATCH /people/{id}', async () => ({ method: 'PATCH', url: `/people/${ids.person}` })],
  ['DELETE /people/{id}', async () => ({ method: 'DELETE', url: `/people/${(await create('/people', { name: `Doomed ${n++}`, role: 'guest', partyId: ids.party })).id}` })],
  ['POST /people/import', async () => ({ method: 'POST', url: '/people/import' })],
  ['POST /assignments', async () => ({ method: 'POST', url: '/assignments' })],
  [
    'DELETE /assignments/{id}',
    async () => {
      const lo = await create('/people', { name: `Doomed LO ${n++}`, role: 'lo' });
      return { method: 'DELETE', url: `/assignments/${(await create('/assignments', { loId: lo.id, personId: ids.person })).id}` };
    },
  ],
];

describe.each(ROUTES)('%s with any body', (_name, target) => {
  it('never answers 5xx, and a refused write changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(rawBody, ifMatch, fc.boolean(), async (b, match, csv) => {
        const { method, url } = await target();
        const before = await scanTable();
        const headers: Record<string, string> = {};
        if (match !== undefined) headers['if-match'] = match;
        let sent: unknown;
        if ('raw' in b) {
          sent = b.raw;
          headers['content-type'] = csv && url.endsWith('/import') ? 'text/csv' : 'application/json';
        } else sent = b.json;
        const res = await call({ method, url, body: method === 'DELETE' ? undefined : sent, headers, claims: organizer });
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) {
          expect(res.headers['content-type']).toBe('application/problem+json');
          expect(await scanTable()).toEqual(before);
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 60) },
    );
  });
});
