// Property tests over every logistics write route: whatever body arrives, the answer is never a 5xx,
// and a refused write (4xx) leaves the table exactly as it was.
import { beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scanTable, useOwnTable } from '../../../test/support/int';

let ids: { person: string; other: string; lo: string; party: string; vehicle: string; trip: string; stay: string; session: string; meeting: string; item: string };

let { call, create, organizer, party, person, profile } = {} as typeof import('./invoke');

// Its own empty table: the runs scan it twice each.
useOwnTable();

beforeAll(async () => {
  ({ call, create, organizer, party, person, profile } = await import('./invoke'));
  await profile();
  const [p, other, lo, pty] = [await person(), await person(), await person({ role: 'lo' }), await party()];
  const vehicle = await create('/vehicles', { label: 'Prop van', plate: 'B 3', capacity: 2 });
  const trip = await create('/trips', { kind: 'pickup', from: 'CGK', to: 'Hotel', departAt: '2027-03-02T02:00:00+07:00', arriveBy: '2027-03-02T03:00:00+07:00', vehicleId: vehicle.id, passengerIds: [p] });
  const stay = await create('/accommodations', { hotel: 'Prop Hotel', room: '1', roomCapacity: 1, personIds: [p], checkIn: '2027-03-02', checkOut: '2027-03-04' });
  const session = await create('/sessions', { title: 'Prop plenary', startsAt: '2027-03-02T09:00:00+07:00', endsAt: '2027-03-02T10:00:00+07:00', venue: 'JCC' });
  const meeting = await create('/meetings', { title: 'Prop rapat', startsAt: '2027-03-02T18:00:00+07:00', endsAt: '2027-03-02T19:00:00+07:00', location: 'Lobby' });
  const withMinutes = await call({ method: 'POST', url: `/meetings/${meeting.id}/minutes`, body: { actionItems: [{ ownerId: p, text: 'Check rooms' }] }, claims: organizer });
  ids = { person: p, other, lo, party: pty, vehicle: vehicle.id, trip: trip.id, stay: stay.id, session: session.id, meeting: meeting.id, item: withMinutes.body.minutes.actionItems[0].id };
});

/** Field values that are sometimes right and often wrong in interesting ways. */
const value = () =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom('', ' ', 'pickup', 'transfer', 'departure', 'scheduled', 'cancelled', 'Hotel Mulia', 'B 1234 XY', '+6281234567890', '0812'),
    fc.constantFrom('2027-03-02T09:00:00+07:00', '2027-03-02T08:00:00+07:00', '2027-03-02T09:00:00', '2027-02-30T09:00:00Z', '2027-03-02', '2027-03-05', '2027-02-30', '03/02/2027'),
    fc.constantFrom(ids.person, ids.other, ids.lo, ids.party, ids.vehicle, 'per_nobody', 'veh_nobody', 'pty_nobody', 'bad id!'),
    fc.constantFrom([ids.person], [ids.person, ids.person], [ids.other, ids.lo], ['per_nobody'], [ids.party], ['Arrivals'], []),
    fc.constantFrom(null, true, false, 0, -1, 1, 2, 21, 101, 1.5),
    fc.string({ maxLength: 200 }),
  );

const FIELDS = [
  'label', 'plate', 'capacity', 'driver', 'kind', 'from', 'to', 'departAt', 'arriveBy', 'vehicleId', 'loId', 'passengerIds', 'status', 'allowConflicts',
  'hotel', 'room', 'personIds', 'roomCapacity', 'checkIn', 'checkOut', 'title', 'startsAt', 'endsAt', 'venue', 'attendeePartyIds', 'attendeeIds', 'agenda',
  'location', 'notes', 'decisions', 'actionItems', 'done', 'text', 'dueAt', 'ownerId', 'lable',
];

const body = () => {
  const inner = fc.dictionary(fc.constantFrom('name', 'phone', 'ownerId', 'text', 'dueAt', 'done', 'x'), value(), { maxKeys: 4 });
  const object = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(value(), inner, fc.array(inner, { maxLength: 2 })), { maxKeys: 9 });
  return fc.oneof(object, fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 40 }).map((raw) => ({ raw })));
};
const ifMatch = fc.option(fc.constantFrom('"1"', '"2"', '"999"', '*', 'garbage'), { nil: undefined });

