// The maintained set of open clashes equals a recomputation over the whole plan after any sequence of
// writes (trips created, moved, re-staffed, cancelled; stays added, changed, ended), all of them
// allowed to clash: allowConflicts never hides a clash from /conflicts, and no clash outlives its cause.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { scanTable } from '../../../test/support/int';
import { clashKey, planClashes } from '../src/domain/clashes';
import { call, create, organizer, person, profile } from './invoke';

type Op =
  | { op: 'trip'; vehicle: number | null; people: number[]; lo: number | null; start: number; length: number }
  | { op: 'move'; trip: number; start: number; length: number }
  | { op: 'passengers'; trip: number; people: number[] }
  | { op: 'vehicle'; trip: number; vehicle: number | null }
  | { op: 'cancel'; trip: number }
  | { op: 'stay'; room: number; people: number[]; first: number; nights: number; beds: number }
  | { op: 'restay'; stay: number; people: number[] }
  | { op: 'unstay'; stay: number };

const people = fc.uniqueArray(fc.integer({ min: 0, max: 3 }), { maxLength: 3 });
const slot = fc.integer({ min: 0, max: 6 });
const ops = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('trip' as const), vehicle: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }), people, lo: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }), start: slot, length: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ op: fc.constant('move' as const), trip: fc.nat(), start: slot, length: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ op: fc.constant('passengers' as const), trip: fc.nat(), people }),
    fc.record({ op: fc.constant('vehicle' as const), trip: fc.nat(), vehicle: fc.option(fc.integer({ min: 0, max: 1 }), { nil: null }) }),
    fc.record({ op: fc.constant('cancel' as const), trip: fc.nat() }),
    fc.record({ op: fc.constant('stay' as const), room: fc.integer({ min: 0, max: 1 }), people, first: fc.integer({ min: 0, max: 3 }), nights: fc.integer({ min: 1, max: 3 }), beds: fc.integer({ min: 1, max: 2 }) }),
    fc.record({ op: fc.constant('restay' as const), stay: fc.nat(), people }),
    fc.record({ op: fc.constant('unstay' as const), stay: fc.nat() }),
  ),
  { minLength: 1, maxLength: 8 },
) as fc.Arbitrary<Op[]>;

const hour = (h: number) => `2027-06-01T${String(8 + h).padStart(2, '0')}:00:00+07:00`;
const day = (d: number) => `2027-06-${String(10 + d).padStart(2, '0')}`;

/** The answer's body; a 409 is fine for a change to an ended trip (allowed clashes never refuse). */
async function ok(method: string, url: string, body?: unknown): Promise<any> {
  const res = await call({ method, url, body, claims: organizer });
  const creates = method === 'POST' && !url.includes('/cancel');
  if (res.status >= 300 && !(res.status === 409 && !creates && res.body.clashes?.[0]?.kind?.startsWith('trip_'))) throw new Error(`${method} ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('the set of open clashes', () => {
  it('equals the clashes of the whole plan after any sequence of allowed writes', async () => {
    await profile();
    await fc.assert(
      fc.asyncProperty(ops, async (sequence) => {
        const guests = await Promise.all([0, 1, 2, 3].map(() => person()));
        const los = await Promise.all([0, 1].map(() => person({ role: 'lo' })));
        const vehicles = await Promise.all([0, 1].map((i) => create('/vehicles', { label: `Oracle ${i}`, plate: `B ${i}`, capacity: 2 })));
        const rooms = [`Oracle ${Math.random().toString(36).slice(2)}`, `Oracle ${Math.random().toString(36).slice(2)}`];
        const trips: string[] = [];
        const stays: string[] = [];
        const pick = <T>(list: T[], i: number) => (list.length ? list[i % list.length] : undefined);
        for (const o of sequence) {
          const allow = { allowConflicts: true };
          if (o.op === 'trip') {
            const t = await ok('POST', '/trips', {
              kind: 'transfer', from: 'A', to: 'B', departAt: hour(o.start), arriveBy: hour(o.start + o.length),
              vehicleId: o.vehicle === null ? null : vehicles[o.vehicle].id, loId: o.lo === null ? null : los[o.lo], passengerIds: o.people.map((p) => guests[p]), ...allow,
            });
            trips.push(t.id);
          } else if (o.op === 'stay') {
            const s = await ok('POST', '/accommodations', { hotel: rooms[o.room], room: '1', roomCapacity: o.beds, personIds: o.people.map((p) => guests[p]), checkIn: day(o.first), checkOut: day(o.first + o.nights), ...allow });
            stays.push(s.id);
          } else if (o.op === 'restay' || o.op === 'unstay') {
            const id = pick(stays, o.stay);
            if (!id) continue;
            if (o.op === 'unstay') {
              await ok('DELETE', `/accommodations/${id}`);
              stays.splice(stays.indexOf(id), 1);
            } else await ok('PATCH', `/accommodations/${id}`, { personIds: o.people.map((p) => guests[p]), ...allow });
          } else {
            const id = pick(trips, o.trip);
            if (!id) continue;
            if (o.op === 'cancel') await ok('POST', `/trips/${id}/cancel`);
            else if (o.op === 'move') await ok('PATCH', `/trips/${id}`, { departAt: hour(o.start), arriveBy: hour(o.start + o.length), ...allow });
            else if (o.op === 'passengers') await ok('PATCH', `/trips/${id}`, { passengerIds: o.people.map((p) => guests[p]), ...allow });
            else await ok('PATCH', `/trips/${id}`, { vehicleId: o.vehicle === null ? null : vehicles[o.vehicle].id, ...allow });
          }
        }
        const plan = {
          trips: await Promise.all(trips.map((id) => ok('GET', `/trips/${id}`))),
          stays: await Promise.all(stays.map((id) => ok('GET', `/accommodations/${id}`))),
          vehicles,
        };
        const expected = planClashes(plan, { timeZone: 'Asia/Jakarta' }).map(clashKey).sort();
        const mine = new Set([...trips, ...stays]);
        const stored = (await scanTable()).filter((i) => i.sk === 'CLASH' && i.severity === 'hard' && (i.refs as string[]).some((r) => mine.has(r)));
        expect(stored.map((i) => clashKey(i as never)).sort()).toEqual(expected);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 15) },
    );
  });
});
