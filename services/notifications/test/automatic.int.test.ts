// The `automatic` consumer in process against the emulators: contract-valid events in SQS batches,
// deliver() writing real delivery records in DynamoDB Local, sends recorded by moto. Who hears what,
// in which language, on which channel; the trip and stay projection kept by version.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { clockControl } from '@liaison/kit/clock';
import { makeEvent } from '@liaison/kit/events/envelope';
import { newId } from '@liaison/kit/ids';
import type { Context } from 'aws-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { handler, IN_PROCESS } from '../src/consumers/automatic';
import { forgetSettings } from '../src/consumers/settings';
import { forgetProfile } from '../src/send/deliver';
import { getDelivery } from '../src/store/deliveries';
import { deliveryId, recipientKey } from '../src/store/keys';
import { getTripView, peopleAtHotel, tripPassengers } from '../src/store/projection';
import { handleSends, type SendsMessage } from '../src/workers/sends';
import { consumerQueues } from '../../../test/support/int';
import { person, phone, profile, sentTo, sentToEach, sqsBatch, stay, stayAssigned, stayChanged, stayEnded, trip, tripCancelled, tripChanged, tripScheduled, vehicle } from './automatic-events';

const table = process.env.LIAISON_TABLE_NAME as string;
const context = {} as Context;
const sqs = new SQSClient({});
/** Tue 2 Mar 2027, 10:00 in Jakarta: not quiet. */
const DAY = new Date('2027-03-02T03:00:00.000Z');
/** Mon 1 Mar 2027, 23:00 in Jakarta: quiet until 06:00. */
const NIGHT = new Date('2027-03-01T16:00:00.000Z');

async function consume(...events: unknown[]): Promise<void> {
  const res = await handler(sqsBatch(...events), context);
  expect(res.batchItemFailures).toEqual([]);
}

const sms = async (phone: string | null) => (await sentTo(phone)).filter((m) => m.channel === 'sms').map((m) => m.body);
const emails = async (address: string | null) => (await sentTo(address)).filter((m) => m.channel === 'email');

beforeAll(async () => {
  process.env.LIAISON_SMS_PER_PROCESS_PER_SECOND = '200';
  process.env.LIAISON_EMAIL_PER_PROCESS_PER_SECOND = '200';
  await profile({ coalesceMinutes: 2 });
});

beforeEach(() => {
  clockControl.freeze(DAY);
  forgetSettings();
  forgetProfile();
});

afterAll(() => clockControl.reset());

