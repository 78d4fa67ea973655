// The retention purge against DynamoDB Local and moto, with the movable clock, in a table of its own
// (the purge goes through everyone in the table): guests' and contacts' records keep only id, role,
// party and language once endsAt + retentionDays has passed; staff keep theirs; it runs in pages, each
// with its personal-data.purged event, goes on from where a run stopped, and does nothing twice.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { randomBytes } from 'node:crypto';
import { clockControl } from '@liaison/kit/clock';
import { ddb } from '@liaison/kit/ddb/client';
import { listen } from '../../../test/support/events';
import { useOwnTable } from '../../../test/support/int';

useOwnTable();

type Invoke = typeof import('./invoke');
let call: Invoke['call'];
let create: Invoke['create'];
let organizer: Invoke['organizer'];
let claimsFor: Invoke['claimsFor'];
let schedule: typeof import('../src/schedules/retention').handler;
let store: typeof import('../src/retention/store');

let topic: Awaited<ReturnType<typeof listen>>;
/** The data of the personal-data.purged events read from the topic so far, in the order they came. */
const events = () => topic.received.map((r) => r.event.data as { purgeId: string; personIds: string[]; last: boolean });

const ENDS = '2027-03-05T17:00:00.000Z';
const DAY = 86_400_000;
const PROFILE = { name: 'Retention summit', timeZone: 'Asia/Jakarta', languages: ['id', 'en'], startsAt: '2027-03-01T00:00:00.000Z', endsAt: ENDS, venues: [], quietHours: null, retentionDays: 30 };

beforeAll(async () => {
  ({ call, create, organizer, claimsFor } = await import('./invoke'));
  ({ handler: schedule } = await import('../src/schedules/retention'));
  store = await import('../src/retention/store');
  topic = await listen(['personal-data.purged']);
  expect((await call({ method: 'PUT', url: '/event', body: PROFILE, claims: organizer })).status).toBe(201);
});

afterEach(() => clockControl.reset());

afterAll(async () => {
  await topic.close();
});

/** Drains the event queue until `until` holds (deadline 15 s). */
const collect = (until: () => boolean) => topic.collect(until);

let n = 0;
async function guest(partyId: string, role: 'guest' | 'contact' = 'guest'): Promise<any> {
  n += 1;
  return create('/people', {
    name: `Siti Rahayu ${n}`,
    role,
    partyId,
    title: 'Deputy Minister',
    phone: `+628120000${String(n).padStart(4, '0')}`,
    email: `siti.${n}.${randomBytes(3).toString('hex')}@example.org`,
    externalId: `PASSPORT-${n}-${randomBytes(3).toString('hex')}`,
    consent: { sms: true, email: true },
    needs: { dietary: 'halal', accessibility: 'wheelchair', notes: 'diabetic' },
    arrival: { at: '2027-03-01T02:00:00+07:00', flight: 'GA 881', airport: 'CGK' },
    departure: { at: '2027-03-05T20:00:00+07:00' },
  });
}

const get = async (id: string) => (await call({ method: 'GET', url: `/people/${id}`, claims: organizer })).body;
const forgetRun = () => ddb.send(new DeleteCommand({ TableName: process.env.LIAISON_TABLE_NAME, Key: store.RUN_KEY }));

