// The retention purge and the drivers, against the emulators: on the run's last event every trip
// notifications keeps loses its driver (a name and a phone, of no one in the directory), scheduled or
// done, and keeps its vehicle's label and plate; the drivers' SMS in the delivery log lose their phone
// and text as a person's do; a pick-up reminder still waiting never goes out; a redelivered purge
// changes nothing more. A page that is not the last leaves the drivers for it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clockControl } from '@liaison/kit/clock';
import { ddb } from '@liaison/kit/ddb/client';
import { makeEvent } from '@liaison/kit/events/envelope';
import { useOwnTable } from '../../../test/support/int';
import { person, phone, profile, sentTo, sqsBatch, trip, tripCompleted, tripScheduled, vehicle } from './automatic-events';

// A table of its own: the purge's last event reaches every trip in the table.
useOwnTable();

let automatic = {} as typeof import('../src/consumers/automatic');
let purge = {} as typeof import('../src/consumers/purge');
let reminders = {} as typeof import('../src/schedules/reminders');
let projection = {} as typeof import('../src/store/projection');
let keys = {} as typeof import('../src/store/keys');
let deliveries = {} as typeof import('../src/store/deliveries');
const table = () => process.env.LIAISON_TABLE_NAME as string;
const context = {} as Context;
/** Wed 3 Mar 2027, 07:00 in Jakarta: the trips below leave at 09:00 local (02:00Z). */
const MORNING = '2027-03-03T00:00:00.000Z';

beforeAll(async () => {
  process.env.LIAISON_SMS_PER_PROCESS_PER_SECOND = '200';
  process.env.LIAISON_EMAIL_PER_PROCESS_PER_SECOND = '200';
  automatic = await import('../src/consumers/automatic');
  purge = await import('../src/consumers/purge');
  reminders = await import('../src/schedules/reminders');
  projection = await import('../src/store/projection');
  keys = await import('../src/store/keys');
  deliveries = await import('../src/store/deliveries');
  await profile({ reminderMinutes: 30, coalesceMinutes: 2 });
  clockControl.freeze(new Date(MORNING));
});

afterAll(() => clockControl.reset());

let n = 0;
const purged = (personIds: string[], last: boolean) =>
  makeEvent('personal-data.purged', { purgeId: `prg_${++n}`, cutoff: MORNING, personIds, last }, { source: 'directory', correlationId: 'test-purge' });

/** The trip's item as stored, every attribute. */
async function stored(tripId: string): Promise<Record<string, unknown>> {
  const out = await ddb.send(new GetCommand({ TableName: table(), Key: keys.keys.trip(tripId), ConsistentRead: true }));
  return out.Item ?? {};
}

describe('the retention purge of the trip projection', () => {
  it('takes every driver’s name and phone out of the trips it keeps on the last event, and no reminder goes out after it', async () => {
    const guest = await person();
    const [car, van] = [vehicle(phone()), vehicle(phone(), { label: 'Hiace 2', plate: 'B 5678 ZZ' })];
    const upcoming = trip({ passengerIds: [guest.id], vehicleId: car.id });
    const earlier = trip({ passengerIds: [guest.id], vehicleId: van.id, departAt: '2027-03-02T09:00:00+07:00', arriveBy: '2027-03-02T10:30:00+07:00' });
    const done = tripCompleted(earlier);
    const scheduled = tripScheduled(upcoming, car);
    expect((await automatic.handler(sqsBatch(scheduled, tripScheduled(earlier, van), done.event), context)).batchItemFailures).toEqual([]);
    // The driver's SMS about the trip, in the delivery log.
    const driverSms = keys.deliveryId(`${scheduled.id}:trip.driver`, keys.recipientKey({ driver: { vehicleId: car.id, name: car.driver!.name, phone: car.driver!.phone } }), 'sms');
    expect(await deliveries.getDelivery(table(), driverSms)).toMatchObject({ status: 'sent', to: car.driver!.phone, personId: null });
    // Before: the projection holds both drivers (the reminder schedule would read them), and a reminder is due at 08:30 local.
    expect(JSON.stringify(await stored(upcoming.id))).toContain(car.driver!.phone);
    expect(JSON.stringify(await stored(earlier.id))).toContain(van.driver!.phone);
    expect((await projection.getTripView(table(), upcoming.id, true))?.remindAt).toBe('2027-03-03T01:30:00.000Z');

    // A page that is not the run's last leaves the drivers (they belong to no one on it).
    expect((await purge.handler(sqsBatch(purged([guest.id], false)), context)).batchItemFailures).toEqual([]);
    expect(JSON.stringify(await stored(upcoming.id))).toContain(car.driver!.phone);

    expect((await purge.handler(sqsBatch(purged([guest.id], true)), context)).batchItemFailures).toEqual([]);
    for (const [t, v] of [[upcoming, car], [earlier, van]] as const) {
      const item = JSON.stringify(await stored(t.id));
      expect(item).not.toContain(v.driver!.phone);
      expect(item).not.toContain(v.driver!.name);
      expect((await projection.getTripView(table(), t.id, true))?.vehicle).toEqual({ id: v.id, label: v.label, plate: v.plate, driver: null });
    }
    expect((await projection.getTripView(table(), upcoming.id, true))).toMatchObject({ remindAt: null, trip: { id: upcoming.id, passengerIds: [guest.id] } });
    // The delivery log keeps the driver's SMS, its outcome and times, without the phone or the text.
    expect(await deliveries.getDelivery(table(), driverSms)).toMatchObject({ status: 'sent', to: null, subject: null, body: null, templateKey: 'trip.driver' });

    // The reminder's time comes: nothing is read, nothing is sent.
    clockControl.freeze(new Date('2027-03-03T01:31:00.000Z'));
    expect(await reminders.handler({})).toMatchObject({ read: 0, reminded: 0 });
    expect((await sentTo(guest.phone)).filter((m) => m.body.startsWith('Reminder'))).toEqual([]);

    // Redelivered: nothing left to remove, nothing changes.
    const after = await stored(upcoming.id);
    expect((await purge.handler(sqsBatch(purged([guest.id], true)), context)).batchItemFailures).toEqual([]);
    expect(await stored(upcoming.id)).toEqual(after);
  });
});
