import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planClashes, writeClashes, type Plan, type PlanClash, type PlanStay, type PlanTrip, type PlanVehicle } from '../../src/domain/clashes';

const ctx = { timeZone: 'Asia/Jakarta' };
const BASE = Date.UTC(2027, 2, 1, 0, 0);
const SLOT = 15 * 60_000;
/** Slot n of a quarter-hour grid starting 2027-03-01 07:00 in Jakarta. */
const at = (slot: number) => new Date(BASE + slot * SLOT).toISOString();
const day = (n: number) => new Date(Date.UTC(2027, 2, 1 + n)).toISOString().slice(0, 10);

const trip = (id: string, from: number, to: number, o: Partial<PlanTrip> = {}): PlanTrip => ({
  id,
  kind: 'transfer',
  departAt: at(from),
  arriveBy: at(to),
  vehicleId: null,
  loId: null,
  passengerIds: [],
  status: 'scheduled',
  ...o,
});
const stay = (id: string, room: string, checkIn: number, checkOut: number, personIds: string[], roomCapacity = 2): PlanStay => ({
  id,
  hotel: 'Hotel Indonesia Kempinski',
  room,
  personIds,
  roomCapacity,
  checkIn: day(checkIn),
  checkOut: day(checkOut),
});
const car = (id: string, capacity: number): PlanVehicle => ({ id, label: `Car ${id}`, capacity });
const plan = (p: Partial<Plan>): Plan => ({ trips: [], stays: [], vehicles: [], ...p });
const kinds = (cs: PlanClash[]) => cs.map((c) => c.kind).sort();

