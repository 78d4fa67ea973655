// API.md's Logistics section over HTTP against the running local stack: a delegation picked up at the
// airport at 02:00, taken to the hotel and to the plenary; a double-booked vehicle refused, then
// allowed and listed in /conflicts until the trip is cancelled; a deleted guest taken off the plan.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { api, tokenFor, waitFor } from '../support/e2e';

const run = randomBytes(3).toString('hex');
let org: string;
const ids = { party: '', lo: '', minister: '', aide: '', vehicle: '', pickup: '' };

const as = (token: string) => ({
  get: (path: string) => api(path, { token }),
  post: (path: string, body?: unknown) => api(path, { method: 'POST', token, body: body ?? {} }),
  patch: (path: string, body: unknown) => api(path, { method: 'PATCH', token, body }),
});
const created = async (p: Promise<{ status: number; body: any }>) => {
  const r = await p;
  if (r.status !== 201) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
  const o = as(org);
  const event = { name: 'KTT Jakarta 2027', timeZone: 'Asia/Jakarta', languages: ['id', 'en'], startsAt: '2027-03-01T00:00:00+07:00', endsAt: '2027-03-06T00:00:00+07:00' };
  expect([200, 201]).toContain((await api('/event', { method: 'PUT', token: org, body: event })).status);
  ids.party = (await created(o.post('/parties', { name: `Delegation of Japan ${run}`, type: 'delegation', country: 'JP', protocolLevel: 'vvip' }))).id;
  ids.lo = (await created(o.post('/people', { name: `Sari LO ${run}`, role: 'lo' }))).id;
  const arrival = { at: '2027-03-02T02:00:00+07:00', flight: 'JL 725', airport: 'CGK' };
  const departure = { at: '2027-03-04T21:00:00+07:00', flight: 'JL 726', airport: 'CGK' };
  ids.minister = (await created(o.post('/people', { name: `Minister Tanaka ${run}`, role: 'guest', partyId: ids.party, arrival, departure }))).id;
  ids.aide = (await created(o.post('/people', { name: `Aide Sato ${run}`, role: 'guest', partyId: ids.party, arrival, departure }))).id;
  await created(o.post('/assignments', { loId: ids.lo, partyId: ids.party }));
  ids.vehicle = (await created(o.post('/vehicles', { label: `Alphard VIP ${run}`, plate: 'B 1 JP', capacity: 4, driver: { name: 'Pak Budi', phone: '+62 812-3456-7890' } }))).id;
});