describe('the retention purge', () => {
  it('waits for endsAt + retentionDays, then reduces guests and contacts to id, role, party and language, page by page, and keeps staff', async () => {
    const party = await create('/parties', { name: 'Delegasi Retensi', type: 'delegation' });
    const guests = [];
    for (let i = 0; i < 22; i++) guests.push(await guest(party.id));
    const contact = await guest(party.id, 'contact');
    const lo = await create('/people', { name: 'Budi LO', role: 'lo', phone: '+6281399990000', email: `budi.${randomBytes(3).toString('hex')}@example.org` });

    clockControl.set(new Date(Date.parse(ENDS) + 30 * DAY - 60_000));
    expect(await schedule({})).toEqual({ status: 'waiting', cutoff: new Date(Date.parse(ENDS) + 30 * DAY).toISOString() });
    expect((await get(guests[0].id)).phone).toBe(guests[0].phone);

    clockControl.set(new Date(Date.parse(ENDS) + 30 * DAY + 60_000));
    const run = (await schedule({})) as import('../src/retention/store').PurgeRun;
    expect(run).toMatchObject({ status: 'done', trigger: 'schedule', requestedBy: null, people: 24, purged: 23, cutoff: new Date(Date.parse(ENDS) + 30 * DAY).toISOString() });

    for (const before of [...guests, contact]) {
      const after = await get(before.id);
      expect(after).toMatchObject({
        id: before.id,
        role: before.role,
        partyId: party.id,
        language: before.language,
        name: '(removed)',
        title: null,
        phone: null,
        email: null,
        externalId: null,
        consent: { sms: false, email: false },
        needs: {},
        arrival: null,
        departure: null,
        version: before.version + 1,
      });
    }
    expect(await get(lo.id)).toEqual(lo);

    // Nothing finds them by what they were; their email and externalId are free again.
    expect((await call({ method: 'GET', url: '/people?q=rahayu', claims: organizer })).body.items).toEqual([]);
    expect((await call({ method: 'GET', url: `/people?q=${guests[0].phone.slice(1)}`, claims: organizer })).body.items).toEqual([]);
    const again = await create('/people', { name: 'Siti again', role: 'guest', email: guests[0].email, externalId: guests[0].externalId });
    expect(again.email).toBe(guests[0].email);

    // One event per page (pages of PAGE_SIZE), everyone named once, the last one marked.
    await collect(() => events().some((e) => e.purgeId === run.purgeId && e.last));
    const mine = events().filter((e) => e.purgeId === run.purgeId);
    expect(mine.length).toBe(Math.ceil(24 / store.PAGE_SIZE));
    expect(mine.flatMap((e) => e.personIds).sort()).toEqual([...guests, contact, lo].map((p) => p.id).sort());
    expect(mine.filter((e) => e.last)).toHaveLength(1);

    // Done is done: the schedule answers the run and publishes nothing more.
    expect(await schedule({})).toEqual(run);
    await collect(() => false);
    expect(events().filter((e) => e.purgeId === run.purgeId)).toHaveLength(mine.length);
  });

  it('goes on from the last page that committed when a run stops short, purging nobody twice', async () => {
    await forgetRun();
    const party = await create('/parties', { name: 'Delegasi Lanjut', type: 'delegation' });
    const guests = [];
    for (let i = 0; i < 15; i++) guests.push(await guest(party.id));
    clockControl.set(new Date(Date.parse(ENDS) + 31 * DAY));
    const started = await store.startRun(process.env.LIAISON_TABLE_NAME as string, { trigger: 'schedule', requestedBy: null, cutoff: ENDS });
    const ctx = { tableName: process.env.LIAISON_TABLE_NAME as string, topicArn: process.env.LIAISON_EVENTS_TOPIC_ARN as string, service: 'directory', correlationId: 'test-purge' };
    // Time for one page only, as when the function runs out of time.
    let pages = 0;
    const cut = await store.continuePurge(ctx, { remainingMs: () => (pages++ < 1 ? 60_000 : 0) });
    expect(cut).toMatchObject({ purgeId: started.purgeId, status: 'running', people: store.PAGE_SIZE });

    const run = (await schedule({})) as import('../src/retention/store').PurgeRun;
    // The 15, and the guest the test above made after its run.
    expect(run).toMatchObject({ purgeId: started.purgeId, status: 'done', purged: 16 });
    for (const g of guests) expect(await get(g.id)).toMatchObject({ name: '(removed)', phone: null, version: g.version + 1 });

    await collect(() => events().some((e) => e.purgeId === run.purgeId && e.last));
    const named = events().filter((e) => e.purgeId === run.purgeId).flatMap((e) => e.personIds);
    expect(new Set(named).size).toBe(named.length);
    expect(named.length).toBe(run.people);
  });

  it('POST /event/purge runs it early for an organiser who names the event, once the event has ended', async () => {
    await forgetRun();
    const party = await create('/parties', { name: 'Delegasi Awal', type: 'delegation' });
    const g = await guest(party.id);

    clockControl.set(new Date(Date.parse(ENDS) - 60_000));
    const early = await call({ method: 'POST', url: '/event/purge', body: { confirm: PROFILE.name }, claims: organizer });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/has not ended/);
    const wrong = await call({ method: 'POST', url: '/event/purge', body: { confirm: 'Another summit' }, claims: organizer });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'confirm' })]);
    const staff = await create('/people', { name: 'Early LO', role: 'lo' });
    const lo = await call({ method: 'POST', url: '/event/purge', body: { confirm: PROFILE.name }, claims: claimsFor('lo', staff.id) });
    expect(lo.status).toBe(403);
    expect(await store.findRun(process.env.LIAISON_TABLE_NAME as string)).toBeNull();
    expect((await get(g.id)).phone).toBe(g.phone);

    clockControl.freeze(new Date(Date.parse(ENDS) + DAY));
    const done = await call({ method: 'POST', url: '/event/purge', body: { confirm: PROFILE.name }, claims: organizer });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'done', trigger: 'organizer', requestedBy: organizer.sub, cutoff: new Date(Date.parse(ENDS) + DAY).toISOString() });
    expect(await get(g.id)).toMatchObject({ name: '(removed)', phone: null, email: null });
    // Again: the finished run, nothing more.
    const twice = await call({ method: 'POST', url: '/event/purge', body: { confirm: PROFILE.name }, claims: organizer });
    expect(twice).toMatchObject({ status: 200, body: done.body });
  });
});
