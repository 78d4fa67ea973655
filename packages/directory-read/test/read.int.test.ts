// The read-only accessor against the emulator, with the directory itself writing the records (in
// process, through its HTTP handler), so the two cannot disagree on keys or shapes.
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { PROFILE_DEFAULTS } from '@liaison/contracts';
import { clockControl } from '@liaison/kit/clock';
import { call, create, organizer } from '../../../services/directory/test/invoke';
import { assignmentsOfParty, assignmentsOfPerson, callerResolver, getParty, getPeople, getPerson, getProfile, losOf, peopleOfParty, peopleWithRole, allPeople, allPages } from '../src';

const table = () => process.env.LIAISON_TABLE_NAME as string;
const HOUR = 3_600_000;
let ids: { party: string; guest: string; lone: string; loParty: string; loDirect: string; loLater: string; assignParty: string; assignDirect: string };

beforeAll(async () => {
  const party = await create('/parties', { name: 'Read party', type: 'delegation' });
  const guest = await create('/people', { name: 'Read guest', role: 'guest', partyId: party.id, phone: '+6281200000001' });
  const lone = await create('/people', { name: 'Lone guest', role: 'guest' });
  const loParty = await create('/people', { name: 'B party LO', role: 'lo' });
  const loDirect = await create('/people', { name: 'A direct LO', role: 'lo' });
  const loLater = await create('/people', { name: 'C later LO', role: 'lo' });
  const later = new Date(Date.now() + 48 * HOUR).toISOString();
  const assignParty = await create('/assignments', { loId: loParty.id, partyId: party.id });
  const assignDirect = await create('/assignments', { loId: loDirect.id, personId: guest.id });
  await create('/assignments', { loId: loLater.id, personId: guest.id, from: later });
  ids = { party: party.id, guest: guest.id, lone: lone.id, loParty: loParty.id, loDirect: loDirect.id, loLater: loLater.id, assignParty: assignParty.id, assignDirect: assignDirect.id };
});

afterEach(() => clockControl.reset());

describe('people and parties by key', () => {
  it('reads a person and a party as the API returns them', async () => {
    const api = await call({ method: 'GET', url: `/people/${ids.guest}`, claims: organizer });
    expect(await getPerson(table(), ids.guest)).toEqual(api.body);
    expect(await getParty(table(), ids.party)).toMatchObject({ id: ids.party, name: 'Read party', type: 'delegation' });
    expect(await getPerson(table(), 'per_missing')).toBeNull();
  });

  it('reads many people at once, in the order asked, leaving unknown ids out', async () => {
    const people = await getPeople(table(), [ids.lone, 'per_missing', ids.guest, ids.lone]);
    expect(people.map((p) => p.id)).toEqual([ids.lone, ids.guest]);
  });

  it('lists the people of a party from its index', async () => {
    const page = await peopleOfParty(table(), ids.party);
    expect(page.items.map((p) => p.id)).toEqual([ids.guest]);
  });
});

describe('people by index', () => {
  const everyPage = async (read: Parameters<typeof allPages<{ id: string }>>[0]): Promise<string[]> => (await allPages(read)).map((p) => p.id);

  it('lists everyone in the event, page by page', async () => {
    const everyone = await everyPage((cursor) => allPeople(table(), { limit: 2, cursor }));
    expect(everyone).toEqual(expect.arrayContaining([ids.guest, ids.lone, ids.loParty, ids.loDirect, ids.loLater]));
    expect(new Set(everyone).size).toBe(everyone.length);
  });

  it('lists the people with one role only', async () => {
    const los = await everyPage((cursor) => peopleWithRole(table(), 'lo', { limit: 2, cursor }));
    expect(los).toEqual(expect.arrayContaining([ids.loParty, ids.loDirect, ids.loLater]));
    expect(los).not.toContain(ids.guest);
    const guests = await everyPage((cursor) => peopleWithRole(table(), 'guest', { cursor }));
    expect(guests).toEqual(expect.arrayContaining([ids.guest, ids.lone]));
    expect(guests).not.toContain(ids.loParty);
  });
});