describe('a delegation from the airport to the plenary', () => {
  it('is picked up, housed and seated, and each guest sees their own plan in Jakarta time', async () => {
    const lo = as(await tokenFor({ personId: ids.lo }));
    // The guests' arrival shows as a missing pick-up before anything is planned (the directory's events reach logistics).
    await waitFor(async () => (await as(org).get(`/conflicts?personId=${ids.minister}&kind=missing_pickup`)).body.items.length === 1, { timeoutMs: 20_000 });

    const pickup = await created(
      lo.post('/trips', { kind: 'pickup', from: 'CGK Terminal 3', to: 'Hotel Mulia', departAt: '2027-03-02T02:30:00+07:00', arriveBy: '2027-03-02T03:30:00+07:00', vehicleId: ids.vehicle, loId: ids.lo, passengerIds: [ids.minister, ids.aide] }),
    );
    ids.pickup = pickup.id;
    expect(pickup).toMatchObject({ status: 'scheduled', version: 1 });
    await created(lo.post('/accommodations', { hotel: 'Hotel Mulia', room: '2101', roomCapacity: 1, personIds: [ids.minister], checkIn: '2027-03-02', checkOut: '2027-03-04' }));
    await created(lo.post('/accommodations', { hotel: 'Hotel Mulia', room: '2102', roomCapacity: 1, personIds: [ids.aide], checkIn: '2027-03-02', checkOut: '2027-03-04' }));
    const plenary = await created(as(org).post('/sessions', { title: 'Opening plenary', startsAt: '2027-03-02T09:00:00+07:00', endsAt: '2027-03-02T12:00:00+07:00', venue: 'JCC Plenary Hall', attendeePartyIds: [ids.party] }));
    await created(lo.post('/trips', { kind: 'transfer', from: 'Hotel Mulia', to: 'JCC', departAt: '2027-03-02T08:15:00+07:00', arriveBy: '2027-03-02T08:45:00+07:00', vehicleId: ids.vehicle, loId: ids.lo, passengerIds: [ids.minister, ids.aide] }));

    const guest = as(await tokenFor({ personId: ids.minister }));
    const plan = await guest.get(`/people/${ids.minister}/itinerary`);
    expect(plan.status).toBe(200);
    // The stay starts at the hotel's check-in hour (14:00), after the plenary.
    expect(plan.body.items.map((i: { kind: string }) => i.kind)).toEqual(['trip', 'trip', 'session', 'stay']);
    expect(plan.body.items[0]).toMatchObject({ startsAt: '2027-03-02T02:30:00+07:00', from: 'CGK Terminal 3', to: 'Hotel Mulia' });
    expect(plan.body.items[2].id).toBe(plenary.id);
    // Their pick-up and rooms are planned: only the flight home still lacks a trip.
    const open = await as(org).get(`/conflicts?personId=${ids.minister}`);
    expect(open.body.items.map((c: { kind: string }) => c.kind)).toEqual(['missing_departure']);

    expect((await guest.get(`/people/${ids.aide}/itinerary`)).status).toBe(404);
    expect((await guest.get('/trips')).status).toBe(403);
  });

  it('refuses a vehicle booked twice, records it when allowed, and closes it when the trip is cancelled', async () => {
    const o = as(org);
    const other = (await created(o.post('/people', { name: `Guest ${run}`, role: 'guest' }))).id;
    const body = { kind: 'transfer', from: 'Hotel Borobudur', to: 'JCC', departAt: '2027-03-02T02:45:00+07:00', arriveBy: '2027-03-02T03:15:00+07:00', vehicleId: ids.vehicle, passengerIds: [other] };
    const refused = await o.post('/trips', body);
    expect(refused.status).toBe(409);
    expect(refused.body.clashes).toEqual([expect.objectContaining({ kind: 'vehicle_double_booked', refs: expect.arrayContaining([ids.pickup, ids.vehicle]) })]);
    expect((await o.get(`/trips?personId=${other}`)).body.items).toEqual([]);

    const allowed = await created(o.post('/trips', { ...body, allowConflicts: true }));
    const listed = await o.get(`/conflicts?kind=vehicle_double_booked&date=2027-03-02`);
    const mine = listed.body.items.filter((c: { refs: string[] }) => c.refs.includes(allowed.id));
    expect(mine).toEqual([expect.objectContaining({ severity: 'hard', refs: expect.arrayContaining([ids.pickup, allowed.id, ids.vehicle]) })]);

    const cancelled = await o.post(`/trips/${allowed.id}/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const after = await o.get(`/conflicts?kind=vehicle_double_booked&date=2027-03-02`);
    expect(after.body.items.filter((c: { refs: string[] }) => c.refs.includes(allowed.id))).toEqual([]);
    expect((await o.patch(`/trips/${allowed.id}`, { to: 'Elsewhere' })).status).toBe(409);
  });

  it('takes a deleted guest off the trips and rooms they were in', async () => {
    const o = as(org);
    expect((await api(`/people/${ids.aide}`, { method: 'DELETE', token: org })).status).toBe(204);
    await waitFor(async () => (await o.get(`/accommodations?personId=${ids.aide}`)).body.items.length === 0, { timeoutMs: 20_000 });
    expect((await o.get(`/trips/${ids.pickup}`)).body.passengerIds).toEqual([ids.minister]);
    expect((await o.get(`/conflicts?personId=${ids.aide}`)).body.items).toEqual([]);
  });
});
