import { describe, expect, it } from '@jest/globals';
import { CONTRACTS, LocalDate, Meeting, Stay, Trip, Vehicle } from '@liaison/contracts';

const stamps = { id: 'x1', version: 1, createdAt: '2027-02-01T00:00:00Z', updatedAt: '2027-02-01T00:00:00Z' };
const trip = {
  ...stamps,
  kind: 'pickup',
  from: 'CGK Terminal 3',
  to: 'Hotel Mulia',
  departAt: '2027-03-02T02:30+07:00',
  arriveBy: '2027-03-02T03:30:00+07:00',
  vehicleId: 'v1',
  loId: 'lo1',
  passengerIds: ['g1'],
  status: 'scheduled',
};
const audience = { personIds: ['g1', 'lo1'], partyIds: [] };

describe('logistics records', () => {
  it('reads a trip and adds the seconds a time left out', () => expect(Trip.parse(trip).departAt).toBe('2027-03-02T02:30:00+07:00'));

  it('refuses an unknown trip kind or status and a time without offset', () => {
    const r = Trip.safeParse({ ...trip, kind: 'flight', status: 'late', arriveBy: '2027-03-02T03:30:00' });
    expect(r.success ? [] : r.error.issues.map((i) => i.path.join('.')).sort()).toEqual(['arriveBy', 'kind', 'status']);
  });

  it('reads a vehicle’s driver phone in E.164 and refuses a capacity below 1', () => {
    expect(Vehicle.parse({ ...stamps, label: 'Bus 3', plate: 'B 1234 XYZ', capacity: 40, driver: { name: 'Budi', phone: '+62 812-3456-7890' } }).driver?.phone).toBe('+6281234567890');
    expect(Vehicle.safeParse({ ...stamps, label: 'Bus 3', plate: 'B 1234 XYZ', capacity: 0, driver: null }).success).toBe(false);
  });

  it('takes stay dates as calendar dates only', () => {
    expect(LocalDate.safeParse('2027-02-28').success).toBe(true);
    for (const bad of ['2027-02-29', '2027-3-1', '2027-03-01T00:00:00Z']) expect(LocalDate.safeParse(bad).success).toBe(false);
    expect(Stay.safeParse({ ...stamps, hotel: 'Mulia', room: '801', personIds: ['g1'], roomCapacity: 2, checkIn: '2027-03-02', checkOut: '2027-03-04' }).success).toBe(true);
  });

  it('reads a meeting with minutes and action items', () => {
    const m = Meeting.parse({
      ...stamps,
      title: 'Rapat koordinasi',
      startsAt: '2027-03-02T15:00:00+07:00',
      endsAt: '2027-03-02T16:00:00+07:00',
      location: 'JCC Room 2',
      attendeePartyIds: ['d1'],
      attendeeIds: ['lo1'],
      agenda: ['Arrivals', 'Plenary seating'],
      minutes: { notes: 'All arrived', decisions: ['Bus 3 to JCC at 08:00'], actionItems: [{ id: 'i1', ownerId: 'lo1', dueAt: '2027-03-03T08:00:00+07:00', text: 'Brief drivers', done: false }] },
      status: 'scheduled',
    });
    expect(m.minutes?.actionItems[0]?.id).toBe('i1');
  });
});

describe('logistics event contracts', () => {
  it('are owned by logistics, one per event type the issue lists', () => {
    const mine = Object.values(CONTRACTS).filter((c) => c.owner === 'logistics').map((c) => c.type).sort();
    expect(mine).toEqual(
      ['vehicle.created', 'vehicle.changed', 'trip.scheduled', 'trip.changed', 'trip.cancelled', 'trip.completed', 'stay.assigned', 'stay.changed', 'stay.ended', 'meeting.scheduled', 'meeting.changed', 'meeting.cancelled', 'session.changed'].sort(),
    );
  });

  it('carry before, after, changed, passengers added and removed, vehicles and audience on trip.changed', () => {
    const data = {
      before: trip,
      after: { ...trip, vehicleId: 'v2', passengerIds: ['g2'] },
      changed: ['vehicleId', 'passengerIds'],
      time: false,
      place: false,
      passengersAdded: ['g2'],
      passengersRemoved: ['g1'],
      vehicleBefore: { id: 'v1', label: 'Alphard 1', plate: 'B 1 RI', driver: { name: 'Budi', phone: '+6281234567890' } },
      vehicleAfter: { id: 'v2', label: 'Alphard 2', plate: 'B 2 RI', driver: null },
      audience: { personIds: ['g1', 'g2', 'lo1'], partyIds: [] },
    };
    expect(CONTRACTS['trip.changed'].data.safeParse(data).success).toBe(true);
    expect(CONTRACTS['trip.changed'].data.safeParse({ ...data, changed: [] }).success).toBe(false);
    expect(CONTRACTS['trip.changed'].data.safeParse({ ...data, audience: undefined }).success).toBe(false);
  });

  it('let session.changed say a session was added (no before) or removed (no after)', () => {
    const session = { ...stamps, title: 'Plenary', startsAt: '2027-03-02T09:00:00+07:00', endsAt: '2027-03-02T12:00:00+07:00', venue: 'JCC Plenary Hall', attendeePartyIds: ['d1'] };
    expect(CONTRACTS['session.changed'].data.safeParse({ before: null, after: session, changed: ['title'], audience: { personIds: [], partyIds: ['d1'] } }).success).toBe(true);
    expect(CONTRACTS['session.changed'].data.safeParse({ before: session, after: null, changed: ['title'], audience: { personIds: [], partyIds: ['d1'] } }).success).toBe(true);
  });

  it('carry the trip and its audience on trip.scheduled', () => {
    expect(CONTRACTS['trip.scheduled'].data.safeParse({ trip, vehicle: null, audience }).success).toBe(true);
  });
});
