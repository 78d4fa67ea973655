// Automatic messages over HTTP against the running local stack: logistics and feedback writes reach
// guests, drivers and organisers through the notifications consumer, and land in GET /_local/outbox.
// A moved trip in the passenger's language, the driver's SMS, consent; quiet hours with the movable
// clock (deferred, then sent by `deferred-sends`) and the emergency override; five quick edits → one
// more message (`held-digests`); a pick-up reminder (`pickup-reminders`) that moves with its trip.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient, GetItemCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { api, tokenFor, waitFor } from '../support/e2e';

const run = randomBytes(3).toString('hex');
const digits = String(parseInt(run, 16) % 100_000).padStart(5, '0');
let n = 0;
const phone = () => `+6283${digits}${String(n++).padStart(4, '0')}`;
const email = () => `auto.${run}.${n++}@example.org`;

type Outboxed = { channel: 'sms' | 'email'; to: string; subject?: string; body: string; at: string };

let org: string;
let table: string;
const dynamo = new DynamoDBClient({});

const post = (path: string, body: unknown, token = org) => api(path, { method: 'POST', token, body });
const patch = (path: string, body: unknown) => api(path, { method: 'PATCH', token: org, body });
async function created(res: { status: number; body: any }): Promise<any> {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
async function ok(res: { status: number; body: any }): Promise<any> {
  if (res.status !== 200) throw new Error(`expected 200, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}
const clock = async (body: { now: string } | { advance: string }) => ok(await api('/_local/clock', { method: 'POST', body }));
const runSchedule = async (name: string) => ok(await api(`/_local/schedules/${name}/run`, { method: 'POST' }));

async function outbox(to: string, channel: 'sms' | 'email' = 'sms'): Promise<Outboxed[]> {
  return (await api<Outboxed[]>('/_local/outbox')).body.filter((m) => m.to === to && m.channel === channel).reverse();
}
/** Waits until `to` has received `count` messages on `channel` (oldest first), then returns them. */
async function received(to: string, count: number, channel: 'sms' | 'email' = 'sms'): Promise<Outboxed[]> {
  return waitFor(async () => {
    const got = await outbox(to, channel);
    return got.length >= count ? got : false;
  }, { timeoutMs: 30_000, intervalMs: 250 });
}

async function guest(over: Record<string, unknown> = {}): Promise<{ id: string; name: string; phone: string; email: string }> {
  return created(await post('/people', { name: `Tamu ${run} ${n}`, role: 'guest', phone: phone(), email: email(), language: 'id', consent: { sms: true, email: true }, ...over }));
}

const trip = (passengerIds: string[], departAt: string, extra: Record<string, unknown> = {}) =>
  post('/trips', { kind: 'pickup', from: 'CGK Terminal 3', to: 'Hotel Mulia', departAt, arriveBy: departAt.replace(/T(\d\d)/, (_m, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`), passengerIds, ...extra });
const moveTo = (departAt: string) => ({ departAt, arriveBy: departAt.replace(/T(\d\d)/, (_m, h: string) => `T${String(Number(h) + 1).padStart(2, '0')}`) });

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
  const names = (await dynamo.send(new ListTablesCommand({}))).TableNames ?? [];
  table = names.find((t) => t.startsWith('e2e-')) as string;
  const event = {
    name: 'KTT Jakarta 2027',
    timeZone: 'Asia/Jakarta',
    languages: ['id', 'en'],
    startsAt: '2027-03-01T00:00:00+07:00',
    endsAt: '2027-03-06T00:00:00+07:00',
    quietHours: { start: '22:00', end: '06:00' },
    reminderMinutes: 60,
    coalesceMinutes: 2,
  };
  expect([200, 201]).toContain((await api('/event', { method: 'PUT', token: org, body: event })).status);
  // Far from the real time: the functions' cached profiles (60 s on the clock) are read again.
  await clock({ now: '2027-03-02T10:00:00+07:00' });
});

afterAll(() => api('/_local/clock', { method: 'POST', body: { reset: true } }));

