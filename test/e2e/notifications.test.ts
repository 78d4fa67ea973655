// API.md's Notifications section over HTTP against the running local stack: a broadcast accepted at
// once, fanned out and sent (its counts converge, the SMS land in the emulator's outbox in each guest's
// language), the delivery log masked and scoped, templates checked (422 naming the variable), and a
// dry run's figures, sending nothing.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { api, tokenFor, waitFor } from '../support/e2e';

const run = randomBytes(3).toString('hex');
const digits = String(parseInt(run, 16) % 100_000).padStart(5, '0');
let org: string;
let n = 0;
const phone = () => `+6281${digits}${String(n++).padStart(4, '0')}`;

type Outboxed = { channel: string; to: string; subject?: string; body: string; at: string };

async function created(res: { status: number; body: any }): Promise<any> {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const post = (path: string, body: unknown, token = org) => api(path, { method: 'POST', token, body });

/** A party with guests (each with a phone of this run, consenting to SMS, in the language given). */
async function delegation(languages: ('id' | 'en')[], extra: Record<string, unknown>[] = []) {
  const party = await created(await post('/parties', { name: `Delegasi ${run} ${n}`, type: 'delegation' }));
  const guests = [];
  for (const [i, language] of languages.entries()) {
    guests.push(await created(await post('/people', { name: `Tamu ${run} ${n} ${i}`, role: 'guest', partyId: party.id, phone: phone(), language, consent: { sms: true, email: false }, ...extra[i] })));
  }
  return { party, guests };
}

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
});

describe('a broadcast', () => {
  it('is accepted at once, reaches every guest by SMS in their language, and its counts converge', async () => {
    const { party, guests } = await delegation(['id', 'en', 'id'], [{}, {}, { phone: undefined }]);
    const message = { id: `Bus ke JCC berangkat 14.00 (${run})`, en: `Bus to JCC leaves at 14:00 (${run})` };
    const res = await post('/broadcasts', { audience: { partyIds: [party.id] }, message, channels: ['sms'], priority: 'urgent' });
    expect(res.status).toBe(202);
    const id = res.body.broadcastId as string;
    expect(res.headers.get('location')).toBe(`/broadcasts/${id}`);

    const done = await waitFor(
      async () => {
        const b = await api(`/broadcasts/${id}`, { token: org });
        return b.body.status === 'done' ? b.body : false;
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(done.counts).toEqual({ targeted: 3, sent: 2, failed: 0, skipped: 1, deferred: 0 });
    expect(done.recipients).toBe(3);

    const outbox = await waitFor(async () => {
      const sms = (await api<Outboxed[]>('/_local/outbox')).body.filter((m) => m.channel === 'sms' && m.body.includes(run));
      return sms.length >= 2 ? sms : false;
    });
    expect(outbox.map((m) => [m.to, m.body]).sort()).toEqual(
      [
        [guests[0].phone, message.id],
        [guests[1].phone, message.en],
      ].sort(),
    );

    // The guest's own log: masked, sent; the guest without a phone: skipped with the reason.
    const guest = await tokenFor({ personId: guests[0].id });
    const own = await api(`/notifications`, { token: guest });
    expect(own.status).toBe(200);
    const entry = own.body.items.find((d: { broadcastId: string }) => d.broadcastId === id);
    expect(entry).toMatchObject({ personId: guests[0].id, channel: 'sms', status: 'sent', language: 'id', reason: null });
    expect(entry.to).not.toBe(guests[0].phone);
    const national = (guests[0].phone as string).slice(3);
    expect(entry.to).toBe(`+62${national.slice(0, 3)}${'•'.repeat(national.length - 6)}${national.slice(-3)}`);
    expect(JSON.stringify(own.body)).not.toContain(guests[0].phone);
    const skipped = await api(`/notifications?personId=${guests[2].id}`, { token: org });
    expect(skipped.body.items.find((d: { broadcastId: string }) => d.broadcastId === id)).toMatchObject({ status: 'skipped', reason: 'no phone', to: null });
    expect((await api(`/notifications?personId=${guests[1].id}`, { token: guest })).status).toBe(403);
  });

  it('answers a dry run with what would be sent, and sends nothing', async () => {
    const { party, guests } = await delegation(['id', 'id', 'en'], [{}, { consent: { sms: false, email: false } }, {}]);
    const message = { id: `${'Harap tetap di hotel. '.repeat(8)}${run}`, en: `Please stay at your hotel ${run}` };
    const before = (await api<Outboxed[]>('/_local/outbox')).body.filter((m) => m.body.includes(run)).length;
    const res = await post('/broadcasts', { audience: { partyIds: [party.id] }, message, channels: ['sms', 'email'], priority: 'normal', dryRun: true });
    expect(res.status).toBe(200);
    // 176 GSM characters + the run tag: two segments in Indonesian, one in English.
    expect(res.body).toEqual({
      recipients: 3,
      deliveries: { sms: 2, email: 0 },
      smsSegments: { total: 3, byLanguage: { id: 2, en: 1 } },
      skipped: expect.arrayContaining([
        { personId: guests[1].id, channel: 'sms', reason: 'no consent for sms' },
        { personId: guests[0].id, channel: 'email', reason: 'no email' },
      ]),
    });
    expect(res.body.skipped).toHaveLength(4);
    expect((await api<Outboxed[]>('/_local/outbox')).body.filter((m) => m.body.includes(run)).length).toBe(before);
  });
});

describe('templates', () => {
  it('refuses an automatic template that uses a variable its event does not carry, naming it', async () => {
    const res = await api('/templates/trip.changed', { method: 'PUT', token: org, body: { en: { body: 'Your trip moved to {{time}}, bring {{umbrella}}' } } });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'en.body', message: expect.stringContaining('{{umbrella}}') }]);
  });

  it('lists the built-in defaults with their variables, and a stored broadcast template checks its vars when sent', async () => {
    const list = await api('/templates?limit=200', { token: org });
    expect(list.status).toBe(200);
    expect(list.body.items.find((t: { key: string }) => t.key === 'trip.changed')).toMatchObject({ automatic: true, variables: expect.arrayContaining(['time']) });

    const key = `gala_${run}`;
    const put = await api(`/templates/${key}`, { method: 'PUT', token: org, headers: { 'if-match': '"0"' }, body: { id: { body: 'Makan malam di {{venue}} pukul {{time}}' }, en: { body: 'Gala dinner at {{venue}} at {{time}}' } } });
    expect(put.status).toBe(200);
    expect(put.headers.get('etag')).toBe('"1"');
    expect(put.body).toMatchObject({ key, automatic: false, variables: ['venue', 'time'], version: 1 });
    const stale = await api(`/templates/${key}`, { method: 'PUT', token: org, headers: { 'if-match': '"0"' }, body: { en: { body: 'Gala at {{venue}}' } } });
    expect(stale.status).toBe(412);

    const { party } = await delegation(['en']);
    const missing = await post('/broadcasts', { audience: { partyIds: [party.id] }, templateKey: key, vars: { venue: 'Hotel Mulia' }, channels: ['sms'] });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: 'vars.time', message: expect.stringContaining('{{time}}') }]);
  });
});
