// Property test over trip changes (passengers, LO, time, place and vehicle changing in any mix): nobody
// hears two messages about one change, people added or taken off hear only that, the others hear of a
// change only when time, place or vehicle changed, and every driver hears at most one thing.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fillNeeds, intentsFor } from '../../src/domain/automatic';
import { AUTOMATIC_TEMPLATES } from '../../src/domain/templates';
import { ctx, event, trip, vehicle } from './fixtures';

// LOs may be passengers too (an LO riding along): who is on the trip counts, not in which role.
const PEOPLE = ['p_1', 'p_2', 'p_3', 'p_4', 'lo_1', 'lo_2'];
const withDriver = vehicle({ id: 'veh_a', label: 'Bus A' });
const noDriver = vehicle({ id: 'veh_b', label: 'Bus B', driver: null });
const other = vehicle({ id: 'veh_c', label: 'Bus C', driver: { name: 'Pak Joko', phone: '+6281255556666' } });

const change = fc.record({
  before: fc.subarray(PEOPLE),
  after: fc.subarray(PEOPLE),
  loBefore: fc.constantFrom(null, 'lo_1', 'lo_2'),
  loAfter: fc.constantFrom(null, 'lo_1', 'lo_2'),
  time: fc.boolean(),
  place: fc.boolean(),
  vehicleBefore: fc.constantFrom(null, withDriver, noDriver, other),
  vehicleAfter: fc.constantFrom(null, withDriver, noDriver, other),
});

describe('trip.changed intents', () => {
  it('tell each person at most one thing, and only what concerns them', () => {
    fc.assert(
      fc.property(change, (c) => {
        const before = trip({ passengerIds: c.before, loId: c.loBefore, vehicleId: c.vehicleBefore?.id ?? null });
        const after = {
          ...before,
          passengerIds: c.after,
          loId: c.loAfter,
          vehicleId: c.vehicleAfter?.id ?? null,
          ...(c.time ? { departAt: '2027-03-02T02:00:00+07:00', arriveBy: '2027-03-02T03:00:00+07:00' } : {}),
          ...(c.place ? { from: 'Halim Perdanakusuma' } : {}),
          version: 2,
        };
        const changed = (['passengerIds', 'loId', 'vehicleId', 'departAt', 'from'] as const).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
        fc.pre(changed.length > 0);
        const added = c.after.filter((p) => !c.before.includes(p));
        const removed = c.before.filter((p) => !c.after.includes(p));
        const onBefore = new Set([...c.before, ...(c.loBefore ? [c.loBefore] : [])]);
        const onAfter = new Set([...c.after, ...(c.loAfter ? [c.loAfter] : [])]);
        const everyone = [...new Set([...c.before, ...c.after, ...[c.loBefore, c.loAfter].flatMap((x) => (x === null ? [] : [x]))])];
        const intents = intentsFor(
          event('trip.changed', {
            before,
            after,
            changed,
            time: c.time,
            place: c.place,
            passengersAdded: added,
            passengersRemoved: removed,
            vehicleBefore: c.vehicleBefore,
            vehicleAfter: c.vehicleAfter,
            audience: { personIds: everyone, partyIds: [] },
          }),
          ctx,
        );

        expect(new Set(intents.map((i) => i.messageKey)).size).toBe(intents.length);
        const heard = new Map<string, string>();
        for (const i of intents) {
          for (const p of i.audience.personIds) {
            expect([p, heard.get(p)]).toEqual([p, undefined]);
            heard.set(p, i.messageKey);
          }
        }
        const vehicleChanged = (c.vehicleBefore?.id ?? null) !== (c.vehicleAfter?.id ?? null);
        for (const p of everyone) {
          const expected = !onBefore.has(p) ? 'trip.added' : !onAfter.has(p) ? 'trip.removed' : c.time || c.place || vehicleChanged ? 'trip.changed' : undefined;
          expect([p, heard.get(p)]).toEqual([p, expected]);
        }

        const drivers = intents.filter((i) => i.audience.driver);
        expect(new Set(drivers.map((i) => i.audience.driver?.vehicleId)).size).toBe(drivers.length);
        for (const d of drivers) {
          const isNew = d.audience.driver?.vehicleId === c.vehicleAfter?.id;
          expect(d.messageKey).toBe(isNew ? (vehicleChanged ? 'trip.driver' : 'trip.driver_changed') : 'trip.driver_cancelled');
        }
        for (const i of intents) {
          const vars = fillNeeds(i, {});
          for (const name of AUTOMATIC_TEMPLATES[i.templateKey].variables) expect([i.messageKey, name, Object.hasOwn(vars, name)]).toEqual([i.messageKey, name, true]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
