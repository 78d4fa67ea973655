import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { hasOffset, meetingErrors, sessionErrors, stayErrors, tripErrors, vehicleErrors } from '../../src/domain/validation';

const trip = (o: Partial<Parameters<typeof tripErrors>[0]> = {}) => ({ departAt: '2027-03-02T09:00:00+07:00', arriveBy: '2027-03-02T10:00:00+07:00', passengerIds: ['p1', 'p2'], ...o });
const stay = (o: Partial<Parameters<typeof stayErrors>[0]> = {}) => ({ checkIn: '2027-03-02', checkOut: '2027-03-04', roomCapacity: 2, personIds: ['p1'], ...o });
const paths = (errors: { path: string }[]) => errors.map((e) => e.path);

describe('trip fields together', () => {
  it('accepts a trip that arrives after it leaves', () => expect(tripErrors(trip())).toEqual([]));

  it('refuses arriveBy equal to or before departAt, naming arriveBy', () => {
    expect(tripErrors(trip({ arriveBy: '2027-03-02T09:00:00+07:00' }))).toEqual([{ path: 'arriveBy', message: 'must be after departAt' }]);
    expect(paths(tripErrors(trip({ arriveBy: '2027-03-02T08:59:59+07:00' })))).toEqual(['arriveBy']);
  });

  it('compares instants, not text: 02:30Z is after 09:00+07:00', () => {
    expect(tripErrors(trip({ arriveBy: '2027-03-02T02:30:00Z' }))).toEqual([]);
    expect(paths(tripErrors(trip({ arriveBy: '2027-03-02T01:59:00Z' })))).toEqual(['arriveBy']);
  });

  it('refuses times without an offset, naming each', () => {
    expect(paths(tripErrors(trip({ departAt: '2027-03-02T09:00:00', arriveBy: '2027-03-02 10:00+07:00' })))).toEqual(['departAt', 'arriveBy']);
  });

  it('names each later place a passenger is listed again', () => {
    expect(tripErrors(trip({ passengerIds: ['p1', 'p2', 'p1', 'p1'] }))).toEqual([
      { path: 'passengerIds.2', message: 'lists person p1 twice' },
      { path: 'passengerIds.3', message: 'lists person p1 twice' },
    ]);
  });

  it('finds an error iff the times are out of order or a passenger repeats (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 3 }), fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 5 }), (minutes, passengerIds) => {
        const arriveBy = new Date(Date.parse('2027-03-02T02:00:00Z') + minutes * 60_000).toISOString();
        const errors = tripErrors({ departAt: '2027-03-02T09:00:00+07:00', arriveBy, passengerIds });
        expect(errors.length > 0).toBe(minutes <= 0 || new Set(passengerIds).size < passengerIds.length);
      }),
    );
  });
});

describe('stay fields together', () => {
  it('accepts one night', () => expect(stayErrors(stay({ checkOut: '2027-03-03' }))).toEqual([]));

  it('refuses checkOut on or before checkIn, naming checkOut', () => {
    expect(stayErrors(stay({ checkOut: '2027-03-02' }))).toEqual([{ path: 'checkOut', message: 'must be after checkIn' }]);
    expect(paths(stayErrors(stay({ checkIn: '2027-03-10', checkOut: '2027-02-28' })))).toEqual(['checkOut']);
  });

  it('refuses dates that are not YYYY-MM-DD', () => {
    expect(paths(stayErrors(stay({ checkIn: '2027-3-2', checkOut: '2027-03-04T12:00:00+07:00' })))).toEqual(['checkIn', 'checkOut']);
  });

  it('refuses a room capacity below 1 or not whole', () => {
    for (const roomCapacity of [0, -1, 1.5, Number.NaN]) expect(paths(stayErrors(stay({ roomCapacity })))).toEqual(['roomCapacity']);
    expect(stayErrors(stay({ roomCapacity: 1 }))).toEqual([]);
  });

  it('refuses a guest listed twice', () => expect(paths(stayErrors(stay({ personIds: ['p1', 'p1'] })))).toEqual(['personIds.1']));
});

describe('vehicles, sessions and meetings', () => {
  it('refuses a vehicle with no seat', () => {
    expect(vehicleErrors({ capacity: 0 })).toEqual([{ path: 'capacity', message: 'must be a whole number of at least 1' }]);
    expect(vehicleErrors({ capacity: 1 })).toEqual([]);
  });

  it('refuses a session that ends when it starts', () => {
    expect(paths(sessionErrors({ startsAt: '2027-03-02T09:00:00+07:00', endsAt: '2027-03-02T02:00:00Z', attendeePartyIds: [] }))).toEqual(['endsAt']);
  });

  it('refuses a meeting listing a party or person twice, and an action item due without an offset', () => {
    const errors = meetingErrors({
      startsAt: '2027-03-02T09:00:00+07:00',
      endsAt: '2027-03-02T10:00:00+07:00',
      attendeePartyIds: ['d1', 'd1'],
      attendeeIds: ['p1', 'p2', 'p2'],
      minutes: { actionItems: [{ dueAt: null }, { dueAt: '2027-03-03T17:00' }] },
    });
    expect(paths(errors)).toEqual(['attendeePartyIds.1', 'attendeeIds.2', 'minutes.actionItems.1.dueAt']);
  });
});

describe('offsets', () => {
  it.each(['2027-03-02T09:00:00+07:00', '2027-03-02T09:00+07:00', '2027-03-02T02:00:00.123Z', '2027-03-02T09:00:00-03:30'])('accepts %s', (s) => expect(hasOffset(s)).toBe(true));
  it.each(['2027-03-02T09:00:00', '2027-03-02', '2027-03-02 09:00+07:00', '2027-03-02T09:00:00+0700', 'yesterday', '2027-13-40T09:00:00Z'])('refuses %s', (s) =>
    expect(hasOffset(s)).toBe(false),
  );
});
