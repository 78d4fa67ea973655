import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { changedFields, meetingAudience, sessionAudience, stayDiff, tripAudience, tripDiff, vehicleAudience } from '../../src/domain/changes';

const trip = {
  id: 't1',
  kind: 'pickup' as const,
  from: 'CGK Terminal 3',
  to: 'Hotel Mulia',
  departAt: '2027-03-02T02:30:00+07:00',
  arriveBy: '2027-03-02T03:30:00+07:00',
  vehicleId: 'v1',
  loId: 'lo1',
  passengerIds: ['a', 'b'],
  status: 'scheduled' as const,
  version: 3,
  createdAt: '2027-02-01T00:00:00Z',
  updatedAt: '2027-02-02T00:00:00Z',
};

describe('what a trip change touched', () => {
  it('says time changed when departAt moves, and nothing else', () => {
    expect(tripDiff(trip, { ...trip, departAt: '2027-03-02T02:45:00+07:00', version: 4 })).toEqual({
      changed: ['departAt'],
      time: true,
      place: false,
      vehicle: false,
      lo: false,
      passengersAdded: [],
      passengersRemoved: [],
    });
  });

  it('does not call the same instant written with another offset a change', () => {
    const d = tripDiff(trip, { ...trip, departAt: '2027-03-01T19:30:00Z' });
    expect([d.time, d.changed]).toEqual([false, []]);
  });

  it('reports place, vehicle and passengers added and removed', () => {
    const d = tripDiff(trip, { ...trip, to: 'JCC', vehicleId: 'v2', passengerIds: ['b', 'c'] });
    expect(d).toMatchObject({ place: true, vehicle: true, time: false, passengersAdded: ['c'], passengersRemoved: ['a'] });
    expect(d.changed).toEqual(['to', 'vehicleId', 'passengerIds']);
  });

  it('ignores a reordering of passengers', () => expect(tripDiff(trip, { ...trip, passengerIds: ['b', 'a'] }).changed).toEqual([]));

  it('tells passengers and LOs before and after, once each', () => {
    expect(tripAudience(trip, { ...trip, loId: 'lo2', passengerIds: ['b', 'c'] })).toEqual({ personIds: ['a', 'b', 'c', 'lo1', 'lo2'], partyIds: [] });
  });

  it('added and removed passengers are the set differences (property)', () => {
    const ids = fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e'), { maxLength: 5 }).map((a) => [...new Set(a)]);
    fc.assert(
      fc.property(ids, ids, (before, after) => {
        const d = tripDiff({ ...trip, passengerIds: before }, { ...trip, passengerIds: after });
        expect(d.passengersAdded.sort()).toEqual(after.filter((x) => !before.includes(x)).sort());
        expect(d.passengersRemoved.sort()).toEqual(before.filter((x) => !after.includes(x)).sort());
        expect(d.changed.includes('passengerIds')).toBe(d.passengersAdded.length + d.passengersRemoved.length > 0);
      }),
    );
  });
});

describe('other changes and audiences', () => {
  it('reports guests added to and removed from a stay', () => {
    const s = { hotel: 'Mulia', room: '801', personIds: ['a'], roomCapacity: 2, checkIn: '2027-03-02', checkOut: '2027-03-04' };
    expect(stayDiff(s, { ...s, room: '802', personIds: ['b'] })).toEqual({ changed: ['room', 'personIds'], personsAdded: ['b'], personsRemoved: ['a'] });
  });

  it('sees a change inside minutes as a change of minutes', () => {
    const minutes = { notes: '', decisions: [], actionItems: [{ id: 'i1', ownerId: 'lo1', dueAt: null, text: 'Book buses', done: false }] };
    expect(changedFields({ minutes }, { minutes: { ...minutes, actionItems: [{ ...minutes.actionItems[0]!, done: true }] } })).toEqual(['minutes']);
  });

  it('reaches meeting attendees by person and by party, sessions by party', () => {
    expect(meetingAudience({ attendeeIds: ['a'], attendeePartyIds: ['d1'] }, { attendeeIds: ['b'], attendeePartyIds: ['d1', 'd2'] })).toEqual({ personIds: ['a', 'b'], partyIds: ['d1', 'd2'] });
    expect(sessionAudience(null, { attendeePartyIds: ['d3'] })).toEqual({ personIds: [], partyIds: ['d3'] });
  });

  it('tells a vehicle change only to people on its trips still scheduled', () => {
    expect(vehicleAudience([trip, { ...trip, status: 'completed', passengerIds: ['z'], loId: null }])).toEqual({ personIds: ['a', 'b', 'lo1'], partyIds: [] });
  });
});