describe('automatic messages', () => {
  it('tells the passenger of a moved trip by SMS in their language, the driver by SMS, and a guest who refused SMS by email only', async () => {
    const [ina, noSms] = [await guest(), await guest({ language: 'en', consent: { sms: false, email: true } })];
    const driverPhone = phone();
    const car = await created(await post('/vehicles', { label: `Alphard ${run}`, plate: 'B 1234 XY', capacity: 4, driver: { name: 'Pak Budi', phone: driverPhone } }));
    const t = await created(await trip([ina.id, noSms.id], '2027-03-03T09:00:00+07:00', { vehicleId: car.id }));
    expect((await received(ina.phone, 1))[0]?.body).toBe(`Jadwal penjemputan Anda: Rab 3 Mar 09.00 WIB dari CGK Terminal 3 ke Hotel Mulia. Kendaraan: Alphard ${run} (B 1234 XY), sopir Pak Budi ${driverPhone}.`);

    await clock({ advance: 'PT10M' });
    await ok(await patch(`/trips/${t.id}`, moveTo('2027-03-03T10:00:00+07:00')));
    expect((await received(ina.phone, 2))[1]?.body).toBe(`Perubahan penjemputan: kini Rab 3 Mar 10.00 WIB dari CGK Terminal 3 ke Hotel Mulia. Kendaraan: Alphard ${run} (B 1234 XY), sopir Pak Budi ${driverPhone}.`);
    expect((await received(driverPhone, 2))[1]?.body).toMatch(/^Perubahan tugas penjemputan Alphard .*: kini Rab 3 Mar 10\.00 WIB, jemput di CGK Terminal 3, antar ke Hotel Mulia\. 2 penumpang: /);
    expect((await received(noSms.email, 2, 'email')).map((m) => m.subject)).toEqual(['Your pick-up: Wed 3 Mar 09:00 WIB', 'Change to your pick-up: Wed 3 Mar 10:00 WIB']);
    expect(await outbox(noSms.phone)).toEqual([]);
    expect((await api(`/notifications?personId=${noSms.id}&status=skipped`, { token: org })).body.items[0]).toMatchObject({ channel: 'sms', reason: 'no consent for sms' });
  });

  it('sends the passenger one more message, with the final time, for five edits in a minute', async () => {
    await clock({ now: '2027-03-02T11:00:00+07:00' });
    const g = await guest({ language: 'en' });
    const t = await created(await trip([g.id], '2027-03-03T09:00:00+07:00'));
    await received(g.phone, 1);
    for (const hhmm of ['09:10', '09:20', '09:30', '09:40', '09:50']) {
      await clock({ advance: 'PT10S' });
      await ok(await patch(`/trips/${t.id}`, moveTo(`2027-03-03T${hhmm}:00+07:00`)));
    }
    // Every edit has reached the consumer (its coalescing state remembers six causes) before the window closes.
    await waitFor(async () => {
      const item = await dynamo.send(new GetItemCommand({ TableName: table, Key: { pk: { S: `NOTIFY#SUBJECT#trip:${t.id}#${g.id}` }, sk: { S: 'COALESCE' } }, ConsistentRead: true }));
      return (item.Item?.seen?.L?.length ?? 0) === 6;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(await outbox(g.phone)).toHaveLength(1);

    await clock({ advance: 'PT2M' });
    await runSchedule('held-digests');
    const texts = await received(g.phone, 2);
    expect(texts[1]?.body).toBe('Change to your pick-up: now Wed 3 Mar 09:50 WIB from CGK Terminal 3 to Hotel Mulia. Vehicle: to be confirmed, driver to be confirmed.');
    await runSchedule('held-digests');
    expect(await outbox(g.phone)).toHaveLength(2);
  });

  it('lets a normal message wait out the quiet hours, then sends it; an emergency goes at once to every channel, consent or not', async () => {
    await clock({ now: '2027-03-02T23:00:00+07:00' });
    const g = await guest({ language: 'en' });
    await created(await post('/accommodations', { hotel: `Hotel Mulia ${run}`, room: '2101', roomCapacity: 1, personIds: [g.id], checkIn: '2027-03-03', checkOut: '2027-03-05' }));
    const deferred = await waitFor(async () => {
      const items = (await api(`/notifications?personId=${g.id}&status=deferred`, { token: org })).body.items as { channel: string }[];
      return items.length === 2 ? items : false;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(deferred.map((d) => d.channel).sort()).toEqual(['email', 'sms']);
    expect(await outbox(g.phone)).toEqual([]);

    await clock({ now: '2027-03-03T06:01:00+07:00' });
    await runSchedule('deferred-sends');
    expect((await received(g.phone, 1))[0]?.body).toBe(`Your room: Hotel Mulia ${run}, room 2101, check-in Wed 3 Mar, check-out Fri 5 Mar.`);

    await clock({ now: '2027-03-03T23:30:00+07:00' });
    const organiser = await created(await post('/people', { name: `Panitia ${run}`, role: 'organizer', phone: phone(), email: email(), language: 'en', consent: { sms: false, email: false } }));
    await created(await post('/tickets', { kind: 'emergency', category: 'health', severity: 'critical', subject: `Guest collapsed ${run}`, body: 'Lobby, needs an ambulance', reporterId: g.id }));
    expect((await received(organiser.phone, 1))[0]?.body).toBe(`EMERGENCY (health): Guest collapsed ${run}. For ${g.name} ${g.phone}. Lobby, needs an ambulance`);
    expect(await received(organiser.email, 1, 'email')).toHaveLength(1);
  });

  it('reminds the passenger an hour before the pick-up, once, at the time the trip moved to', async () => {
    await clock({ now: '2027-03-04T06:30:00+07:00' });
    const g = await guest();
    const t = await created(await trip([g.id], '2027-03-04T09:00:00+07:00'));
    await received(g.phone, 1);
    await clock({ advance: 'PT10M' });
    await ok(await patch(`/trips/${t.id}`, moveTo('2027-03-04T10:00:00+07:00')));
    await received(g.phone, 2);

    const reminders = async () => (await outbox(g.phone)).filter((m) => m.body.startsWith('Pengingat'));
    await clock({ now: '2027-03-04T08:00:30+07:00' });
    await runSchedule('pickup-reminders');
    expect(await reminders()).toEqual([]);

    await clock({ now: '2027-03-04T09:00:30+07:00' });
    await Promise.all([runSchedule('pickup-reminders'), runSchedule('pickup-reminders')]);
    const sent = await waitFor(async () => {
      const r = await reminders();
      return r.length > 0 ? r : false;
    }, { timeoutMs: 30_000, intervalMs: 250 });
    expect(sent.map((m) => m.body)).toEqual(['Pengingat: penjemputan Kam 4 Mar 10.00 WIB dari CGK Terminal 3 ke Hotel Mulia. Kendaraan: menyusul, sopir menyusul.']);
    await runSchedule('pickup-reminders');
    expect(await reminders()).toHaveLength(1);
  });
});
