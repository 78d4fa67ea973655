// Sessions, coordination meetings with minutes and action items, itineraries and soft clashes,
// against the emulator.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { assign, call, claimsFor, create, organizer, party, person, profile } from './invoke';

beforeAll(async () => {
  await profile();
});

describe('meetings', () => {
  it('records minutes with ids for action items, and lets the owner mark their own item done', async () => {
    const lo = await person({ role: 'lo' });
    const p = await party();
    await assign(lo, { partyId: p });
    const owner = await person({ partyId: p });
    const m = await create('/meetings', { title: 'Rapat koordinasi', startsAt: '2027-03-02T18:00:00+07:00', endsAt: '2027-03-02T19:00:00+07:00', location: 'JCC room 3', attendeePartyIds: [p], agenda: ['Arrivals'] }, claimsFor('lo', lo));
    const minutes = await call({
      method: 'POST',
      url: `/meetings/${m.id}/minutes`,
      body: { notes: 'All arrived', decisions: ['Bus 3 at 07:00'], actionItems: [{ ownerId: owner, text: 'Confirm dietary needs', dueAt: '2027-03-03T09:00:00+07:00' }] },
      claims: claimsFor('lo', lo),
    });
    expect(minutes.status).toBe(200);
    const item = minutes.body.minutes.actionItems[0];
    expect(item).toMatchObject({ id: expect.any(String), ownerId: owner, done: false });

    const asOwner = claimsFor('guest', owner);
    expect((await call({ method: 'PATCH', url: `/meetings/${m.id}/action-items/${item.id}`, body: { text: 'Something else' }, claims: asOwner })).status).toBe(403);
    const done = await call({ method: 'PATCH', url: `/meetings/${m.id}/action-items/${item.id}`, body: { done: true }, claims: asOwner });
    expect(done.status).toBe(200);
    expect(done.body.minutes.actionItems[0].done).toBe(true);
    const stranger = claimsFor('guest', await person());
    expect((await call({ method: 'PATCH', url: `/meetings/${m.id}/action-items/${item.id}`, body: { done: false }, claims: stranger })).status).toBe(404);
  });

  it('cancels a meeting once, and a cancelled meeting cannot change', async () => {
    const m = await create('/meetings', { title: 'Briefing', startsAt: '2027-03-02T07:00:00+07:00', endsAt: '2027-03-02T07:30:00+07:00', location: 'Lobby' });
    expect((await call({ method: 'POST', url: `/meetings/${m.id}/cancel`, claims: organizer })).body.status).toBe('cancelled');
    expect((await call({ method: 'POST', url: `/meetings/${m.id}/cancel`, claims: organizer })).status).toBe(409);
    expect((await call({ method: 'PATCH', url: `/meetings/${m.id}`, body: { title: 'x' }, claims: organizer })).status).toBe(409);
  });

  it('keeps the programme to organisers and names unknown parties', async () => {
    const lo = await person({ role: 'lo' });
    const body = { title: 'Plenary', startsAt: '2027-03-02T09:00:00+07:00', endsAt: '2027-03-02T12:00:00+07:00', venue: 'JCC Plenary Hall' };
    expect((await call({ method: 'POST', url: '/sessions', body, claims: claimsFor('lo', lo) })).status).toBe(403);
    const bad = await call({ method: 'POST', url: '/sessions', body: { ...body, attendeePartyIds: ['pty_nobody'] }, claims: organizer });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'attendeePartyIds.0' })]);
    const s = await create('/sessions', body);
    expect((await call({ method: 'GET', url: '/sessions?date=2027-03-02&limit=200', claims: claimsFor('lo', lo) })).body.items.map((x: { id: string }) => x.id)).toContain(s.id);
  });
});

describe('itineraries and soft clashes', () => {
  it("lists a guest's trip, stay, session and meeting in time order, in Jakarta time", async () => {
    const p = await party();
    const g = await person({ partyId: p, arrival: { at: '2027-03-01T02:00:00+07:00' }, departure: { at: '2027-03-04T20:00:00+07:00' } });
    const soft = async () => (await call({ method: 'GET', url: `/conflicts?personId=${g}`, claims: organizer })).body.items.map((c: { kind: string }) => c.kind).sort();

    const pickup = await create('/trips', { kind: 'pickup', from: 'CGK Terminal 3', to: 'Hotel Mulia', departAt: '2027-03-01T02:30:00+07:00', arriveBy: '2027-02-28T20:30:00Z', passengerIds: [g] });
    expect(await soft()).toEqual(['missing_departure', 'missing_room']);
    await create('/accommodations', { hotel: 'Hotel Mulia', room: '1201', roomCapacity: 1, personIds: [g], checkIn: '2027-03-01', checkOut: '2027-03-04' });
    expect(await soft()).toEqual(['missing_departure']);
    const departure = await create('/trips', { kind: 'departure', from: 'Hotel Mulia', to: 'CGK Terminal 3', departAt: '2027-03-04T15:00:00+07:00', arriveBy: '2027-03-04T17:00:00+07:00', passengerIds: [g] });
    expect(await soft()).toEqual([]);
    const session = await create('/sessions', { title: 'Plenary', startsAt: '2027-03-02T09:00:00+07:00', endsAt: '2027-03-02T12:00:00+07:00', venue: 'JCC', attendeePartyIds: [p] });

    const res = await call({ method: 'GET', url: `/people/${g}/itinerary`, claims: claimsFor('guest', g) });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { kind: string; id: string }) => [i.kind, i.id])).toEqual([
      ['trip', pickup.id],
      ['stay', expect.any(String)],
      ['session', session.id],
      ['trip', departure.id],
    ]);
    expect(res.body.items[0].endsAt).toBe('2027-03-01T03:30:00+07:00');

    // Cancelling the pick-up opens the soft clash again.
    await call({ method: 'POST', url: `/trips/${pickup.id}/cancel`, claims: organizer });
    expect(await soft()).toEqual(['missing_pickup']);
  });

  it("hides another person's itinerary from a guest and from an LO not serving them", async () => {
    const g = await person();
    const other = await person();
    const lo = await person({ role: 'lo' });
    expect((await call({ method: 'GET', url: `/people/${other}/itinerary`, claims: claimsFor('guest', g) })).status).toBe(404);
    expect((await call({ method: 'GET', url: `/people/${other}/itinerary`, claims: claimsFor('lo', lo) })).status).toBe(404);
    await assign(lo, { personId: other });
    expect((await call({ method: 'GET', url: `/people/${other}/itinerary`, claims: claimsFor('lo', lo) })).status).toBe(200);
  });
});
