// The retention purge over HTTP against the running local stack, with the movable clock. The runtime
// (and its table) is shared by every e2e file, and a purge goes through everyone in the table, so this
// file checks what cannot destroy the other files' data: the schedule is served and waits until
// endsAt + retentionDays, and POST /event/purge refuses before endsAt, without the event's name, and for
// LOs, writing nothing. The purge itself, its pages and every service's consumer are int-tested, each
// against a table of its own or with events it makes (services/*/test/purge*.int.test.ts).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, tokenFor } from '../support/e2e';

const run = randomBytes(3).toString('hex');
let org: string;
let profile: { name: string; endsAt: string; retentionDays: number };

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
  const current = await api('/event', { token: org });
  if (current.status === 404) {
    // No profile yet: one whose event ends far ahead (other files may read the profile).
    const put = await api('/event', { method: 'PUT', token: org, body: { name: `Retention summit ${run}`, timeZone: 'Asia/Jakarta', languages: ['id', 'en'], startsAt: '2030-03-01T00:00:00+07:00', endsAt: '2030-03-05T23:00:00+07:00', venues: [], quietHours: null } });
    expect(put.status).toBe(201);
    profile = put.body;
  } else profile = current.body;
});
afterAll(() => api('/_local/clock', { method: 'POST', body: { reset: true } }));

const at = (ms: number) => api('/_local/clock', { method: 'POST', body: { now: new Date(ms).toISOString() } });

describe('retention', () => {
  it('the schedule is served and purges nothing before endsAt + retentionDays', async () => {
    const party = await api('/parties', { method: 'POST', token: org, body: { name: `Delegasi Retensi ${run}`, type: 'delegation' } });
    const guest = await api('/people', { method: 'POST', token: org, body: { name: `Ayu Lestari ${run}`, role: 'guest', partyId: party.body.id, phone: '+6281277778888', needs: { dietary: 'vegan' } } });
    expect(guest.status).toBe(201);

    expect((await at(Date.parse(profile.endsAt) + profile.retentionDays * 86_400_000 - 3_600_000)).status).toBe(200);
    const ran = await api('/_local/schedules/retention-purge/run', { method: 'POST' });
    expect(ran.status).toBe(200);
    expect((await api(`/people/${guest.body.id}`, { token: org })).body).toMatchObject({ name: `Ayu Lestari ${run}`, phone: '+6281277778888', needs: { dietary: 'vegan' } });
  });

  it('POST /event/purge refuses before endsAt, without the event’s name, and for LOs, and writes nothing', async () => {
    const lo = await api('/people', { method: 'POST', token: org, body: { name: `Rudi LO ${run}`, role: 'lo' } });
    const loToken = await tokenFor({ personId: lo.body.id });
    const guest = await api('/people', { method: 'POST', token: org, body: { name: `Dewi Kartika ${run}`, role: 'guest', email: `dewi.${run}@example.org` } });

    expect((await at(Date.parse(profile.endsAt) - 60_000)).status).toBe(200);
    const early = await api('/event/purge', { method: 'POST', token: org, body: { confirm: profile.name } });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/has not ended/);

    expect((await at(Date.parse(profile.endsAt) + 60_000)).status).toBe(200);
    const wrong = await api('/event/purge', { method: 'POST', token: org, body: { confirm: `${profile.name} (not this one)` } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'confirm' })]);
    const missing = await api('/event/purge', { method: 'POST', token: org, body: {} });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'confirm' })]);
    const byLo = await api('/event/purge', { method: 'POST', token: loToken, body: { confirm: profile.name } });
    expect(byLo.status).toBe(403);

    expect((await api(`/people/${guest.body.id}`, { token: org })).body).toMatchObject({ name: `Dewi Kartika ${run}`, email: `dewi.${run}@example.org` });
  });
});
