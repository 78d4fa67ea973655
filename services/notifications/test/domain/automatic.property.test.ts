// Property tests over trip and meeting changes in any mix (passengers, LO, attendees, time, place,
// vehicle): nobody hears two messages about one change, people added or taken off hear only that, the
// others hear of a change only when time, place or vehicle changed, and every driver hears at most one thing.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { fillNeeds, intentsFor } from '../../src/domain/automatic';
import { AUTOMATIC_TEMPLATES } from '../../src/domain/templates';
import { ctx, event, meeting, trip, vehicle } from './fixtures';

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

describe('meeting.changed intents', () => {
  it('tell each attendee, person or party, at most one thing: moved, invited or released', () => {
    const ids = ['p_1', 'p_2', 'p_3', 'p_4'];
    const parties = ['pty_1', 'pty_2', 'pty_3'];
    fc.assert(
      fc.property(fc.subarray(ids), fc.subarray(ids), fc.subarray(parties), fc.subarray(parties), fc.boolean(), fc.boolean(), (pb, pa, gb, ga, moved, relocated) => {
        const before = meeting({ attendeeIds: pb, attendeePartyIds: gb });
        const after = {
          ...before,
          attendeeIds: pa,
          attendeePartyIds: ga,
          ...(moved ? { startsAt: '2027-03-02T16:00:00+07:00', endsAt: '2027-03-02T17:00:00+07:00' } : {}),
          ...(relocated ? { location: 'Ruang Garuda' } : {}),
          version: 2,
        };
        const changed = (['attendeeIds', 'attendeePartyIds', 'startsAt', 'location'] as const).filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
        fc.pre(changed.length > 0);
        const intents = intentsFor(event('meeting.changed', { before, after, changed, audience: { personIds: [...new Set([...pb, ...pa])], partyIds: [...new Set([...gb, ...ga])] } }), ctx);
        const heard = new Map<string, string>();
        for (const i of intents) {
          for (const id of [...i.audience.personIds, ...i.audience.partyIds]) {
            expect([id, heard.get(id)]).toEqual([id, undefined]);
            heard.set(id, i.messageKey);
          }
        }
        for (const [b, a] of [[pb, pa], [gb, ga]] as const) {
          for (const id of new Set([...b, ...a])) {
            const expected = !b.includes(id) ? 'meeting.added' : !a.includes(id) ? 'meeting.removed' : moved || relocated ? 'meeting.moved' : undefined;
            expect([id, heard.get(id)]).toEqual([id, expected]);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});
