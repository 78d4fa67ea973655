// Regressions for what the outside review found (issue 5, section 1), each driven over HTTP against
// the running local stack: record takeover by a guest, revoked staff keeping access, LOs editing
// staff, idempotent creates, hostile bodies.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { api, baseUrl, tokenFor } from '../support/e2e';

const run = randomBytes(3).toString('hex');
let org: string;

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
});

async function create(path: string, body: unknown): Promise<any> {
  const res = await api(path, { method: 'POST', token: org, body });
  if (res.status !== 201) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Moves the clock every function sees past the caller check's 60 s cache window. */
async function pastCallerCache(): Promise<void> {
  const res = await api('/_local/clock', { method: 'POST', body: { advance: 'PT61S' } });
  expect(res.status).toBe(200);
}

describe('a guest cannot take over another person through their own record', () => {
  it('may not change their own email, and is told which field', async () => {
    const guest = await create('/people', { name: `Guest ${run}`, role: 'guest', email: `guest.${run}@example.org` });
    const token = await tokenFor({ personId: guest.id });
    const res = await api(`/people/${guest.id}`, { method: 'PATCH', token, body: { email: `vip.${run}@example.org` } });
    expect(res).toMatchObject({ status: 403, body: { errors: [{ path: 'email' }] } });
    const fine = await api(`/people/${guest.id}`, { method: 'PATCH', token, body: { phone: '+6281234567890', language: 'en', consent: { sms: true }, needs: { dietary: 'halal' } } });
    expect(fine).toMatchObject({ status: 200, body: { email: `guest.${run}@example.org`, phone: '+6281234567890' } });
  });

  it('never learns whose email is taken: only organisers see the other record', async () => {
    const party = await create('/parties', { name: `Clash party ${run}`, type: 'delegation' });
    const vip = await create('/people', { name: `VIP ${run}`, role: 'guest', email: `vip.taken.${run}@example.org` });
    const guest = await create('/people', { name: `Prober ${run}`, role: 'guest', partyId: party.id });
    const lo = await create('/people', { name: `Clash LO ${run}`, role: 'lo' });
    await create('/assignments', { loId: lo.id, partyId: party.id });

    const asGuest = await api(`/people/${guest.id}`, { method: 'PATCH', token: await tokenFor({ personId: guest.id }), body: { email: vip.email } });
    expect(asGuest.status).toBe(403);
    expect(JSON.stringify(asGuest.body)).not.toContain(vip.id);

    const asLo = await api(`/people/${guest.id}`, { method: 'PATCH', token: await tokenFor({ personId: lo.id }), body: { email: vip.email } });
    expect(asLo).toMatchObject({ status: 409, body: { clashes: [{ kind: 'duplicate', path: 'email' }] } });
    expect(asLo.body.clashes[0].refs).toBeUndefined();
    expect(JSON.stringify(asLo.body)).not.toContain(vip.id);

    const asOrganizer = await api(`/people/${guest.id}`, { method: 'PATCH', token: org, body: { email: vip.email } });
    expect(asOrganizer).toMatchObject({ status: 409, body: { clashes: [{ kind: 'duplicate', path: 'email', refs: [vip.id] }] } });
  });
});

describe('revoked staff lose access within a minute', () => {
  it('a deleted LO gets 401 once the caller check re-reads their record', async () => {
    const lo = await create('/people', { name: `Leaving LO ${run}`, role: 'lo' });
    const token = await tokenFor({ personId: lo.id });
    expect((await api('/people?limit=1', { token })).status).toBe(200);
    expect((await api(`/people/${lo.id}`, { method: 'DELETE', token: org })).status).toBe(204);
    await pastCallerCache();
    const res = await api('/people?limit=1', { token });
    expect(res).toMatchObject({ status: 401, body: { status: 401 } });
    expect((await api('/me', { token })).status).toBe(401);
  });

  it('an LO demoted to guest gets a guest’s rights: no more GET /people', async () => {
    const lo = await create('/people', { name: `Demoted LO ${run}`, role: 'lo', phone: '+6281100000001' });
    const token = await tokenFor({ personId: lo.id });
    expect((await api('/people?limit=1', { token })).status).toBe(200);
    const demoted = await api(`/people/${lo.id}`, { method: 'PATCH', token: org, body: { role: 'guest' } });
    expect(demoted).toMatchObject({ status: 200, body: { role: 'guest' } });
    await pastCallerCache();
    expect((await api('/people?limit=1', { token })).status).toBe(403);
    expect(await api('/me', { token })).toMatchObject({ status: 200, body: { role: 'guest', person: { id: lo.id } } });
  });
});

describe('an LO edits the guests and contacts assigned to them, never staff', () => {
  it('through a party assignment: its guest yes, an organiser or another LO in it no', async () => {
    const party = await create('/parties', { name: `Staffed party ${run}`, type: 'internal' });
    const guest = await create('/people', { name: `Party guest ${run}`, role: 'guest', partyId: party.id });
    const contact = await create('/people', { name: `Party contact ${run}`, role: 'contact', partyId: party.id });
    const organizer = await create('/people', { name: `Party organiser ${run}`, role: 'organizer', partyId: party.id, phone: '+6281100000002' });
    const otherLo = await create('/people', { name: `Party LO ${run}`, role: 'lo', partyId: party.id, phone: '+6281100000003' });
    const lo = await create('/people', { name: `Assigned LO ${run}`, role: 'lo' });
    await create('/assignments', { loId: lo.id, partyId: party.id });
    const token = await tokenFor({ personId: lo.id });

    expect((await api(`/people/${guest.id}`, { method: 'PATCH', token, body: { phone: '+6281100000004' } })).status).toBe(200);
    expect((await api(`/people/${contact.id}`, { method: 'PATCH', token, body: { phone: '+6281100000005' } })).status).toBe(200);
    for (const staff of [organizer, otherLo]) {
      const res = await api(`/people/${staff.id}`, { method: 'PATCH', token, body: { phone: '+6281199999999' } });
      expect(res.status).toBe(403);
      expect((await api(`/people/${staff.id}`, { token: org })).body.phone).toBe(staff.phone);
    }
  });
});

describe('idempotent creates', () => {
  it('replay a refusal (4xx) like a success, and create nothing', async () => {
    const externalId = `IDEM-${run}`;
    const first = await create('/people', { name: `Holder ${run}`, role: 'guest', externalId });
    const headers = { 'idempotency-key': `idem-4xx-${run}` };
    const body = { name: `Second ${run}`, role: 'guest', externalId };
    const refused = await api('/people', { method: 'POST', token: org, body, headers });
    expect(refused).toMatchObject({ status: 409, body: { clashes: [{ refs: [first.id] }] } });
    const again = await api('/people', { method: 'POST', token: org, body, headers });
    expect(again.status).toBe(409);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(refused.body);
  });
});

describe('hostile bodies', () => {
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  const deepObject = '{"a":'.repeat(40_000) + '1' + '}'.repeat(40_000); // 240 KB: under the 256 KB limit

  it.each([
    ['POST /people', 'POST', '/people', {}],
    ['POST /people with Idempotency-Key', 'POST', '/people', { 'idempotency-key': `deep-${run}` }],
    ['POST /people/import', 'POST', '/people/import', {}],
    ['PUT /event', 'PUT', '/event', {}],
    ['POST /assignments', 'POST', '/assignments', { 'idempotency-key': `deep-a-${run}` }],
  ])('deeply nested JSON on %s answers 4xx, never 500', async (_name, method, path, headers) => {
    for (const body of [deep, deepObject]) {
      const res = await api(path, { method, token: org, body, headers: { 'content-type': 'application/json', ...headers } });
      expect([400, 422]).toContain(res.status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
  });

  it('deeply nested JSON on PATCH answers 4xx', async () => {
    const p = await create('/people', { name: `Patched deep ${run}`, role: 'guest' });
    const res = await api(`/people/${p.id}`, { method: 'PATCH', token: org, body: deep, headers: { 'content-type': 'application/json' } });
    expect([400, 422]).toContain(res.status);
  });

  it('a body that is not valid UTF-8 answers 400', async () => {
    const bytes = Buffer.concat([Buffer.from(`{"name":"Bad ${run} `), Buffer.from([0xc3, 0x28, 0xa0, 0xff]), Buffer.from('","role":"guest"}')]);
    const res = await fetch(`${baseUrl()}/people`, { method: 'POST', headers: { authorization: `Bearer ${org}`, 'content-type': 'application/json' }, body: bytes });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: 400, errors: [{ path: '' }] });
    const found = await api(`/people?q=${encodeURIComponent(`Bad ${run}`)}`, { token: org });
    expect(found.body.items).toEqual([]);
  });
});
