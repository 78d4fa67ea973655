import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { itinerary, type ItineraryInput, type ItineraryMeeting, type ItinerarySession, type ItineraryStay, type ItineraryTrip } from '../../src/domain/itinerary';

const tz = 'Asia/Jakarta';
const trip = (id: string, departAt: string, arriveBy: string, o: Partial<ItineraryTrip> = {}): ItineraryTrip => ({
  id,
  kind: 'pickup',
  from: 'CGK Terminal 3',
  to: 'Hotel Mulia',
  departAt,
  arriveBy,
  vehicleId: 'v1',
  loId: 'lo1',
  passengerIds: ['g1'],
  status: 'scheduled',
  ...o,
});
const stay = (id: string, checkIn: string, checkOut: string, personIds = ['g1']): ItineraryStay => ({ id, hotel: 'Hotel Mulia', room: '1203', personIds, checkIn, checkOut });
const session = (id: string, startsAt: string, endsAt: string, attendeePartyIds = ['d1']): ItinerarySession => ({ id, title: `Session ${id}`, startsAt, endsAt, venue: 'JCC Plenary Hall', attendeePartyIds });
const meeting = (id: string, startsAt: string, endsAt: string, o: Partial<ItineraryMeeting> = {}): ItineraryMeeting => ({
  id,
  title: 'Rapat koordinasi',
  startsAt,
  endsAt,
  location: 'JCC Room 2',
  attendeePartyIds: [],
  attendeeIds: ['g1'],
  status: 'scheduled',
  ...o,
});
const input = (o: Partial<ItineraryInput>): ItineraryInput => ({ person: { id: 'g1', partyId: 'd1' }, trips: [], stays: [], sessions: [], meetings: [], timeZone: tz, ...o });