describe('clashes between trips', () => {
  it('reports a vehicle on two trips at once, naming both trips and the vehicle', () => {
    const cs = writeClashes({ trip: trip('t2', 2, 6, { vehicleId: 'v1' }) }, plan({ trips: [trip('t1', 0, 4, { vehicleId: 'v1' })], vehicles: [car('v1', 4)] }), ctx);
    expect(cs).toEqual([
      expect.objectContaining({ kind: 'vehicle_double_booked', severity: 'hard', refs: ['t1', 't2', 'v1'], scope: 'vehicle:v1', dates: ['2027-03-01'] }),
    ]);
    expect(cs[0]?.message).toContain('Car v1');
    expect(cs[0]?.message).toContain('2027-03-01 07:30–08:00');
  });

  it('lets a vehicle do a trip that starts when the other one ends', () => {
    expect(writeClashes({ trip: trip('t2', 4, 6, { vehicleId: 'v1' }) }, plan({ trips: [trip('t1', 0, 4, { vehicleId: 'v1' })] }), ctx)).toEqual([]);
  });

  it('never counts cancelled or completed trips', () => {
    const others = [trip('t1', 0, 4, { vehicleId: 'v1', status: 'cancelled' }), trip('t3', 0, 4, { vehicleId: 'v1', status: 'completed' })];
    expect(writeClashes({ trip: trip('t2', 1, 3, { vehicleId: 'v1' }) }, plan({ trips: others }), ctx)).toEqual([]);
    // and a cancelled write clashes with nothing
    expect(writeClashes({ trip: trip('t2', 1, 3, { vehicleId: 'v1', status: 'cancelled' }) }, plan({ trips: [trip('t1', 0, 4, { vehicleId: 'v1' })] }), ctx)).toEqual([]);
  });

  it('checks a changed trip against the others, not against its own old version', () => {
    const old = trip('t1', 0, 4, { vehicleId: 'v1', passengerIds: ['p1'] });
    expect(writeClashes({ trip: { ...old, arriveBy: at(5) } }, plan({ trips: [old] }), ctx)).toEqual([]);
  });

  it('reports a person who is a passenger on two trips at once', () => {
    const cs = writeClashes({ trip: trip('t2', 2, 6, { passengerIds: ['p1', 'p2'] }) }, plan({ trips: [trip('t1', 0, 4, { passengerIds: ['p2', 'p3'] })] }), ctx);
    expect(cs).toEqual([expect.objectContaining({ kind: 'person_double_booked', refs: ['t1', 't2', 'p2'], personIds: ['p2'] })]);
  });

  it('reports an LO leading two trips at once, or leading one and riding another', () => {
    const led = writeClashes({ trip: trip('t2', 2, 6, { loId: 'lo1' }) }, plan({ trips: [trip('t1', 0, 4, { loId: 'lo1' })] }), ctx);
    expect(led).toEqual([expect.objectContaining({ kind: 'lo_double_booked', refs: ['t1', 't2', 'lo1'], scope: 'lo:lo1' })]);
    const rides = writeClashes({ trip: trip('t2', 2, 6, { passengerIds: ['lo1'] }) }, plan({ trips: [trip('t1', 0, 4, { loId: 'lo1' })] }), ctx);
    expect(kinds(rides)).toEqual(['lo_double_booked']);
  });

  it('counts the LO as a seat when checking capacity', () => {
    const vehicles = [car('v1', 2)];
    expect(writeClashes({ trip: trip('t1', 0, 4, { vehicleId: 'v1', passengerIds: ['p1', 'p2'] }) }, plan({ vehicles }), ctx)).toEqual([]);
    const cs = writeClashes({ trip: trip('t1', 0, 4, { vehicleId: 'v1', passengerIds: ['p1', 'p2'], loId: 'lo1' }) }, plan({ vehicles }), ctx);
    expect(cs).toEqual([expect.objectContaining({ kind: 'vehicle_over_capacity', refs: ['t1', 'v1'], personIds: ['lo1', 'p1', 'p2'] })]);
  });

  it('finds the trips a vehicle no longer has seats for when its capacity drops', () => {
    const trips = [trip('t1', 0, 4, { vehicleId: 'v1', passengerIds: ['p1', 'p2', 'p3'] }), trip('t2', 8, 9, { vehicleId: 'v1', passengerIds: ['p1'] })];
    const cs = writeClashes({ vehicle: car('v1', 2) }, plan({ trips, vehicles: [car('v1', 8)] }), ctx);
    expect(cs.map((c) => c.refs)).toEqual([['t1', 'v1']]);
  });

  it('dates a clash by the local day of its overlap: 23:00 UTC is the next morning in Jakarta', () => {
    const late = (id: string) => ({ ...trip(id, 0, 1, { vehicleId: 'v1' }), departAt: '2027-03-01T23:00:00Z', arriveBy: '2027-03-02T01:00:00Z' });
    expect(writeClashes({ trip: late('t2') }, plan({ trips: [late('t1')] }), ctx)[0]?.dates).toEqual(['2027-03-02']);
  });
});

describe('clashes between stays', () => {
  it('reports a person in two rooms for one night, with that night', () => {
    const cs = writeClashes({ stay: stay('s2', '1204', 2, 4, ['p1']) }, plan({ stays: [stay('s1', '1203', 0, 3, ['p1'])] }), ctx);
    expect(cs).toEqual([expect.objectContaining({ kind: 'person_two_rooms', refs: ['s1', 's2', 'p1'], dates: [day(2)] })]);
  });

  it('lets one room follow another on the check-out day', () => {
    expect(writeClashes({ stay: stay('s2', '1204', 3, 5, ['p1']) }, plan({ stays: [stay('s1', '1203', 0, 3, ['p1'])] }), ctx)).toEqual([]);
  });

  it('reports a room over capacity for the nights it is full, across stays', () => {
    const cs = writeClashes({ stay: stay('s2', '1203', 1, 3, ['p3']) }, plan({ stays: [stay('s1', '1203', 0, 5, ['p1', 'p2'], 2)] }), ctx);
    expect(cs).toEqual([expect.objectContaining({ kind: 'room_over_capacity', refs: ['s1', 's2'], dates: [day(1), day(2)], scope: 'room:hotel indonesia kempinski/1203' })]);
    expect(cs[0]?.message).toContain('3 guests for 2 beds');
  });

  it('reports one stay with more people than beds', () => {
    expect(kinds(writeClashes({ stay: stay('s1', '1203', 0, 1, ['p1', 'p2', 'p3'], 2) }, plan({}), ctx))).toEqual(['room_over_capacity']);
  });

  it('ignores stays of other rooms when counting beds', () => {
    expect(writeClashes({ stay: stay('s2', '1204', 0, 2, ['p3']) }, plan({ stays: [stay('s1', '1203', 0, 5, ['p1', 'p2'], 2)] }), ctx)).toEqual([]);
  });
});