describe('assignments in force', () => {
  it('for a person: directly and through their party, not the ones yet to start', async () => {
    const now = await assignmentsOfPerson(table(), ids.guest);
    expect(now.map((a) => a.id).sort()).toEqual([ids.assignDirect, ids.assignParty].sort());
    const inThreeDays = await assignmentsOfPerson(table(), ids.guest, Date.now() + 72 * HOUR);
    expect(inThreeDays.map((a) => a.loId).sort()).toEqual([ids.loDirect, ids.loParty, ids.loLater].sort());
    expect(await assignmentsOfPerson(table(), ids.lone)).toEqual([]);
  });

  it('for a party', async () => {
    expect((await assignmentsOfParty(table(), ids.party)).map((a) => a.loId)).toEqual([ids.loParty]);
  });

  it('names the LOs of a person, by name', async () => {
    expect((await losOf(table(), ids.guest)).map((p) => p.name)).toEqual(['A direct LO', 'B party LO']);
  });
});

describe('the event profile', () => {
  it('reads with every setting defaulted that the PUT left out', async () => {
    const body = {
      name: 'Read summit',
      timeZone: 'Asia/Jakarta',
      languages: ['id', 'en'],
      startsAt: '2027-03-01T08:00:00+07:00',
      endsAt: '2027-03-04T18:00:00+07:00',
      sla: { critical: { ackMinutes: 3, resolveMinutes: 30 } },
      retentionDays: 90,
    };
    const put = await call({ method: 'PUT', url: '/event', body, claims: organizer, headers: { 'if-match': '*' } });
    expect([200, 201]).toContain(put.status);
    const profile = await getProfile(table());
    expect(profile).toMatchObject({
      timeZone: 'Asia/Jakarta',
      languages: ['id', 'en'],
      quietHours: null,
      sla: { ...PROFILE_DEFAULTS.sla, critical: { ackMinutes: 3, resolveMinutes: 30 } },
      reminderMinutes: 60,
      coalesceMinutes: 2,
      retentionDays: 90,
    });
    expect(put.body).toEqual(profile);
  });

  it('refuses an SLA whose acknowledgement is not before its resolution, naming the field', async () => {
    const res = await call({
      method: 'PUT',
      url: '/event',
      claims: organizer,
      headers: { 'if-match': '*' },
      body: { name: 'X', timeZone: 'Asia/Jakarta', languages: ['id'], startsAt: '2027-03-01T08:00:00+07:00', endsAt: '2027-03-02T08:00:00+07:00', sla: { high: { ackMinutes: 240, resolveMinutes: 15 } }, reminderMinutes: 0 },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['reminderMinutes', 'sla.high.ackMinutes']);
  });
});

describe('the caller check', () => {
  const principal = (personId: string) => ({ sub: `sub-${personId}`, role: 'lo' as const, personId });

  it('gives the role the person holds now, reads at most once a minute, and refuses a deleted person', async () => {
    clockControl.freeze();
    const lo = await create('/people', { name: 'Checked LO', role: 'lo' });
    const resolve = callerResolver(table());
    expect(await resolve(principal(lo.id))).toMatchObject({ role: 'lo' });
    const deleted = await call({ method: 'DELETE', url: `/people/${lo.id}`, claims: organizer });
    expect(deleted.status).toBe(204);
    clockControl.advance(59_000);
    expect(await resolve(principal(lo.id))).toMatchObject({ role: 'lo' }); // cached: at most 60 s stale
    clockControl.advance(1_000);
    expect(await resolve(principal(lo.id))).toBeNull();
  });

  it('treats contacts as guests', async () => {
    const contact = await create('/people', { name: 'Checked contact', role: 'contact' });
    expect(await callerResolver(table())(principal(contact.id))).toMatchObject({ role: 'guest' });
  });
});
