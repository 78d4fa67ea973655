// Pick-up reminders against the emulators: the consumer keeps each trip's reminder in the due index
// (departAt − the profile's reminderMinutes), the `pickup-reminders` schedule sends it to the
// passengers once, a moved trip moves it, a cancelled one drops it, and a trip that left gets none.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { clockControl } from '@liaison/kit/clock';
import type { Context } from 'aws-lambda';
import { handler } from '../src/consumers/automatic';
import { forgetSettings } from '../src/consumers/settings';
import { handler as reminders } from '../src/schedules/reminders';
import { forgetProfile } from '../src/send/deliver';
import { getTripView } from '../src/store/projection';
import { person, profile, sentTo, sqsBatch, trip, tripCancelled, tripChanged, tripCompleted, tripScheduled, vehicle, phone, type TestPerson } from './automatic-events';

const table = process.env.LIAISON_TABLE_NAME as string;
const context = {} as Context;
/** Wed 3 Mar 2027, 07:00 in Jakarta: trips below leave at 09:00 local (02:00Z) unless moved. */
const MORNING = Date.parse('2027-03-03T00:00:00.000Z');
const at = (iso: string) => clockControl.freeze(new Date(iso));

const reminded = async (p: TestPerson) => (await sentTo(p.phone)).filter((m) => m.channel === 'sms' && m.body.startsWith('Reminder')).map((m) => m.body);

async function consume(...events: unknown[]): Promise<void> {
  expect((await handler(sqsBatch(...events), context)).batchItemFailures).toEqual([]);
}

beforeAll(async () => {
  process.env.LIAISON_SMS_PER_PROCESS_PER_SECOND = '200';
  process.env.LIAISON_EMAIL_PER_PROCESS_PER_SECOND = '200';
  await profile({ reminderMinutes: 30, coalesceMinutes: 2 });
});

beforeEach(() => {
  clockControl.freeze(new Date(MORNING));
  forgetSettings();
  forgetProfile();
});

afterAll(() => clockControl.reset());

describe('pick-up reminders', () => {
  it('reminds every passenger once, the profile’s 30 minutes before departure, however many runs there are', async () => {
    const [a, b] = [await person(), await person({ language: 'id' })];
    const car = vehicle(phone());
    const t1 = trip({ passengerIds: [a.id, b.id], vehicleId: car.id });
    await consume(tripScheduled(t1, car));
    expect((await getTripView(table, t1.id))?.remindAt).toBe('2027-03-03T01:30:00.000Z');

    at('2027-03-03T01:29:00.000Z');
    await reminders({});
    expect(await reminded(a)).toEqual([]);

    at('2027-03-03T01:30:00.000Z');
    await Promise.all([reminders({}), reminders({})]);
    await reminders({});
    expect(await reminded(a)).toEqual([`Reminder: your pick-up at Wed 3 Mar 09:00 WIB from CGK Terminal 3 to Hotel Mulia. Vehicle: Alphard 1 (B 1234 XY), driver Pak Budi ${car.driver!.phone}.`]);
    expect((await sentTo(b.phone)).filter((m) => m.body.startsWith('Pengingat'))).toHaveLength(1);
    expect(await getTripView(table, t1.id)).toMatchObject({ remindAt: null, remindedFor: '2027-03-03T09:00:00+07:00' });
  });

  it('moves the reminder with the trip, also after it went, and drops it when the trip is cancelled or done', async () => {
    const [moved, cancelled, done] = [await person(), await person(), await person()];
    const t1 = trip({ passengerIds: [moved.id] });
    const t2 = trip({ passengerIds: [cancelled.id] });
    const t3 = trip({ passengerIds: [done.id] });
    await consume(tripScheduled(t1), tripScheduled(t2), tripScheduled(t3));
    const later = tripChanged(t1, { departAt: '2027-03-03T11:00:00+07:00', arriveBy: '2027-03-03T12:00:00+07:00' });
    await consume(later.event, tripCancelled(t2).event, tripCompleted(t3).event);

    at('2027-03-03T01:30:00.000Z');
    await reminders({});
    expect(await reminded(moved)).toEqual([]);
    expect(await reminded(cancelled)).toEqual([]);
    expect(await reminded(done)).toEqual([]);
    expect((await getTripView(table, t2.id))?.remindAt).toBeNull();

    at('2027-03-03T03:30:00.000Z');
    await reminders({});
    expect(await reminded(moved)).toEqual(['Reminder: your pick-up at Wed 3 Mar 11:00 WIB from CGK Terminal 3 to Hotel Mulia. Vehicle: to be confirmed, driver to be confirmed.']);

    // Moved again after its reminder went: a new reminder for the new time, and only one.
    at('2027-03-03T03:35:00.000Z');
    const again = tripChanged(later.after, { departAt: '2027-03-03T13:00:00+07:00', arriveBy: '2027-03-03T14:00:00+07:00' });
    await consume(again.event);
    expect((await getTripView(table, t1.id))?.remindAt).toBe('2027-03-03T05:30:00.000Z');
    // A change that does not move the time does not bring the sent reminder back.
    at('2027-03-03T05:30:00.000Z');
    await reminders({});
    await consume(tripChanged(again.after, { to: 'Hotel Borobudur' }).event);
    expect((await getTripView(table, t1.id))?.remindAt).toBeNull();
    await reminders({});
    expect(await reminded(moved)).toHaveLength(2);
    expect((await reminded(moved))[1]).toContain('at Wed 3 Mar 13:00 WIB');
  });

  it('sends no reminder for a trip that has already left', async () => {
    const late = await person();
    const t1 = trip({ passengerIds: [late.id] });
    await consume(tripScheduled(t1));
    // The schedule did not run between the reminder's time and departure (the clock jumped).
    at('2027-03-03T02:00:00.000Z');
    await reminders({});
    expect(await reminded(late)).toEqual([]);
    expect((await getTripView(table, t1.id))?.remindAt).toBeNull();
  });
});