type Target = () => Promise<{ method: string; url: string }>;
let n = 0;
/** A new trip at a time of its own (no clash with the fixtures), for routes that end it. */
const freshTrip = async () => {
  const k = n++;
  const at = `2027-04-${String(1 + Math.floor(k / 24) % 28).padStart(2, '0')}T${String(k % 24).padStart(2, '0')}`;
  return (await create('/trips', { kind: 'transfer', from: 'A', to: 'B', departAt: `${at}:00:00+07:00`, arriveBy: `${at}:30:00+07:00` })).id;
};
const ROUTES: [string, Target][] = [
  ['POST /vehicles', async () => ({ method: 'POST', url: '/vehicles' })],
  ['PATCH /vehicles/{id}', async () => ({ method: 'PATCH', url: `/vehicles/${ids.vehicle}` })],
  ['POST /trips', async () => ({ method: 'POST', url: '/trips' })],
  ['PATCH /trips/{id}', async () => ({ method: 'PATCH', url: `/trips/${ids.trip}` })],
  ['POST /trips/{id}/cancel', async () => ({ method: 'POST', url: `/trips/${await freshTrip()}/cancel` })],
  ['POST /trips/{id}/complete', async () => ({ method: 'POST', url: `/trips/${await freshTrip()}/complete` })],
  ['POST /accommodations', async () => ({ method: 'POST', url: '/accommodations' })],
  ['PATCH /accommodations/{id}', async () => ({ method: 'PATCH', url: `/accommodations/${ids.stay}` })],
  ['DELETE /accommodations/{id}', async () => ({ method: 'DELETE', url: `/accommodations/${(await create('/accommodations', { hotel: 'Doomed', room: `${n++}`, roomCapacity: 1, personIds: [], checkIn: '2027-03-02', checkOut: '2027-03-03' })).id}` })],
  ['POST /sessions', async () => ({ method: 'POST', url: '/sessions' })],
  ['PATCH /sessions/{id}', async () => ({ method: 'PATCH', url: `/sessions/${ids.session}` })],
  ['DELETE /sessions/{id}', async () => ({ method: 'DELETE', url: `/sessions/${(await create('/sessions', { title: `Doomed ${n++}`, startsAt: '2027-03-03T09:00:00+07:00', endsAt: '2027-03-03T10:00:00+07:00', venue: 'JCC' })).id}` })],
  ['POST /meetings/{id}/cancel', async () => ({ method: 'POST', url: `/meetings/${(await create('/meetings', { title: `Doomed ${n++}`, startsAt: '2027-03-03T09:00:00+07:00', endsAt: '2027-03-03T10:00:00+07:00', location: 'Lobby' })).id}/cancel` })],
  ['POST /meetings', async () => ({ method: 'POST', url: '/meetings' })],
  ['PATCH /meetings/{id}', async () => ({ method: 'PATCH', url: `/meetings/${ids.meeting}` })],
  ['POST /meetings/{id}/minutes', async () => ({ method: 'POST', url: `/meetings/${ids.meeting}/minutes` })],
  ['PATCH /meetings/{id}/action-items/{itemId}', async () => ({ method: 'PATCH', url: `/meetings/${ids.meeting}/action-items/${ids.item}` })],
];

describe.each(ROUTES)('%s with any body', (_name, target) => {
  it('never answers 5xx, and a refused write changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(body(), ifMatch, async (b, match) => {
        const { method, url } = await target();
        const before = await scanTable();
        const headers: Record<string, string> = {};
        if (match !== undefined) headers['if-match'] = match;
        const sent = b && typeof b === 'object' && 'raw' in b && Object.keys(b).length === 1 ? String((b as { raw: unknown }).raw) : b;
        if (typeof sent === 'string') headers['content-type'] = 'application/json';
        const res = await call({ method, url, body: method === 'DELETE' ? undefined : sent, headers, claims: organizer });
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
