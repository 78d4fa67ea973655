// API.md's Directory section, driven over HTTP against the running local stack, as a client app would.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { api, tokenFor } from '../support/e2e';

const run = randomBytes(3).toString('hex');
const ext = (s: string) => `${s}-${run}`;
let org: string;

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) => api(path, { method: 'POST', token: org, body, headers });

describe('the event profile', () => {
  it('is set with PUT, read with GET, and guarded by its version', async () => {
    const body = {
      name: 'KTT Jakarta 2027',
      timeZone: 'Asia/Jakarta',
      languages: ['id', 'en'],
      startsAt: '2027-03-01T08:00:00+07:00',
      endsAt: '2027-03-04T18:00:00+07:00',
      venues: [{ name: 'JCC', address: 'Jl. Gatot Subroto, Jakarta' }],
      quietHours: { start: '22:00', end: '06:00' },
    };
    const put = await api('/event', { method: 'PUT', token: org, body });
    expect([200, 201]).toContain(put.status);
    const etag = put.headers.get('etag');
    expect(etag).toBe(`"${put.body.version}"`);

    const got = await api('/event', { token: await tokenFor({ role: 'organizer' }) });
    expect(got).toMatchObject({ status: 200, body: { name: 'KTT Jakarta 2027', quietHours: { start: '22:00' } } });

    const again = await api('/event', { method: 'PUT', token: org, body: { ...body, name: 'KTT Jakarta 2027 (rev)' }, headers: { 'if-match': etag as string } });
    expect(again.status).toBe(200);
    const stale = await api('/event', { method: 'PUT', token: org, body, headers: { 'if-match': etag as string } });
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toBe('application/problem+json');
  });

  it('refuses an end before the start, naming the field', async () => {
    const res = await api('/event', {
      method: 'PUT',
      token: org,
      body: { name: 'X', timeZone: 'Asia/Jakarta', languages: ['id'], startsAt: '2027-03-04T08:00:00+07:00', endsAt: '2027-03-01T08:00:00+07:00' },
    });
    expect(res).toMatchObject({ status: 422, body: { errors: [{ path: 'endsAt' }] } });
  });
});

describe('parties', () => {
  it('are created, listed by type, changed with If-Match and removed when empty', async () => {
    const created = await post('/parties', { name: `Delegation of Japan ${run}`, type: 'delegation', country: 'JP', language: 'en', externalId: ext('DEL-JP') });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe(`/parties/${created.body.id}`);
    expect(created.body).toMatchObject({ protocolLevel: 'standard', version: 1 });

    const dup = await post('/parties', { name: 'Again', type: 'delegation', externalId: ext('DEL-JP') });
    expect(dup).toMatchObject({ status: 409, body: { clashes: [{ kind: 'duplicate', refs: [created.body.id] }] } });

    const ngos = await api('/parties?type=ngo&limit=200', { token: org });
    expect(ngos.body.items.every((p: { type: string }) => p.type === 'ngo')).toBe(true);

    const patched = await api(`/parties/${created.body.id}`, { method: 'PATCH', token: org, body: { protocolLevel: 'vip', notes: 'arrives by charter' }, headers: { 'if-match': '"1"' } });
    expect(patched).toMatchObject({ status: 200, body: { protocolLevel: 'vip', version: 2 } });
    const stale = await api(`/parties/${created.body.id}`, { method: 'PATCH', token: org, body: { notes: null }, headers: { 'if-match': '"1"' } });
    expect(stale.status).toBe(412);

    const del = await api(`/parties/${created.body.id}`, { method: 'DELETE', token: org });
    expect(del.status).toBe(204);
    expect((await api(`/parties/${created.body.id}`, { token: org })).status).toBe(404);
  });

  it('are not removed while people belong to them', async () => {
    const party = await post('/parties', { name: `NGO ${run}`, type: 'ngo' });
    await post('/people', { name: 'Member', role: 'guest', partyId: party.body.id });
    const del = await api(`/parties/${party.body.id}`, { method: 'DELETE', token: org });
    expect(del).toMatchObject({ status: 409, body: { clashes: [{ kind: 'has_members' }] } });
  });
});