// ---- properties against a brute-force oracle: sample every grid cell and every night.

const PEOPLE = ['p0', 'p1', 'p2', 'p3'];
const LOS = ['lo0', 'lo1', 'p0'];
const VEHICLES = ['v0', 'v1'];
const ROOMS = ['r0', 'r1'];

const tripArb = (id: string) =>
  fc
    .record({
      from: fc.integer({ min: 0, max: 12 }),
      len: fc.integer({ min: 1, max: 6 }),
      vehicleId: fc.option(fc.constantFrom(...VEHICLES)),
      loId: fc.option(fc.constantFrom(...LOS)),
      passengerIds: fc.subarray(PEOPLE),
      status: fc.constantFrom('scheduled', 'scheduled', 'scheduled', 'cancelled', 'completed'),
      kind: fc.constantFrom('pickup', 'transfer', 'departure'),
    })
    .map(({ from, len, ...o }) => trip(id, from, from + len, o as Partial<PlanTrip>));

const stayArb = (id: string) =>
  fc
    .record({ room: fc.constantFrom(...ROOMS), from: fc.integer({ min: 0, max: 6 }), len: fc.integer({ min: 1, max: 4 }), personIds: fc.subarray(PEOPLE), cap: fc.integer({ min: 1, max: 3 }) })
    .map(({ room, from, len, personIds, cap }) => stay(id, room, from, from + len, personIds, cap));

const planArb = fc.record({
  trips: fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => tripArb(`t${i}`)))),
  stays: fc.integer({ min: 0, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => stayArb(`s${i}`)))),
  vehicles: fc.tuple(...VEHICLES.map((id) => fc.integer({ min: 1, max: 4 }).map((c) => car(id, c)))),
});

/** Every hard clash as keys, found by looking at each grid cell and each night one by one. */
function oracle(p: Plan): Set<string> {
  const keys = new Set<string>();
  const live = p.trips.filter((t) => t.status === 'scheduled');
  const occupants = (t: PlanTrip) => new Set([...t.passengerIds, ...(t.loId ? [t.loId] : [])]);
  for (const t of live) {
    const v = p.vehicles.find((x) => x.id === t.vehicleId);
    if (v && occupants(t).size > v.capacity) keys.add(`vehicle_over_capacity|${v.id}|${t.id}`);
  }
  for (let cell = 0; cell < 24; cell++) {
    const mid = BASE + (cell + 0.5) * SLOT;
    const busy = live.filter((t) => Date.parse(t.departAt) <= mid && mid < Date.parse(t.arriveBy));
    for (const a of busy)
      for (const b of busy) {
        if (a.id >= b.id) continue;
        const pair = `${a.id},${b.id}`;
        if (a.vehicleId && a.vehicleId === b.vehicleId) keys.add(`vehicle_double_booked|${a.vehicleId}|${pair}`);
        for (const person of PEOPLE.concat(LOS)) {
          if (a.passengerIds.includes(person) && b.passengerIds.includes(person)) keys.add(`person_double_booked|${person}|${pair}`);
          const leads = a.loId === person || b.loId === person;
          if (leads && occupants(a).has(person) && occupants(b).has(person)) keys.add(`lo_double_booked|${person}|${pair}`);
        }
      }
  }
  for (let night = 0; night < 12; night++) {
    const d = day(night);
    const covering = p.stays.filter((s) => s.checkIn <= d && d < s.checkOut);
    for (const a of covering)
      for (const b of covering) {
        if (a.id >= b.id) continue;
        for (const person of a.personIds) if (b.personIds.includes(person)) keys.add(`person_two_rooms|${person}|${a.id},${b.id}`);
      }
    for (const room of ROOMS) {
      const inRoom = covering.filter((s) => s.room === room);
      if (inRoom.length && new Set(inRoom.flatMap((s) => s.personIds)).size > Math.min(...inRoom.map((s) => s.roomCapacity))) keys.add(`room_over_capacity|${room}|${d}`);
    }
  }
  return keys;
}

