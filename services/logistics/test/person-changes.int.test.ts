// The consumer of the directory's person events, against the emulator: soft clashes follow a guest's
// arrival and departure; a deleted person is taken off trips, stays and meetings, closing their clashes.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { makeEvent } from '@liaison/kit/events/envelope';
import type { Context } from 'aws-lambda';
import { handler } from '../src/consumers/person-changes';
import { call, create, deletePerson, organizer, person, profile, sqsBatch, updatePerson } from './invoke';

const origin = { source: 'directory', correlationId: 'test' };
const context = {} as Context;
const kinds = async (personId: string) => (await call({ method: 'GET', url: `/conflicts?personId=${personId}`, claims: organizer })).body.items.map((c: { kind: string }) => c.kind).sort();

beforeAll(async () => {
  await profile();
});

describe('person-changes consumer', () => {
  it('opens and closes soft clashes as a guest’s arrival and departure are set and cleared', async () => {
    const g = await person();
    const { before, after } = await updatePerson(g, { arrival: { at: '2027-03-01T02:00:00+07:00', flight: 'GA 881', airport: 'CGK' }, departure: { at: '2027-03-03T20:00:00+07:00' } });
    const res = await handler(sqsBatch(makeEvent('person.updated', { before, after, changed: ['arrival', 'departure'] }, origin)), context);
    expect(res.batchItemFailures).toEqual([]);
    expect(await kinds(g)).toEqual(['missing_departure', 'missing_pickup', 'missing_room']);

    const cleared = await updatePerson(g, { arrival: null, departure: null });
    await handler(sqsBatch(makeEvent('person.updated', { before: cleared.before, after: cleared.after, changed: ['arrival', 'departure'] }, origin)), context);
    expect(await kinds(g)).toEqual([]);
  });

  it('takes a deleted person off trips, stays and meetings, and closes their clashes', async () => {
    const gone = await person();
    const stays = await person();
    const t1 = await create('/trips', { kind: 'transfer', from: 'A', to: 'B', departAt: '2027-03-05T08:00:00+07:00', arriveBy: '2027-03-05T09:00:00+07:00', passengerIds: [gone, stays] });
    await create('/trips', { kind: 'transfer', from: 'A', to: 'C', departAt: '2027-03-05T08:00:00+07:00', arriveBy: '2027-03-05T09:00:00+07:00', passengerIds: [gone], allowConflicts: true });
    const room = await create('/accommodations', { hotel: 'Hotel Indonesia Kempinski', room: '707', roomCapacity: 2, personIds: [gone, stays], checkIn: '2027-03-05', checkOut: '2027-03-06' });
    const meeting = await create('/meetings', { title: 'Rapat', startsAt: '2027-03-05T18:00:00+07:00', endsAt: '2027-03-05T19:00:00+07:00', location: 'Lobby', attendeeIds: [gone, stays] });
    expect(await kinds(gone)).toEqual(['person_double_booked']);

    const record = await deletePerson(gone);
    const event = makeEvent('person.deleted', { person: record }, origin);
    expect((await handler(sqsBatch(event), context)).batchItemFailures).toEqual([]);
    // Delivered twice: processed once.
    expect((await handler(sqsBatch(event), context)).batchItemFailures).toEqual([]);

    const trip = (await call({ method: 'GET', url: `/trips/${t1.id}`, claims: organizer })).body;
    expect(trip.passengerIds).toEqual([stays]);
    expect((await call({ method: 'GET', url: `/accommodations/${room.id}`, claims: organizer })).body.personIds).toEqual([stays]);
    expect((await call({ method: 'GET', url: `/meetings/${meeting.id}`, claims: organizer })).body.attendeeIds).toEqual([stays]);
    expect(await kinds(gone)).toEqual([]);
    expect((await call({ method: 'GET', url: `/trips?personId=${gone}`, claims: organizer })).body.items.filter((t: { passengerIds: string[] }) => t.passengerIds.includes(gone))).toEqual([]);
  });
});
