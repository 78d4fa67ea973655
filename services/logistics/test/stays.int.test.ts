// Stays against the emulator: a person in two rooms a night and a room over capacity are refused
// (nothing written) or recorded when allowed, closed when their cause goes away; racing stays that
// would double-book a person or overfill a room: exactly one wins. LOs see their people's stays only.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { scanTable } from '../../../test/support/int';
import { assign, call, claimsFor, create, organizer, person, profile } from './invoke';

const hotel = () => `Hotel ${randomBytes(3).toString('hex')}`;
const stay = (over: Record<string, unknown>) => ({ hotel: 'Hotel Mulia', room: '101', roomCapacity: 2, checkIn: '2027-03-01', checkOut: '2027-03-04', ...over });

beforeAll(async () => {
  await profile();
});

describe('stays', () => {
  it('refuses a person in two rooms for one night, and writes nothing', async () => {
    const h = hotel();
    const g = await person();
    const first = await create('/accommodations', stay({ hotel: h, personIds: [g] }));
    const before = await scanTable();
    const res = await call({ method: 'POST', url: '/accommodations', body: stay({ hotel: h, room: '102', personIds: [g], checkIn: '2027-03-03', checkOut: '2027-03-05' }), claims: organizer });
    expect(res.status).toBe(409);
    expect(res.body.clashes).toEqual([expect.objectContaining({ kind: 'person_two_rooms', refs: expect.arrayContaining([first.id, g]) })]);
    expect(await scanTable()).toEqual(before);
    // Checking out on the day the other stay checks in is no clash.
    expect((await call({ method: 'POST', url: '/accommodations', body: stay({ hotel: h, room: '102', personIds: [g], checkIn: '2027-03-04', checkOut: '2027-03-05' }), claims: organizer })).status).toBe(201);
  });

  it('refuses a room over capacity, records it when allowed, and closes it when the stay ends', async () => {
    const h = hotel();
    const [a, b, c] = [await person(), await person(), await person()];
    await create('/accommodations', stay({ hotel: h, personIds: [a, b] }));
    const over = await call({ method: 'POST', url: '/accommodations', body: stay({ hotel: h, personIds: [c], checkIn: '2027-03-02', checkOut: '2027-03-03' }), claims: organizer });
    expect(over.status).toBe(409);
    expect(over.body.clashes.map((x: { kind: string }) => x.kind)).toEqual(['room_over_capacity']);
    const allowed = await create('/accommodations', stay({ hotel: h, personIds: [c], checkIn: '2027-03-02', checkOut: '2027-03-03', allowConflicts: true }));
    const open = await call({ method: 'GET', url: `/conflicts?kind=room_over_capacity&personId=${c}`, claims: organizer });
    expect(open.body.items).toEqual([expect.objectContaining({ kind: 'room_over_capacity', dates: ['2027-03-02'] })]);
    expect((await call({ method: 'DELETE', url: `/accommodations/${allowed.id}`, claims: organizer })).status).toBe(204);
    expect((await call({ method: 'GET', url: `/conflicts?kind=room_over_capacity&personId=${a}`, claims: organizer })).body.items).toEqual([]);
  });

  it('names broken dates and unknown people in a 422', async () => {
    const res = await call({ method: 'POST', url: '/accommodations', body: stay({ personIds: ['per_nobody'], checkOut: '2027-03-01' }), claims: organizer });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toEqual(['checkOut']);
    const unknown = await call({ method: 'POST', url: '/accommodations', body: stay({ personIds: ['per_nobody'] }), claims: organizer });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'personIds.0' })]);
  });

  it('shows an LO the stays of their people only', async () => {
    const lo = await person({ role: 'lo' });
    const mine = await person();
    const other = await person();
    await assign(lo, { personId: mine });
    const h = hotel();
    const s1 = await create('/accommodations', stay({ hotel: h, personIds: [mine] }));
    const s2 = await create('/accommodations', stay({ hotel: h, room: '202', personIds: [other] }));
    const loClaims = claimsFor('lo', lo);
    const list = await call({ method: 'GET', url: `/accommodations?hotel=${encodeURIComponent(h)}`, claims: loClaims });
    expect(list.body.items.map((s: { id: string }) => s.id)).toEqual([s1.id]);
    expect((await call({ method: 'GET', url: `/accommodations/${s2.id}`, claims: loClaims })).status).toBe(404);
    expect((await call({ method: 'PATCH', url: `/accommodations/${s1.id}`, body: { personIds: [mine, other] }, claims: loClaims })).status).toBe(403);
    expect((await call({ method: 'GET', url: `/accommodations?personId=${mine}`, claims: organizer })).body.items.map((s: { id: string }) => s.id)).toEqual([s1.id]);
  });
});

describe('racing stays', () => {
  it('let exactly one of six stays put the same person in a room on the same night', async () => {
    const h = hotel();
    const g = await person();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => call({ method: 'POST', url: '/accommodations', body: stay({ hotel: h, room: `R${i}`, personIds: [g] }), claims: organizer })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });

  it('let exactly one of six stays take the last bed of a room', async () => {
    const h = hotel();
    const people = await Promise.all(Array.from({ length: 6 }, () => person()));
    const answers = await Promise.all(people.map((p) => call({ method: 'POST', url: '/accommodations', body: stay({ hotel: h, roomCapacity: 1, personIds: [p] }), claims: organizer })));
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
  });
});