/** The same keys read off reported clashes (a room clash stands for each of its nights). */
function keysOf(cs: PlanClash[]): Set<string> {
  const keys = new Set<string>();
  for (const c of cs) {
    if (c.kind === 'room_over_capacity') for (const d of c.dates) keys.add(`${c.kind}|${c.scope.split('/').pop()}|${d}`);
    else if (c.kind === 'vehicle_over_capacity') keys.add(`${c.kind}|${c.refs[1]}|${c.refs[0]}`);
    else keys.add(`${c.kind}|${c.refs[2]}|${c.refs[0]},${c.refs[1]}`);
  }
  return keys;
}

const sortedKeys = (s: Set<string>) => [...s].sort();

describe('clash detection agrees with a brute-force oracle (property)', () => {
  it('reports exactly the hard clashes a plan has', () => {
    fc.assert(
      fc.property(planArb, (p) => {
        const reported = planClashes(p, ctx);
        expect(sortedKeys(keysOf(reported))).toEqual(sortedKeys(oracle(p)));
        expect(reported.every((c) => c.severity === 'hard')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('reports a clash for a write iff the plan with the write has one involving it', () => {
    const writeArb = fc.oneof(
      fc.record({ trip: fc.oneof(tripArb('new'), tripArb('t0')) }),
      fc.record({ stay: fc.oneof(stayArb('new'), stayArb('s0')) }),
    );
    fc.assert(
      fc.property(planArb, writeArb, (p, write) => {
        const next: Plan =
          'trip' in write
            ? { ...p, trips: [...p.trips.filter((t) => t.id !== write.trip.id), write.trip] }
            : { ...p, stays: [...p.stays.filter((s) => s.id !== write.stay.id), write.stay] };
        const id = 'trip' in write ? write.trip.id : write.stay.id;
        const all = oracle(next);
        // The write's own keys: pairs and seats naming it, and whole runs of full nights in its room that it sleeps in.
        const expected = new Set([...all].filter((k) => !k.startsWith('room_over_capacity') && k.split('|')[2]!.split(',').includes(id)));
        if ('stay' in write) {
          const s = write.stay;
          const full = (d: string) => all.has(`room_over_capacity|${s.room}|${d}`);
          for (let n = 0; n < 12; n++) {
            if (!(full(day(n)) && s.checkIn <= day(n) && day(n) < s.checkOut)) continue;
            let a = n;
            while (a > 0 && full(day(a - 1))) a--;
            for (let b = a; full(day(b)); b++) expected.add(`room_over_capacity|${s.room}|${day(b)}`);
          }
        }
        const reported = writeClashes(write, p, ctx);
        expect(sortedKeys(keysOf(reported))).toEqual(sortedKeys(expected));
        expect(reported.length > 0).toBe(expected.size > 0);
      }),
      { numRuns: 300 },
    );
  });

  it('never reports a cancelled or completed trip, whatever the plan', () => {
    fc.assert(
      fc.property(planArb, tripArb('new'), fc.constantFrom('cancelled' as const, 'completed' as const), (p, t, status) => {
        const done = { ...t, status };
        expect(writeClashes({ trip: done }, p, ctx)).toEqual([]);
        const withDone = { ...p, trips: [...p.trips, done] };
        expect(planClashes(withDone, ctx).filter((c) => c.refs.includes('new'))).toEqual([]);
        expect(sortedKeys(keysOf(planClashes(withDone, ctx)))).toEqual(sortedKeys(keysOf(planClashes(p, ctx))));
      }),
      { numRuns: 200 },
    );
  });
});
