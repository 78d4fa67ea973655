// Broadcasts against the emulators: POST /broadcasts accepts at once and queues the fan-out; the fan-out
// walks the audience page by page, resumes where a crash left it and never loses anyone; the sends
// path's counts converge to targeted = sent + failed + skipped + deferred; LOs address only their own
// parties and people; a dry run's figures match what sending does; the delivery log is masked and
// scoped to who may read it.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { scanTable, useOwnTable } from '../../../test/support/int';

// A table of its own: `{ all: true }` means everyone in the table.
useOwnTable();

let h = {} as typeof import('./invoke');
let fanoutModule = {} as typeof import('../src/workers/fanout');
let deliverModule = {} as typeof import('../src/send/deliver');
let broadcasts = {} as typeof import('../src/store/broadcasts');
let projection = {} as typeof import('../src/store/projection');
let fixtures = {} as typeof import('./automatic-events');
let table: string;

beforeAll(async () => {
  table = process.env.LIAISON_TABLE_NAME as string;
  h = await import('./invoke');
  fanoutModule = await import('../src/workers/fanout');
  deliverModule = await import('../src/send/deliver');
  broadcasts = await import('../src/store/broadcasts');
  projection = await import('../src/store/projection');
  fixtures = await import('./automatic-events');
  await h.profile(null);
});

type Chunk = { kind: 'broadcast'; broadcastId: string; personIds: string[] };

/** A fan-out's sender that keeps what it was given; `failAt`: the send (1-based) that throws, as a crash would. */
function recorder(failAt?: number) {
  const chunks: Chunk[] = [];
  const handovers: unknown[] = [];
  let sends = 0;
  return {
    chunks,
    handovers,
    send: async (queue: 'sends' | 'fanout', messages: readonly unknown[]) => {
      sends += 1;
      if (sends === failAt) throw new Error('the process died');
      if (queue === 'sends') chunks.push(...(messages as Chunk[]));
      else handovers.push(...messages);
    },
  };
}

async function post(body: Record<string, unknown>, claims = h.organizer) {
  return h.call({ method: 'POST', url: '/broadcasts', body, claims });
}

async function accepted(body: Record<string, unknown>, claims = h.organizer): Promise<string> {
  const res = await post(body, claims);
  if (res.status !== 202) throw new Error(`POST /broadcasts: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.broadcastId as string;
}

describe('POST /broadcasts', () => {
  it('answers 202 with the broadcast id at once and stores it queued, counts all zero', async () => {
    const d = await h.delegation(2);
    const res = await post(h.broadcastBody({ audience: { partyIds: [d.partyId] } }));
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/broadcasts/${res.body.broadcastId}`);
    const got = await h.call({ method: 'GET', url: res.headers.location!, claims: h.organizer });
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: res.body.broadcastId, status: 'queued', counts: { targeted: 0, sent: 0, failed: 0, skipped: 0, deferred: 0 }, channels: ['sms'], priority: 'urgent', recipients: null });
  });

  it('replays the first answer for the same Idempotency-Key and creates nothing new', async () => {
    const d = await h.delegation(1);
    const body = h.broadcastBody({ audience: { partyIds: [d.partyId] } });
    const headers = { 'idempotency-key': `k-${d.partyId}` };
    const first = await h.call({ method: 'POST', url: '/broadcasts', body, claims: h.organizer, headers });
    const again = await h.call({ method: 'POST', url: '/broadcasts', body, claims: h.organizer, headers });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.body.broadcastId).toBe(first.body.broadcastId);
  });

  it('refuses an unknown party, person or trip with 422 naming each', async () => {
    const known = await h.person();
    const parties = await post(h.broadcastBody({ audience: { partyIds: ['pty_nowhere'] } }));
    expect(parties.status).toBe(422);
    expect(parties.body.errors).toEqual([{ path: 'audience.partyIds.0', message: expect.stringContaining('pty_nowhere') }]);
    const people = await post(h.broadcastBody({ audience: { personIds: [known.id, 'per_nobody'] } }));
    expect(people.status).toBe(422);
    expect(people.body.errors).toEqual([{ path: 'audience.personIds.1', message: expect.stringContaining('per_nobody') }]);
    const trip = await post(h.broadcastBody({ audience: { tripId: 'trp_nowhere' } }));
    expect(trip.status).toBe(422);
    expect(trip.body.errors[0].path).toBe('audience.tripId');
  });

  it('refuses a body with both a message and a template, or neither, naming the field', async () => {
    const both = await post(h.broadcastBody({ audience: { all: true }, templateKey: 'welcome' }));
    expect(both.status).toBe(422);
    expect(both.body.errors.map((e: { path: string }) => e.path)).toContain('templateKey');
    const neither = await post({ audience: { all: true }, channels: ['sms'] });
    expect(neither.status).toBe(422);
    expect(neither.body.errors.map((e: { path: string }) => e.path)).toContain('message');
  });
});