describe('automatic messages', () => {
  it('tells a passenger in their language when their pick-up moves, by SMS and email, once however often the event arrives', async () => {
    const guest = await person({ language: 'id' });
    const car = vehicle(phone());
    const t1 = trip({ passengerIds: [guest.id], vehicleId: car.id });
    await consume(tripScheduled(t1, car));
    expect(await sms(guest.phone)).toEqual(['Jadwal penjemputan Anda: Rab 3 Mar 09.00 WIB dari CGK Terminal 3 ke Hotel Mulia. Kendaraan: Alphard 1 (B 1234 XY), sopir Pak Budi ' + car.driver!.phone + '.']);

    clockControl.advance(10 * 60_000);
    const moved = tripChanged(t1, { departAt: '2027-03-03T10:00:00+07:00', arriveBy: '2027-03-03T11:30:00+07:00' }, { before: car });
    await consume(moved.event);
    await consume(moved.event, moved.event);

    const texts = await sms(guest.phone);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toBe('Perubahan penjemputan: kini Rab 3 Mar 10.00 WIB dari CGK Terminal 3 ke Hotel Mulia. Kendaraan: Alphard 1 (B 1234 XY), sopir Pak Budi ' + car.driver!.phone + '.');
    const mails = await emails(guest.email);
    expect(mails.map((m) => m.subject)).toEqual(['Jadwal penjemputan: Rab 3 Mar 09.00 WIB', 'Perubahan penjemputan: Rab 3 Mar 10.00 WIB']);
    expect(await tripPassengers(table, t1.id)).toEqual([guest.id]);
  });

  it('gives the driver the trip by SMS with the passengers and the LO, and again when it changes or is cancelled', async () => {
    const lo = await person({ role: 'lo', name: 'Sari Wulandari' });
    const [a, b] = [await person({ name: 'Ayu' }), await person({ name: 'Bima' })];
    const car = vehicle(phone());
    const t1 = trip({ passengerIds: [a.id, b.id], vehicleId: car.id, loId: lo.id });
    const scheduled = tripScheduled(t1, car);
    await consume(scheduled);
    clockControl.advance(5 * 60_000);
    const moved = tripChanged(t1, { from: 'HLP Terminal 1' }, { before: car });
    await consume(moved.event);
    clockControl.advance(5 * 60_000);
    await consume(tripCancelled(moved.after, car).event);

    // A driver has no language on record: the event's first (Indonesian).
    expect(await sms(car.driver!.phone)).toEqual([
      `Tugas penjemputan Alphard 1 (B 1234 XY): Rab 3 Mar 09.00 WIB, jemput di CGK Terminal 3, antar ke Hotel Mulia. 2 penumpang: Ayu, Bima. LO: Sari Wulandari ${lo.phone}.`,
      `Perubahan tugas penjemputan Alphard 1 (B 1234 XY): kini Rab 3 Mar 09.00 WIB, jemput di HLP Terminal 1, antar ke Hotel Mulia. 2 penumpang: Ayu, Bima. LO: Sari Wulandari ${lo.phone}.`,
      'Dibatalkan: tugas penjemputan Alphard 1 (B 1234 XY) Rab 3 Mar 09.00 WIB dari HLP Terminal 1 ke Hotel Mulia.',
    ]);
    // A driver is not in the directory: SMS only, and never an email.
    expect(await getDelivery(table, deliveryId(`${scheduled.id}:trip.driver`, recipientKey({ driver: { vehicleId: car.id, name: car.driver!.name, phone: car.driver!.phone } }), 'email'))).toMatchObject({ status: 'skipped', reason: 'drivers get SMS only' });
  });

  it('tells a vehicle’s new driver about each of its scheduled trips, and the old driver they are off them, once however often the event arrives', async () => {
    const [a, b] = [await person({ name: 'Citra' }), await person({ name: 'Dedi' })];
    const car = vehicle(phone());
    const t1 = trip({ passengerIds: [a.id], vehicleId: car.id });
    const t2 = trip({ passengerIds: [b.id], vehicleId: car.id, departAt: '2027-03-03T14:00:00+07:00', arriveBy: '2027-03-03T15:00:00+07:00' });
    await consume(tripScheduled(t1, car), tripScheduled(t2, car));
    // Past the coalescing window of the old driver's first messages, so nothing is held back.
    clockControl.advance(5 * 60_000);
    const stamps = { capacity: 6, version: 1, createdAt: t1.createdAt, updatedAt: t1.updatedAt };
    const before = { ...car, ...stamps };
    const after = { ...car, ...stamps, driver: { name: 'Pak Eko', phone: phone() }, version: 2 };
    const changed = makeEvent('vehicle.changed', { before, after, changed: ['driver'], tripIds: [t1.id, t2.id], audience: { personIds: [a.id, b.id], partyIds: [] } }, { source: 'logistics', correlationId: 'test' });
    await consume(changed);
    await consume(changed);

    const newDriver = await sms(after.driver.phone);
    expect(newDriver).toHaveLength(2);
    expect(newDriver.join('\n')).toContain('Rab 3 Mar 09.00 WIB');
    expect(newDriver.join('\n')).toContain('Rab 3 Mar 14.00 WIB');
    const oldDriver = await sms(car.driver!.phone);
    // Two trips scheduled, then two taken off.
    expect(oldDriver).toHaveLength(4);
    expect(oldDriver.filter((m) => m.startsWith('Dibatalkan'))).toHaveLength(2);
    // Reminders name the new driver.
    expect((await getTripView(table, t1.id))?.vehicle?.driver).toEqual(after.driver);
    // A driver's name spelt again (same phone) tells nobody.
    const respelt = makeEvent('vehicle.changed', { before: after, after: { ...after, driver: { ...after.driver, name: 'Pak Eko S.' }, version: 3 }, changed: ['driver'], tripIds: [t1.id], audience: { personIds: [a.id], partyIds: [] } }, { source: 'logistics', correlationId: 'test' });
    await consume(respelt);
    expect(await sms(after.driver.phone)).toHaveLength(2);
  });

  it('tells a driver taken off a vehicle about its trips still to come, but nobody about a trip whose time has passed (the retention purge clearing drivers weeks later)', async () => {
    // logistics' purge: the vehicle's driver becomes null, changed ['driver'], the trips still scheduled, no audience.
    const driverGone = (car: ReturnType<typeof vehicle>, tripIds: string[]) => {
      const stamps = { capacity: 6, version: 1, createdAt: '2027-01-01T00:00:00.000Z', updatedAt: '2027-01-01T00:00:00.000Z' };
      return makeEvent('vehicle.changed', { before: { ...car, ...stamps }, after: { ...car, ...stamps, driver: null, version: 2 }, changed: ['driver'], tripIds, audience: { personIds: [], partyIds: [] } }, { source: 'logistics', correlationId: 'test' });
    };
    const guest = await person({ name: 'Eka' });
    const [soon, past] = [vehicle(phone()), vehicle(phone())];
    const [t1, t2] = [trip({ passengerIds: [guest.id], vehicleId: soon.id }), trip({ passengerIds: [guest.id], vehicleId: past.id })];
    await consume(tripScheduled(t1, soon), tripScheduled(t2, past));
    expect(await sms(soon.driver!.phone)).toHaveLength(1);
    expect(await sms(past.driver!.phone)).toHaveLength(1);

    // Before the pick-up (Wed 3 Mar 09:00 WIB): the driver hears they are off it, as before.
    clockControl.advance(5 * 60_000);
    await consume(driverGone(soon, [t1.id]));
    expect((await sms(soon.driver!.phone))[1]).toBe('Dibatalkan: tugas penjemputan Alphard 1 (B 1234 XY) Rab 3 Mar 09.00 WIB dari CGK Terminal 3 ke Hotel Mulia.');

    // Weeks after it (Thu 15 Apr, 10:00 WIB, not quiet), the trip never marked done: nothing to anyone.
    clockControl.freeze(new Date('2027-04-15T03:00:00.000Z'));
    await consume(driverGone(past, [t2.id]));
    expect(await sms(past.driver!.phone)).toHaveLength(1);
    // The projection no longer names the driver (nor will reminders).
    expect((await getTripView(table, t2.id))?.vehicle?.driver).toBeNull();
  });

  it('tells a guest taken off a trip that it is cancelled for them, and one added that they are booked, not that it changed', async () => {
    const [stays, leaves, joins] = [await person(), await person(), await person()];
    const t1 = trip({ passengerIds: [stays.id, leaves.id] });
    await consume(tripScheduled(t1));
    clockControl.advance(10 * 60_000);
    await consume(tripChanged(t1, { passengerIds: [stays.id, joins.id] }).event);

    expect(await sms(stays.phone)).toHaveLength(1);
    expect((await sms(leaves.phone))[1]).toBe('You are no longer booked on the pick-up on Wed 3 Mar 09:00 WIB from CGK Terminal 3 to Hotel Mulia.');
    expect(await sms(joins.phone)).toEqual(['You are booked on a pick-up on Wed 3 Mar 09:00 WIB from CGK Terminal 3 to Hotel Mulia. Vehicle: to be confirmed, driver to be confirmed.']);
    expect((await tripPassengers(table, t1.id))?.sort()).toEqual([stays.id, joins.id].sort());
  });

  it('tells every member of an attending party about a meeting, and the organisers about an escalated ticket', async () => {
    const partyId = newId('pty');
    const members = [await person({ partyId, language: 'id' }), await person({ partyId })];
    const meeting = {
      id: newId('mtg'),
      title: 'Rapat koordinasi',
      startsAt: '2027-03-03T15:00:00+07:00',
      endsAt: '2027-03-03T16:00:00+07:00',
      location: 'Ruang Flores',
      attendeePartyIds: [partyId],
      attendeeIds: [],
      agenda: [],
      minutes: null,
      status: 'scheduled' as const,
      version: 1,
      createdAt: DAY.toISOString(),
      updatedAt: DAY.toISOString(),
    };
    await consume(makeEvent('meeting.scheduled', { meeting, audience: { personIds: [], partyIds: [partyId] } }, { source: 'logistics', correlationId: 't' }));
    expect(await sms(members[0]!.phone)).toEqual(['Undangan rapat "Rapat koordinasi": Rab 3 Mar 15.00 WIB di Ruang Flores.']);
    expect(await sms(members[1]!.phone)).toEqual(['Meeting "Rapat koordinasi": Wed 3 Mar 15:00 WIB at Ruang Flores.']);

    const organiser = await person({ role: 'organizer' });
    const reporter = await person({ name: 'Dewi Lestari' });
    const ticket = {
      id: newId('tkt'),
      kind: 'complaint' as const,
      category: 'transport' as const,
      severity: 'high' as const,
      subject: 'Car did not come',
      status: 'open' as const,
      reporterId: reporter.id,
      partyId: null,
      assigneeId: null,
      ackDueAt: '2027-03-02T10:15:00+07:00',
      resolveDueAt: '2027-03-02T14:00:00+07:00',
      escalationLevel: 1 as const,
    };
    await consume(makeEvent('ticket.escalated', { ticket, reason: 'ack_overdue', missedDueAt: ticket.ackDueAt }, { source: 'feedback', correlationId: 't' }));
    expect(await sms(organiser.phone)).toEqual(['Ticket escalated (high) from Dewi Lestari: Car did not come. Not acknowledged in time (due Tue 2 Mar 10:15 WIB).']);
    expect(await sms(reporter.phone)).toEqual([]);
  });

  it('sends a big party’s messages partly in process and hands the rest to the sends queue, each member once', async () => {
    const partyId = newId('pty');
    const members: Awaited<ReturnType<typeof person>>[] = [];
    for (let i = 0; i < IN_PROCESS + 6; i++) members.push(await person({ partyId, consent: { sms: true, email: false } }));
    const stayAll = stay({ personIds: [], hotel: 'Hotel Borobudur' });
    const event = makeEvent('stay.assigned', { stay: stayAll, audience: { personIds: [], partyIds: [partyId] } }, { source: 'logistics', correlationId: 't' });
    await consume(event);
    const counts = async () => (await sentToEach(members.map((m) => m.phone!))).map((sent) => sent.filter((m) => m.channel === 'sms').length);
    expect((await counts()).filter((c) => c === 1)).toHaveLength(IN_PROCESS);

    const { queueUrl } = consumerQueues('sends', 'notifications');
    const handed: SendsMessage[] = [];
    const deadline = Date.now() + 20_000;
    while (handed.flatMap((m) => (m.kind === 'requests' ? m.requests : [])).length < 6 && Date.now() < deadline) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const m of got.Messages ?? []) {
        const body = JSON.parse(m.Body ?? '{}') as SendsMessage;
        if (body.kind === 'requests' && body.requests.every((r) => r.cause === `${event.id}:stay.assigned`)) {
          handed.push(body);
          await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
        }
      }
    }
    expect(handed).toHaveLength(1);
    for (const message of handed) await handleSends(message, { context: {} as Context });
    expect(await counts()).toEqual(members.map(() => 1));
    // About 4 s alone; in the full suite moto serves the other int files at the same time, and its SMS
    // publishes have taken over 10 s each, so this test gets more than the default 120 s.
  }, 360_000);

  it('tells a guest who their LO is, with the LO’s phone', async () => {
    const lo = await person({ role: 'lo', name: 'Rudi Hartono' });
    const guest = await person({ language: 'id' });
    const assignment = { id: newId('asg'), loId: lo.id, partyId: null, personId: guest.id, from: null, to: null, version: 1, createdAt: DAY.toISOString() };
    await consume(makeEvent('assignment.created', { assignment }, { source: 'directory', correlationId: 't' }));
    expect(await sms(guest.phone)).toEqual([`LO Anda: Rudi Hartono ${lo.phone}. Hubungi untuk bantuan apa pun selama acara.`]);
  });

  it('respects consent: no SMS to a guest who refused it (the log says why), the email goes', async () => {
    const guest = await person({ consent: { sms: false, email: true } });
    const s = stay({ personIds: [guest.id] });
    const event = stayAssigned(s);
    await consume(event);
    expect(await sms(guest.phone)).toEqual([]);
    expect((await emails(guest.email)).map((m) => m.subject)).toEqual(['Your room at Hotel Indonesia Kempinski']);
    const record = await getDelivery(table, deliveryId(`${event.id}:stay.assigned`, guest.id, 'sms'));
    expect(record).toMatchObject({ status: 'skipped', reason: 'no consent for sms' });
  });

  it('lets a normal change wait out the quiet hours, but sends at once the change to a pick-up before they end, and an emergency to every channel, consent or not', async () => {
    clockControl.freeze(NIGHT);
    const [later, soon] = [await person(), await person()];
    const tomorrow = trip({ passengerIds: [later.id], departAt: '2027-03-02T14:00:00+07:00', arriveBy: '2027-03-02T15:00:00+07:00' });
    const atTwo = trip({ passengerIds: [soon.id], departAt: '2027-03-02T02:00:00+07:00', arriveBy: '2027-03-02T03:00:00+07:00' });
    const e1 = tripScheduled(tomorrow);
    await consume(e1, tripScheduled(atTwo));
    expect(await sms(later.phone)).toEqual([]);
    expect(await getDelivery(table, deliveryId(`${e1.id}:trip.scheduled`, later.id, 'sms'))).toMatchObject({ status: 'deferred' });
    expect(await sms(soon.phone)).toHaveLength(1);

    const organiser = await person({ role: 'organizer', consent: { sms: false, email: false } });
    const reporter = await person({ name: 'Putri' });
    const ticket = {
      id: newId('tkt'),
      kind: 'emergency' as const,
      category: 'health' as const,
      severity: 'critical' as const,
      subject: 'Guest collapsed in lobby',
      status: 'open' as const,
      reporterId: reporter.id,
      partyId: null,
      assigneeId: null,
      ackDueAt: '2027-03-01T23:05:00+07:00',
      resolveDueAt: '2027-03-02T00:00:00+07:00',
      escalationLevel: 0 as const,
    };
    await consume(makeEvent('ticket.created', { ticket, body: 'Needs an ambulance', by: reporter.id }, { source: 'feedback', correlationId: 't' }));
    expect(await sms(organiser.phone)).toEqual([`EMERGENCY (health): Guest collapsed in lobby. For Putri ${reporter.phone}. Needs an ambulance`]);
    expect(await emails(organiser.email)).toHaveLength(1);
  });
});