describe('a person’s itinerary', () => {
  it('runs airport, hotel, plenary and rapat koordinasi in time order, in Jakarta time', () => {
    const items = itinerary(
      input({
        meetings: [meeting('m1', '2027-03-02T08:00:00Z', '2027-03-02T09:00:00Z')],
        sessions: [session('plenary', '2027-03-02T02:00:00Z', '2027-03-02T05:00:00Z')],
        stays: [stay('s1', '2027-03-01', '2027-03-04')],
        // lands 02:00 local on 1 March: 19:00 UTC the day before
        trips: [trip('t1', '2027-02-28T19:30:00Z', '2027-02-28T20:30:00Z')],
      }),
    );
    expect(items.map((i) => [i.kind, i.id, i.startsAt, i.endsAt])).toEqual([
      ['trip', 't1', '2027-03-01T02:30:00+07:00', '2027-03-01T03:30:00+07:00'],
      ['stay', 's1', '2027-03-01T14:00:00+07:00', '2027-03-04T12:00:00+07:00'],
      ['session', 'plenary', '2027-03-02T09:00:00+07:00', '2027-03-02T12:00:00+07:00'],
      ['meeting', 'm1', '2027-03-02T15:00:00+07:00', '2027-03-02T16:00:00+07:00'],
    ]);
    expect(items[0]).toMatchObject({ title: 'Pick-up: CGK Terminal 3 → Hotel Mulia', role: 'passenger', tripKind: 'pickup' });
    expect(items[1]).toMatchObject({ title: 'Hotel Mulia, room 1203', checkIn: '2027-03-01', checkOut: '2027-03-04' });
  });

  it('spans a one-night stay across midnight from 14:00 check-in to 12:00 check-out', () => {
    const [item] = itinerary(input({ stays: [stay('s1', '2027-03-02', '2027-03-03')] }));
    expect([item?.startsAt, item?.endsAt]).toEqual(['2027-03-02T14:00:00+07:00', '2027-03-03T12:00:00+07:00']);
  });

  it('renders a late trip on the local day it runs, past midnight', () => {
    const [item] = itinerary(input({ trips: [trip('t1', '2027-03-02T16:30:00Z', '2027-03-02T17:30:00Z')] }));
    expect([item?.startsAt, item?.endsAt]).toEqual(['2027-03-02T23:30:00+07:00', '2027-03-03T00:30:00+07:00']);
  });

  it('keeps the hotel’s hours in local time across a daylight-saving change', () => {
    // New York springs forward on 14 March 2027: check-in before it is -05:00, check-out after it -04:00.
    const [item] = itinerary(input({ timeZone: 'America/New_York', stays: [stay('s1', '2027-03-13', '2027-03-15')] }));
    expect([item?.startsAt, item?.endsAt]).toEqual(['2027-03-13T14:00:00-05:00', '2027-03-15T12:00:00-04:00']);
  });

  it('leaves out what is not theirs, cancelled trips and cancelled meetings', () => {
    const items = itinerary(
      input({
        trips: [trip('other', '2027-03-02T01:00:00Z', '2027-03-02T02:00:00Z', { passengerIds: ['g2'], loId: 'lo2' }), trip('off', '2027-03-02T01:00:00Z', '2027-03-02T02:00:00Z', { status: 'cancelled' })],
        stays: [stay('s2', '2027-03-02', '2027-03-03', ['g2'])],
        sessions: [session('closed', '2027-03-02T01:00:00Z', '2027-03-02T02:00:00Z', ['d2'])],
        meetings: [meeting('m-off', '2027-03-02T01:00:00Z', '2027-03-02T02:00:00Z', { status: 'cancelled' }), meeting('m-other', '2027-03-02T01:00:00Z', '2027-03-02T02:00:00Z', { attendeeIds: ['g2'] })],
      }),
    );
    expect(items).toEqual([]);
  });

  it('shows an LO the trips they lead, and a meeting through the party', () => {
    const items = itinerary(
      input({
        person: { id: 'lo1', partyId: 'd1' },
        trips: [trip('t1', '2027-03-02T01:00:00Z', '2027-03-02T02:00:00Z')],
        meetings: [meeting('m1', '2027-03-02T03:00:00Z', '2027-03-02T04:00:00Z', { attendeeIds: [], attendeePartyIds: ['d1'] })],
      }),
    );
    expect(items.map((i) => [i.id, i.kind === 'trip' ? i.role : null])).toEqual([
      ['t1', 'lo'],
      ['m1', null],
    ]);
  });

  it('lists everything of the person once, sorted by start, each time an offset rendering of the same instant (property)', () => {
    const slot = (n: number) => new Date(Date.UTC(2027, 2, 1) + n * 30 * 60_000).toISOString();
    const day = (n: number) => new Date(Date.UTC(2027, 2, 1 + n)).toISOString().slice(0, 10);
    const span = fc.tuple(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 1, max: 10 }));
    const mine = fc.boolean();
    fc.assert(
      fc.property(
        fc.array(fc.tuple(span, mine), { maxLength: 5 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 3 }), mine), { maxLength: 3 }),
        fc.array(fc.tuple(span, mine), { maxLength: 5 }),
        fc.array(fc.tuple(span, mine), { maxLength: 5 }),
        fc.constantFrom('Asia/Jakarta', 'Asia/Makassar', 'Asia/Kolkata', 'America/New_York'),
        (trips, stays, sessions, meetings, timeZone) => {
          const data = input({
            timeZone,
            trips: trips.map(([[a, n], m], i) => trip(`t${i}`, slot(a), slot(a + n), m ? {} : { passengerIds: ['x'], loId: null })),
            stays: stays.map(([a, n, m], i) => stay(`s${i}`, day(a), day(a + n), m ? ['g1'] : ['x'])),
            sessions: sessions.map(([[a, n], m], i) => session(`c${i}`, slot(a), slot(a + n), m ? ['d1'] : ['d9'])),
            meetings: meetings.map(([[a, n], m], i) => meeting(`m${i}`, slot(a), slot(a + n), m ? {} : { attendeeIds: [] })),
          });
          const items = itinerary(data);
          const expected = [...trips.map((t, i) => [t[1], `t${i}`]), ...stays.map((s, i) => [s[2], `s${i}`]), ...sessions.map((s, i) => [s[1], `c${i}`]), ...meetings.map((m, i) => [m[1], `m${i}`])]
            .filter(([m]) => m)
            .map(([, id]) => id)
            .sort();
          expect(items.map((i) => i.id).sort()).toEqual(expected);
          for (let i = 1; i < items.length; i++) expect(Date.parse(items[i - 1]!.startsAt)).toBeLessThanOrEqual(Date.parse(items[i]!.startsAt));
          for (const item of items) {
            expect(item.startsAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
            const source = [...data.trips.map((t) => [t.id, t.departAt]), ...data.sessions.map((s) => [s.id, s.startsAt]), ...data.meetings.map((m) => [m.id, m.startsAt])].find(([id]) => id === item.id);
            if (source) expect(Date.parse(item.startsAt)).toBe(Date.parse(source[1]!));
          }
        },
      ),
    );
  });
});