describe('broadcast templates', () => {
  it('names each variable the template uses that vars do not give (422), and accepts it once they are all there', async () => {
    const put = await h.call({
      method: 'PUT',
      url: '/templates/shuttle_change',
      claims: h.organizer,
      body: { id: { body: 'Shuttle ke {{venue}} berangkat {{time}}.' }, en: { subject: 'Shuttle to {{venue}}', body: 'Shuttle to {{venue}} leaves at {{time}}.' } },
    });
    expect(put.status).toBe(200);
    const d = await h.delegation(1);
    const missing = await post({ audience: { partyIds: [d.partyId] }, templateKey: 'shuttle_change', vars: { venue: 'JCC' }, channels: ['sms'] });
    expect(missing.status).toBe(422);
    expect(missing.body.errors).toEqual([{ path: 'vars.time', message: expect.stringContaining('{{time}}') }]);
    const ok = await post({ audience: { partyIds: [d.partyId] }, templateKey: 'shuttle_change', vars: { venue: 'JCC', time: '14.00' }, channels: ['sms'] });
    expect(ok.status).toBe(202);
  });

  it('refuses an unknown template key and an automatic message\'s key', async () => {
    const d = await h.delegation(1);
    const unknown = await post({ audience: { partyIds: [d.partyId] }, templateKey: 'no_such_template', vars: {}, channels: ['sms'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].path).toBe('templateKey');
    const automatic = await post({ audience: { partyIds: [d.partyId] }, templateKey: 'trip.changed', vars: {}, channels: ['sms'] });
    expect(automatic.status).toBe(422);
    expect(automatic.body.errors[0].path).toBe('templateKey');
  });
});

describe('LO audiences', () => {
  let mine: Awaited<ReturnType<typeof h.delegation>>;
  let other: Awaited<ReturnType<typeof h.delegation>>;
  let direct: string;

  beforeAll(async () => {
    mine = await h.delegation(2);
    other = await h.delegation(1);
    direct = (await h.person()).id;
    await h.assign(mine.lo, { personId: direct });
  });

  it('lets an LO address their parties and the people assigned to them (directly or through the party)', async () => {
    expect((await post(h.broadcastBody({ audience: { partyIds: [mine.partyId] } }), mine.loClaims)).status).toBe(202);
    expect((await post(h.broadcastBody({ audience: { personIds: [direct, mine.guests[0]] }, priority: 'emergency' }), mine.loClaims)).status).toBe(202);
  });

  it.each([
    ['everyone', () => ({ all: true })],
    ['a role', () => ({ roles: ['guest'] })],
    ['a hotel', () => ({ hotel: 'Hotel Mulia' })],
    ['a party not theirs', () => ({ partyIds: [mine.partyId, other.partyId] })],
    ['a person not theirs', () => ({ personIds: [mine.guests[0], other.guests[0]] })],
  ])('refuses an LO addressing %s (403)', async (_what, audience) => {
    const res = await post(h.broadcastBody({ audience: audience() }), mine.loClaims);
    expect(res.status).toBe(403);
  });

  it('lets an LO address a trip only when every passenger is theirs', async () => {
    const theirs = fixtures.trip({ passengerIds: [mine.guests[0]!, direct] });
    const mixed = fixtures.trip({ passengerIds: [mine.guests[1]!, other.guests[0]!] });
    await projection.applyTrip(table, theirs, null, 60);
    await projection.applyTrip(table, mixed, null, 60);
    expect((await post(h.broadcastBody({ audience: { tripId: theirs.id } }), mine.loClaims)).status).toBe(202);
    expect((await post(h.broadcastBody({ audience: { tripId: mixed.id } }), mine.loClaims)).status).toBe(403);
  });

  it('refuses guests (403)', async () => {
    const res = await post(h.broadcastBody({ audience: { personIds: [mine.guests[0]] } }), h.claimsFor('guest', mine.guests[0]));
    expect(res.status).toBe(403);
  });

  it('shows a broadcast to organisers and the LO who sent it; to any other LO it does not exist (404)', async () => {
    const id = await accepted(h.broadcastBody({ audience: { partyIds: [mine.partyId] } }), mine.loClaims);
    expect((await h.call({ method: 'GET', url: `/broadcasts/${id}`, claims: mine.loClaims })).status).toBe(200);
    expect((await h.call({ method: 'GET', url: `/broadcasts/${id}`, claims: h.organizer })).status).toBe(200);
    expect((await h.call({ method: 'GET', url: `/broadcasts/${id}`, claims: other.loClaims })).status).toBe(404);
  });
});

describe('fan-out', () => {
  it('resumes after a crash mid-way: everyone is sent, in chunks of at most 50, none left out', async () => {
    const partyId = await h.party();
    const people = await Promise.all(Array.from({ length: 130 }, () => h.person({ partyId })));
    const id = await accepted(h.broadcastBody({ audience: { partyIds: [partyId] } }));
    const crashing = recorder(2);
    await expect(fanoutModule.fanOut(id, { tableName: table, send: crashing.send, outOfTime: () => false, pageSize: 50 })).rejects.toThrow('the process died');
    expect((await broadcasts.getBroadcast(table, id, true))?.status).toBe('fanning_out');

    const again = recorder();
    expect(await fanoutModule.fanOut(id, { tableName: table, send: again.send, outOfTime: () => false, pageSize: 50 })).toBe('done');
    const sent = [...crashing.chunks, ...again.chunks];
    expect(sent.every((c) => c.personIds.length <= 50 && c.broadcastId === id)).toBe(true);
    expect(new Set(sent.flatMap((c) => c.personIds))).toEqual(new Set(people.map((p) => p.id)));
    // The crashed page is the only one sent again: nobody after it, nobody twice but for it.
    expect(again.chunks[0]?.personIds).not.toEqual(crashing.chunks[0]?.personIds);
    const b = await broadcasts.getBroadcast(table, id, true);
    expect(b).toMatchObject({ status: 'sending', recipients: 130 });
    expect(await fanoutModule.fanOut(id, { tableName: table, send: recorder().send, outOfTime: () => false })).toBe('nothing to do');
  });

  it('hands itself over to a fresh message when short of time, and the next run goes on from there', async () => {
    const partyA = await h.party();
    const partyB = await h.party();
    const a = await Promise.all(Array.from({ length: 3 }, () => h.person({ partyId: partyA })));
    const b = await Promise.all(Array.from({ length: 4 }, () => h.person({ partyId: partyB })));
    const id = await accepted(h.broadcastBody({ audience: { partyIds: [partyA, partyB] } }));
    const first = recorder();
    expect(await fanoutModule.fanOut(id, { tableName: table, send: first.send, outOfTime: () => true, pageSize: 2 })).toBe('handed over');
    expect(first.handovers).toEqual([{ broadcastId: id }]);
    const rest = recorder();
    expect(await fanoutModule.fanOut(id, { tableName: table, send: rest.send, outOfTime: () => false, pageSize: 2 })).toBe('done');
    const all = [...first.chunks, ...rest.chunks].flatMap((c) => c.personIds);
    expect(all.sort()).toEqual([...a, ...b].map((p) => p.id).sort());
  });

  it('stops when another worker moved the fan-out on since it read it', async () => {
    const d = await h.delegation(1);
    const id = await accepted(h.broadcastBody({ audience: { partyIds: [d.partyId] } }));
    const b = (await broadcasts.getBroadcast(table, id, true))!;
    expect(await broadcasts.saveFanout(table, id, b.version, { status: 'fanning_out', fanout: b.fanout, at: '2027-01-01T00:00:00.000Z' })).toBe(true);
    expect(await broadcasts.saveFanout(table, id, b.version, { status: 'fanning_out', fanout: b.fanout, at: '2027-01-01T00:00:00.000Z' })).toBe(false);
  });
});

describe('counts', () => {
  it('converge to targeted = sent + failed + skipped + deferred, and a chunk delivered twice changes nothing', async () => {
    const partyId = await h.party();
    const reachable = await Promise.all(Array.from({ length: 5 }, () => h.person({ partyId })));
    const noConsent = await h.person({ partyId, consent: { sms: false, email: true } });
    const noPhone = await h.person({ partyId, phone: null });
    const id = await accepted(h.broadcastBody({ audience: { partyIds: [partyId] }, channels: ['sms', 'email'], priority: 'normal' }));
    const rec = recorder();
    expect(await fanoutModule.fanOut(id, { tableName: table, send: rec.send, outOfTime: () => false, pageSize: 3 })).toBe('done');
    const before = await h.call({ method: 'GET', url: `/broadcasts/${id}`, claims: h.organizer });
    expect(before.body.status).toBe('sending');

    for (const c of rec.chunks) await deliverModule.sendBroadcastChunk(id, c.personIds, { tableName: table });
    const done = await h.call({ method: 'GET', url: `/broadcasts/${id}`, claims: h.organizer });
    expect(done.body.status).toBe('done');
    expect(done.body.counts).toEqual({ targeted: 14, sent: 12, failed: 0, skipped: 2, deferred: 0 });
    expect(done.body.recipients).toBe(7);

    for (const c of rec.chunks) await deliverModule.sendBroadcastChunk(id, c.personIds, { tableName: table });
    expect((await h.call({ method: 'GET', url: `/broadcasts/${id}`, claims: h.organizer })).body.counts).toEqual(done.body.counts);

    // The log: masked, the reason for each skip, each person's own.
    const log = await h.call({ method: 'GET', url: `/notifications?personId=${noPhone.id}`, claims: h.organizer });
    expect(log.status).toBe(200);
    expect(log.body.items.map((d: { channel: string; status: string; reason: string | null }) => [d.channel, d.status, d.reason]).sort()).toEqual([
      ['email', 'sent', null],
      ['sms', 'skipped', 'no phone'],
    ]);
    const sms = await h.call({ method: 'GET', url: `/notifications?personId=${reachable[0]!.id}&status=sent`, claims: h.organizer });
    const smsTo = sms.body.items.find((d: { channel: string }) => d.channel === 'sms').to as string;
    expect(smsTo).toContain('•');
    expect(smsTo).not.toBe(reachable[0]!.phone);
    expect(smsTo.slice(-3)).toBe(reachable[0]!.phone!.slice(-3));
    const email = sms.body.items.find((d: { channel: string }) => d.channel === 'email').to as string;
    expect(email).toMatch(/^n•••@example\.org$/);
    expect(JSON.stringify([log.body, sms.body])).not.toContain(reachable[0]!.phone!);
    expect(noConsent.id).toBeTruthy();
  });
});

describe('GET /notifications access', () => {
  let d: Awaited<ReturnType<typeof h.delegation>>;
  let stranger: string;

  beforeAll(async () => {
    d = await h.delegation(2);
    stranger = (await h.person()).id;
    const id = await accepted(h.broadcastBody({ audience: { personIds: [...d.guests, stranger] }, channels: ['sms'] }));
    await deliverModule.sendBroadcastChunk(id, [...d.guests, stranger], { tableName: table });
  });

  it('gives a guest their own deliveries only, and refuses another person\'s (403)', async () => {
    const guest = h.claimsFor('guest', d.guests[0]);
    const own = await h.call({ method: 'GET', url: '/notifications', claims: guest });
    expect(own.status).toBe(200);
    expect(own.body.items.length).toBeGreaterThan(0);
    expect(own.body.items.every((x: { personId: string }) => x.personId === d.guests[0])).toBe(true);
    expect((await h.call({ method: 'GET', url: `/notifications?personId=${d.guests[1]}`, claims: guest })).status).toBe(403);
  });

  it('gives an LO the deliveries of the people assigned to them, and refuses others\' (403)', async () => {
    const theirs = await h.call({ method: 'GET', url: `/notifications?personId=${d.guests[1]}`, claims: d.loClaims });
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.every((x: { personId: string }) => x.personId === d.guests[1])).toBe(true);
    expect(theirs.body.items.length).toBeGreaterThan(0);
    expect((await h.call({ method: 'GET', url: `/notifications?personId=${stranger}`, claims: d.loClaims })).status).toBe(403);
  });

  it('gives organisers everything, newest first, filtered by status', async () => {
    const sent = await h.call({ method: 'GET', url: '/notifications?status=sent&limit=200', claims: h.organizer });
    expect(sent.status).toBe(200);
    expect(sent.body.items.every((x: { status: string }) => x.status === 'sent')).toBe(true);
    expect(sent.body.items.map((x: { personId: string }) => x.personId)).toEqual(expect.arrayContaining([...d.guests, stranger]));
    const all = await h.call({ method: 'GET', url: '/notifications?limit=5', claims: h.organizer });
    const times = all.body.items.map((x: { createdAt: string }) => x.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
  });
});

describe('dry run', () => {
  it('counts recipients, deliveries per channel, SMS segments per language and who is skipped why, sending nothing', async () => {
    const partyId = await h.party();
    const id2 = await Promise.all(Array.from({ length: 3 }, () => h.person({ partyId, language: 'id' })));
    const en = await Promise.all(Array.from({ length: 2 }, () => h.person({ partyId, language: 'en' })));
    const noPhone = await h.person({ partyId, phone: null, language: 'en' });
    const noSmsConsent = await h.person({ partyId, consent: { sms: false, email: true }, language: 'id' });
    // 161 GSM characters: two segments; the English text fits in one.
    const message = { id: 'A'.repeat(161), en: 'Shuttles resume at 14:00.' };
    const res = await post({ audience: { partyIds: [partyId] }, message, channels: ['sms', 'email'], priority: 'normal', dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.recipients).toBe(7);
    expect(res.body.deliveries).toEqual({ sms: 5, email: 7 });
    expect(res.body.smsSegments).toEqual({ total: 3 * 2 + 2 * 1, byLanguage: { id: 6, en: 2 } });
    expect(res.body.skipped).toEqual(
      expect.arrayContaining([
        { personId: noPhone.id, channel: 'sms', reason: 'no phone' },
        { personId: noSmsConsent.id, channel: 'sms', reason: 'no consent for sms' },
      ]),
    );
    expect(res.body.skipped).toHaveLength(2);
    expect(id2.length + en.length).toBe(5);
  });

  it('counts a list of people and a trip\'s passengers as it counts a party', async () => {
    const a = await h.person({ language: 'id' });
    const b = await h.person({ language: 'en', phone: null });
    const t = fixtures.trip({ passengerIds: [a.id, b.id] });
    await projection.applyTrip(table, t, null, 60);
    const body = { message: { id: 'Halo', en: 'Hello' }, channels: ['sms'], priority: 'urgent', dryRun: true };
    const expected = { recipients: 2, deliveries: { sms: 1, email: 0 }, smsSegments: { total: 1, byLanguage: { id: 1 } }, skipped: [{ personId: b.id, channel: 'sms', reason: 'no phone' }] };
    expect((await post({ ...body, audience: { personIds: [a.id, b.id, a.id] } })).body).toEqual(expected);
    expect((await post({ ...body, audience: { tripId: t.id } })).body).toEqual(expected);
  });

  it('finds everyone staying at a hotel whatever its spelling of case and spaces, and refuses a hotel nobody stays at (422)', async () => {
    const hotel = `Hotel Borobudur ${Math.random().toString(36).slice(2, 8)}`;
    const guests = await Promise.all([h.person(), h.person(), h.person()]);
    await projection.applyStay(table, fixtures.stay({ hotel, room: '101', personIds: [guests[0]!.id, guests[1]!.id] }), false);
    await projection.applyStay(table, fixtures.stay({ hotel, room: '102', personIds: [guests[2]!.id] }), false);
    const res = await post({ audience: { hotel: `  ${hotel.toUpperCase().replace(' ', '   ')} ` }, message: { en: 'Breakfast moves to 06:00' }, channels: ['sms'], dryRun: true });
    expect(res.status).toBe(200);
    expect(res.body.recipients).toBe(3);
    const nowhere = await post({ audience: { hotel: 'Hotel Nowhere' }, message: { en: 'Hi' }, channels: ['sms'], dryRun: true });
    expect(nowhere.status).toBe(422);
    expect(nowhere.body.errors[0].path).toBe('audience.hotel');
  });

  it('counts the segments of the rendered template, an emoji switching it to UCS-2', async () => {
    await h.call({ method: 'PUT', url: '/templates/ash_warning', claims: h.organizer, body: { en: { body: 'Ash cloud over {{area}} 🌋 masks on.' } } });
    const partyId = await h.party();
    await h.person({ partyId, language: 'id' });
    const res = await post({ audience: { partyIds: [partyId] }, templateKey: 'ash_warning', vars: { area: 'B'.repeat(60) }, channels: ['sms'], dryRun: true });
    expect(res.status).toBe(200);
    // 88 UTF-16 units (the volcano is a surrogate pair), two UCS-2 segments; the Indonesian speaker gets English.
    expect(res.body.smsSegments).toEqual({ total: 2, byLanguage: { en: 2 } });
  });

  it('writes nothing: no broadcast, no delivery', async () => {
    const d = await h.delegation(1);
    const before = await scanTable();
    const res = await post(h.broadcastBody({ audience: { partyIds: [d.partyId] }, dryRun: true }));
    expect(res.status).toBe(200);
    expect(res.body).not.toHaveProperty('broadcastId');
    expect(res.headers.location).toBeUndefined();
    expect(await scanTable()).toEqual(before);
  });
});