describe('people', () => {
  let partyId: string;
  beforeAll(async () => {
    partyId = (await post('/parties', { name: `Delegation of Brazil ${run}`, type: 'delegation', language: 'en', externalId: ext('DEL-BR') })).body.id;
  });

  it('are validated field by field, and a refused write leaves nothing behind', async () => {
    const name = `Nobody ${run}`;
    const res = await post('/people', { name, role: 'guest', phone: '0812', email: 'not-an-email', language: 'fr', arrival: { at: 'tomorrow' } });
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['arrival.at', 'email', 'language', 'phone']);
    const found = await api(`/people?q=${encodeURIComponent(name)}`, { token: org });
    expect(found.body.items).toEqual([]);
  });

  it('answer 400 to malformed JSON, 415 to other types and 413 over 256 KB', async () => {
    expect((await api('/people', { method: 'POST', token: org, body: '{"name":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await api('/people', { method: 'POST', token: org, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    const big = await post('/people', { name: 'Big', role: 'guest', needs: { notes: 'x'.repeat(300 * 1024) } });
    expect(big.status).toBe(413);
  });

  it('are created with defaults, kept unique by email and externalId, and found by name', async () => {
    const joao = await post('/people', {
      name: `João Silva ${run}`,
      role: 'guest',
      partyId,
      phone: '+55 11 91234-5678',
      email: `Joao.${run}@Example.BR`,
      externalId: ext('BR-01'),
      arrival: { at: '2027-02-28T14:30+07:00', flight: 'EK 356', airport: 'CGK' },
    });
    expect(joao.status).toBe(201);
    expect(joao.body).toMatchObject({ language: 'en', phone: '+5511912345678', email: `joao.${run}@example.br`, consent: { sms: false, email: false } });
    expect(joao.body.arrival.at).toBe('2027-02-28T14:30:00+07:00');

    const sameEmail = await post('/people', { name: 'Other', role: 'guest', email: `JOAO.${run}@example.br` });
    expect(sameEmail).toMatchObject({ status: 409, body: { clashes: [{ path: 'email', refs: [joao.body.id] }] } });

    const byName = await api(`/people?q=jo%C3%A3o&partyId=${partyId}`, { token: org });
    expect(byName.body.items.map((p: { id: string }) => p.id)).toEqual([joao.body.id]);
    const accentless = await api(`/people?q=joao&partyId=${partyId}&role=guest`, { token: org });
    expect(accentless.body.items).toHaveLength(1);
  });

  it('page through a list without gaps or repeats, and refuse a tampered cursor', async () => {
    for (let i = 0; i < 5; i++) await post('/people', { name: `Pager ${i} ${run}`, role: 'guest', partyId });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await api(`/people?partyId=${partyId}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: org });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = await api(`/people?partyId=${partyId}&limit=200`, { token: org });
    expect(seen.sort()).toEqual(all.body.items.map((p: { id: string }) => p.id).sort());

    const first = await api(`/people?partyId=${partyId}&limit=1`, { token: org });
    const tampered = first.body.nextCursor.slice(0, -3) + 'AAA';
    expect((await api(`/people?partyId=${partyId}&limit=1&cursor=${tampered}`, { token: org })).status).toBe(400);
    const elsewhere = await api(`/people?role=lo&limit=1&cursor=${first.body.nextCursor}`, { token: org });
    expect(elsewhere.status).toBe(400);
  });

  it('are changed by merge patch, answer 304 to a current If-None-Match, and 412 to a stale If-Match', async () => {
    const p = await post('/people', { name: `Ana Costa ${run}`, role: 'guest', partyId, needs: { dietary: 'vegetarian' } });
    const patched = await api(`/people/${p.body.id}`, { method: 'PATCH', token: org, body: { needs: { accessibility: 'wheelchair' }, title: 'Minister' }, headers: { 'if-match': '"1"' } });
    expect(patched).toMatchObject({ status: 200, body: { version: 2, title: 'Minister', needs: { dietary: 'vegetarian', accessibility: 'wheelchair' } } });
    expect((await api(`/people/${p.body.id}`, { token: org, headers: { 'if-none-match': '"2"' } })).status).toBe(304);
    expect((await api(`/people/${p.body.id}`, { method: 'PATCH', token: org, body: { title: null }, headers: { 'if-match': '"1"' } })).status).toBe(412);
    expect((await api(`/people/${p.body.id}`, { method: 'DELETE', token: org, headers: { 'if-match': '"2"' } })).status).toBe(204);
    expect((await api(`/people/${p.body.id}`, { token: org })).status).toBe(404);
  });
});

describe('Idempotency-Key', () => {
  it('replays the first answer, creates once, and refuses the key with another body', async () => {
    const key = `key-${run}`;
    const body = { name: `Vendor ${run}`, type: 'vendor' };
    const first = await post('/parties', body, { 'idempotency-key': key });
    // The same request serialised another way (key order) is still the same request.
    const second = await post('/parties', { type: body.type, name: body.name }, { 'idempotency-key': key });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    const other = await post('/parties', { ...body, name: 'Another' }, { 'idempotency-key': key });
    expect(other).toMatchObject({ status: 422, body: { errors: [{ path: 'Idempotency-Key' }] } });
  });

  it('creates once when retries race', async () => {
    const key = `race-${run}`;
    const name = `Racer ${run}`;
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('/people', { name, role: 'guest' }, { 'idempotency-key': key })));
    const created = answers.filter((a) => a.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    expect(new Set(created.map((a) => a.body.id)).size).toBe(1);
    expect(answers.every((a) => a.status === 201 || a.status === 409)).toBe(true);
    const found = await api(`/people?q=${encodeURIComponent(name)}`, { token: org });
    expect(found.body.items).toHaveLength(1);
  });
});

describe('import', () => {
  let partyExternalId: string;
  beforeAll(async () => {
    partyExternalId = ext('DEL-DE');
    await post('/parties', { name: `Delegation of Germany ${run}`, type: 'delegation', language: 'en', externalId: partyExternalId });
  });

  it('lands good CSV rows, reports bad ones by row and field, and creates nothing on a second run', async () => {
    const csv = [
      'externalId,name,role,partyExternalId,email,phone,consent.sms,arrival.at,arrival.flight',
      `${ext('DE-1')},Lukas Müller,guest,${partyExternalId},lukas.${run}@de.example,+49 151 2345 6789,ya,2027-02-28T16:30:00+07:00,LH 782`,
      `${ext('DE-2')},"Schmidt, Anna",guest,${partyExternalId},anna.${run}@de.example,+4915123456780,no,,`,
      `${ext('DE-3')},Felix,guest,${partyExternalId},not-an-email,,,,`,
      `,No Key,guest,,,,,,`,
      `${ext('DE-5')},Lea,guest,NO-SUCH-PARTY-${run},,,,,`,
    ].join('\r\n');
    const first = await api('/people/import', { method: 'POST', token: org, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 2, updated: 0, failed: 3 });
    expect(first.body.errors).toEqual([
      { row: 3, path: 'email', message: expect.any(String) },
      { row: 4, path: 'externalId', message: expect.any(String) },
      { row: 5, path: 'partyExternalId', message: expect.any(String) },
    ]);
    const second = await api('/people/import', { method: 'POST', token: org, body: csv, headers: { 'content-type': 'text/csv' } });
    expect(second.body).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 3 });

    const anna = await api(`/people?q=${encodeURIComponent(`anna.${run}`)}`, { token: org });
    expect(anna.body.items[0]).toMatchObject({ name: 'Schmidt, Anna', language: 'en', phone: '+4915123456780' });
  });

  it('updates known rows from JSON, keyed by email when there is no externalId', async () => {
    const email = `walk.in.${run}@example.org`;
    expect((await post('/people/import', [{ name: 'Walk In', role: 'guest', email }])).body.created).toBe(1);
    const again = await post('/people/import', [{ name: 'Walk In', role: 'guest', email, needs: { dietary: 'halal' } }]);
    expect(again.body).toMatchObject({ created: 0, updated: 1 });
  });

  it('refuses an unknown CSV column before touching any row', async () => {
    const res = await api('/people/import', { method: 'POST', token: org, body: 'name,role,nmae\nA,guest,x\n', headers: { 'content-type': 'text/csv' } });
    expect(res).toMatchObject({ status: 422, body: { errors: [{ path: 'columns.3' }] } });
  });
});

describe('assignments and /me', () => {
  it('assign an LO within maxParties, show up on /me for both sides, and end', async () => {
    const party = await post('/parties', { name: `Delegation of Australia ${run}`, type: 'delegation' });
    const other = await post('/parties', { name: `Delegation of Saudi Arabia ${run}`, type: 'delegation' });
    const guest = await post('/people', { name: `Olivia Brown ${run}`, role: 'guest', partyId: party.body.id });
    const lo = await post('/people', { name: `Andi Pratama ${run}`, role: 'lo', phone: '+6281298765432', languages: ['id', 'en'] });

    const a = await post('/assignments', { loId: lo.body.id, partyId: party.body.id, from: '2027-02-28T00:00:00+07:00', to: '2027-03-05T00:00:00+07:00' });
    expect(a.status).toBe(201);
    const full = await post('/assignments', { loId: lo.body.id, partyId: other.body.id, from: '2027-03-01T00:00:00+07:00', to: '2027-03-02T00:00:00+07:00' });
    expect(full).toMatchObject({ status: 409, body: { clashes: [{ kind: 'lo_fully_booked', refs: [a.body.id] }] } });
    const later = await post('/assignments', { loId: lo.body.id, partyId: other.body.id, from: '2027-03-05T00:00:00+07:00' });
    expect(later.status).toBe(201);

    const listed = await api(`/assignments?loId=${lo.body.id}`, { token: org });
    expect(listed.body.items.map((x: { id: string }) => x.id).sort()).toEqual([a.body.id, later.body.id].sort());

    const guestMe = await api('/me', { token: await tokenFor({ personId: guest.body.id }) });
    expect(guestMe).toMatchObject({ status: 200, body: { role: 'guest', person: { id: guest.body.id }, los: [{ id: lo.body.id, phone: '+6281298765432' }] } });
    const loMe = await api('/me', { token: await tokenFor({ personId: lo.body.id }) });
    expect(loMe.body.assigned.parties.map((p: { id: string }) => p.id).sort()).toEqual([party.body.id, other.body.id].sort());

    expect((await api(`/assignments/${a.body.id}`, { method: 'DELETE', token: org })).status).toBe(204);
    expect((await api(`/assignments/${a.body.id}`, { method: 'DELETE', token: org })).status).toBe(404);
  });

  it('refuses an assignment to someone who is not an LO, naming the field', async () => {
    const guest = await post('/people', { name: `Not LO ${run}`, role: 'guest' });
    const party = await post('/parties', { name: `P ${run}`, type: 'media' });
    expect(await post('/assignments', { loId: guest.body.id, partyId: party.body.id })).toMatchObject({ status: 422, body: { errors: [{ path: 'loId' }] } });
    expect(await post('/assignments', { loId: guest.body.id })).toMatchObject({ status: 422 });
  });
});