describe('trip and stay projection', () => {
  it('applies each trip event over an older version only: a late or repeated one rolls nothing back', async () => {
    const [a, b] = [await person(), await person()];
    const t1 = trip({ passengerIds: [a.id] });
    const v2 = tripChanged(t1, { passengerIds: [a.id, b.id], departAt: '2027-03-03T11:00:00+07:00', arriveBy: '2027-03-03T12:00:00+07:00' });
    // The change arrives before the trip's first event.
    await consume(v2.event);
    await consume(tripScheduled(t1));
    expect((await tripPassengers(table, t1.id))?.sort()).toEqual([a.id, b.id].sort());
    expect((await getTripView(table, t1.id))?.remindAt).toBe('2027-03-03T03:00:00.000Z');

    await consume(tripCancelled(v2.after).event);
    const view = await getTripView(table, t1.id);
    expect(view?.trip.status).toBe('cancelled');
    expect(view?.remindAt).toBeNull();
    await consume(v2.event);
    expect((await getTripView(table, t1.id))?.trip.status).toBe('cancelled');
    expect(await tripPassengers(table, newId('trp'))).toBeNull();
  });

  it('knows who sleeps at a hotel, matched ignoring case and spaces, as stays are assigned, moved and ended in any order', async () => {
    const [a, b] = [await person(), await person()];
    const hotel = `Hotel ${newId('h')} Jakarta`;
    const s1 = stay({ hotel, personIds: [a.id] });
    await consume(stayAssigned(s1));
    expect(await peopleAtHotel(table, hotel.toUpperCase().replace(/ /g, '  '))).toEqual([a.id]);

    const moved = stayChanged(s1, { personIds: [a.id, b.id] });
    await consume(moved.event);
    expect((await peopleAtHotel(table, hotel)).sort()).toEqual([a.id, b.id].sort());
    // Left before 2027-03-06: not at the hotel that day.
    expect(await peopleAtHotel(table, hotel, { onDate: '2027-03-06' })).toEqual([]);

    await consume(stayEnded(moved.after));
    // The change (version 2) delivered again after the end: the stay stays ended.
    await consume(stayChanged(s1, { personIds: [a.id, b.id] }).event);
    expect(await peopleAtHotel(table, hotel)).toEqual([]);
  });
});
