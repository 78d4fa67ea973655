import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { PlanStay, PlanTrip } from '../../src/domain/clashes';
import { personSoftClashes, type PlanPerson } from '../../src/domain/soft-clashes';

const ctx = { timeZone: 'Asia/Jakarta' };
const trip = (id: string, kind: PlanTrip['kind'], departAt: string, arriveBy: string, o: Partial<PlanTrip> = {}): PlanTrip => ({
  id,
  kind,
  departAt,
  arriveBy,
  vehicleId: null,
  loId: null,
  passengerIds: ['g1'],
  status: 'scheduled',
  ...o,
});
const stay = (id: string, checkIn: string, checkOut: string, personIds = ['g1']): PlanStay => ({ id, hotel: 'Mulia', room: '801', personIds, roomCapacity: 2, checkIn, checkOut });
/** Lands 02:00 on 2 March in Jakarta, leaves 18:00 on 5 March. */
const guest: PlanPerson = { id: 'g1', arrival: { at: '2027-03-02T02:00:00+07:00' }, departure: { at: '2027-03-05T18:00:00+07:00' } };
const fullPlan = {
  trips: [trip('up', 'pickup', '2027-03-02T02:45:00+07:00', '2027-03-02T04:00:00+07:00'), trip('home', 'departure', '2027-03-05T13:00:00+07:00', '2027-03-05T15:00:00+07:00')],
  stays: [stay('s1', '2027-03-02', '2027-03-05')],
};

describe('what a guest’s plan is missing', () => {
  it('finds nothing missing when pick-up, every night and the departure are covered', () => {
    expect(personSoftClashes(guest, fullPlan.trips, fullPlan.stays, ctx)).toEqual([]);
  });

  it('reports a missing pick-up on the local day of the landing', () => {
    const cs = personSoftClashes(guest, fullPlan.trips.slice(1), fullPlan.stays, ctx);
    expect(cs).toEqual([expect.objectContaining({ kind: 'missing_pickup', severity: 'soft', refs: ['g1'], personIds: ['g1'], dates: ['2027-03-02'] })]);
    expect(cs[0]?.message).toContain('2027-03-02 02:00');
  });

  it('does not count a cancelled pick-up, nor one on another day, nor one of another kind', () => {
    const [up, home] = fullPlan.trips as [PlanTrip, PlanTrip];
    for (const bad of [{ ...up, status: 'cancelled' as const }, { ...up, departAt: '2027-03-03T09:00:00+07:00' }, { ...up, kind: 'transfer' as const }, { ...up, passengerIds: ['g2'] }]) {
      expect(personSoftClashes(guest, [bad, home], fullPlan.stays, ctx).map((c) => c.kind)).toEqual(['missing_pickup']);
    }
  });

  it('counts a completed pick-up', () => {
    const [up, home] = fullPlan.trips as [PlanTrip, PlanTrip];
    expect(personSoftClashes(guest, [{ ...up, status: 'completed' }, home], fullPlan.stays, ctx)).toEqual([]);
  });

  it('reports a departure trip that reaches the airport after the flight as missing', () => {
    const [up, home] = fullPlan.trips as [PlanTrip, PlanTrip];
    const late = { ...home, arriveBy: '2027-03-05T18:30:00+07:00' };
    expect(personSoftClashes(guest, [up, late], fullPlan.stays, ctx).map((c) => c.kind)).toEqual(['missing_departure']);
  });

  it('reports the nights without a room as one run', () => {
    const cs = personSoftClashes(guest, fullPlan.trips, [stay('s1', '2027-03-02', '2027-03-03')], ctx);
    expect(cs).toEqual([expect.objectContaining({ kind: 'missing_room', dates: ['2027-03-03', '2027-03-04'] })]);
  });

  it('reads nights in the event’s time zone: 20:00 UTC on 1 March is a 2 March arrival in Jakarta', () => {
    const early: PlanPerson = { id: 'g1', arrival: { at: '2027-03-01T20:00:00Z' }, departure: null };
    expect(personSoftClashes(early, [], [], ctx).find((c) => c.kind === 'missing_room')?.dates).toEqual(['2027-03-02']);
  });

  it('asks nothing of a guest without arrival or departure', () => {
    expect(personSoftClashes({ id: 'g1', arrival: null, departure: null }, [], [], ctx)).toEqual([]);
  });

  it('reports a missing room for exactly the uncovered nights (property)', () => {
    const d = (n: number) => new Date(Date.UTC(2027, 2, 1 + n)).toISOString().slice(0, 10);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 4 }), fc.boolean()), { maxLength: 4 }),
        (arrive, nights, stays) => {
          const person: PlanPerson = { id: 'g1', arrival: { at: `${d(arrive)}T10:00:00+07:00` }, departure: { at: `${d(arrive + nights)}T10:00:00+07:00` } };
          const plan = stays.map(([from, len, mine], i) => stay(`s${i}`, d(from), d(from + len), mine ? ['g1'] : ['g2']));
          const missing: string[] = [];
          for (let n = arrive; n < arrive + nights; n++) if (!plan.some((s) => s.personIds.includes('g1') && s.checkIn <= d(n) && d(n) < s.checkOut)) missing.push(d(n));
          const reported = personSoftClashes(person, [], plan, ctx).filter((c) => c.kind === 'missing_room');
          expect(reported.flatMap((c) => c.dates)).toEqual(missing);
          // runs are maximal: a covered night separates each run from the next
          const dayAfter = (date: string) => new Date(Date.parse(date) + 86_400_000).toISOString().slice(0, 10);
          for (let i = 1; i < reported.length; i++) expect(reported[i]!.dates[0]! > dayAfter(reported[i - 1]!.dates.at(-1)!)).toBe(true);
        },
      ),
    );
  });
});
