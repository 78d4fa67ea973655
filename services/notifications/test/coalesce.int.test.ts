// Coalescing against the emulators: the first message about a subject goes at once, what follows within
// the window is held (the latest replacing the earlier), and the `held-digests` schedule sends it as one
// message with the final state when the window closes; two runs send it once; emergencies never wait.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { clockControl } from '@liaison/kit/clock';
import type { Context } from 'aws-lambda';
import { handleEvent, handler } from '../src/consumers/automatic';
import { forgetSettings } from '../src/consumers/settings';
import { handler as digests } from '../src/schedules/digests';
import { deliver, forgetProfile } from '../src/send/deliver';
import { coalesceRequests } from '../src/store/coalesce';
import type { MessageRequest } from '../src/types';
import { person, profile, sentTo, sqsBatch, trip, tripChanged, tripScheduled, type TestPerson } from './automatic-events';

const table = process.env.LIAISON_TABLE_NAME as string;
const context = {} as Context;
/** Tue 2 Mar 2027, 10:00 in Jakarta: not quiet. */
const T0 = Date.parse('2027-03-02T03:00:00.000Z');

const at = (ms: number) => clockControl.freeze(new Date(ms));
const sms = async (p: TestPerson) => (await sentTo(p.phone)).filter((m) => m.channel === 'sms').map((m) => m.body);
const departs = (hhmm: string) => ({ departAt: `2027-03-03T${hhmm}:00+07:00`, arriveBy: '2027-03-03T12:00:00+07:00' });

async function consume(...events: unknown[]): Promise<void> {
  expect((await handler(sqsBatch(...events), context)).batchItemFailures).toEqual([]);
}

beforeAll(async () => {
  process.env.LIAISON_SMS_PER_PROCESS_PER_SECOND = '200';
  process.env.LIAISON_EMAIL_PER_PROCESS_PER_SECOND = '200';
  await profile({ coalesceMinutes: 2 });
});

beforeEach(() => {
  at(T0);
  forgetSettings();
  forgetProfile();
});

afterAll(() => clockControl.reset());

describe('coalescing', () => {
  it('sends the passenger one more message, with the final state, for five edits in a minute', async () => {
    const guest = await person();
    let current = trip({ passengerIds: [guest.id] });
    await consume(tripScheduled(current));
    for (const [i, time] of ['09:10', '09:20', '09:30', '09:40', '09:50'].entries()) {
      at(T0 + (i + 1) * 10_000);
      const edit = tripChanged(current, departs(time));
      current = edit.after;
      await consume(edit.event);
    }
    expect(await sms(guest)).toHaveLength(1);

    // The window (2 minutes after the first message) is still open: nothing goes.
    at(T0 + 119_000);
    await digests({});
    expect(await sms(guest)).toHaveLength(1);

    // Closed: two runs at once send the digest once, with the last time the organiser set.
    at(T0 + 120_000);
    await Promise.all([digests({}), digests({})]);
    const texts = await sms(guest);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toBe('Change to your pick-up: now Wed 3 Mar 09:50 WIB from CGK Terminal 3 to Hotel Mulia. Vehicle: to be confirmed, driver to be confirmed.');
    await digests({});
    expect(await sms(guest)).toHaveLength(2);

    // The digest opened a new window: an edit in it waits for that one to close.
    at(T0 + 150_000);
    await consume(tripChanged(current, departs('10:00')).event);
    expect(await sms(guest)).toHaveLength(2);
    at(T0 + 240_000);
    await digests({});
    expect((await sms(guest))[2]).toContain('now Wed 3 Mar 10:00 WIB');
  });

  it('sends at once a change that comes after the window has closed', async () => {
    const guest = await person();
    const t1 = trip({ passengerIds: [guest.id] });
    await consume(tripScheduled(t1));
    at(T0 + 10 * 60_000);
    await consume(tripChanged(t1, departs('08:00')).event);
    expect(await sms(guest)).toHaveLength(2);
  });

  it('neither holds again nor rolls back to a redelivered or late event', async () => {
    const guest = await person();
    const t1 = trip({ passengerIds: [guest.id] });
    await consume(tripScheduled(t1));
    at(T0 + 5_000);
    const early = tripChanged(t1, departs('09:30'));
    at(T0 + 20_000);
    const a = tripChanged(t1, departs('09:45'));
    const b = tripChanged(a.after, departs('10:15'));
    await handleEvent(table, a.event);
    await handleEvent(table, b.event);
    // The same event again (as after a crash before its claim was settled), and an older one arriving late.
    expect(await handleEvent(table, a.event)).toMatchObject({ held: 0, dropped: 1 });
    expect(await handleEvent(table, early.event)).toMatchObject({ held: 0, dropped: 1 });

    at(T0 + 120_000);
    await digests({});
    const texts = await sms(guest);
    expect(texts).toHaveLength(2);
    expect(texts[1]).toContain('now Wed 3 Mar 10:15 WIB');
  });

  it('never holds back an emergency about a subject, even inside the window', async () => {
    const organiser = await person({ role: 'organizer' });
    const base: Omit<MessageRequest, 'cause' | 'priority'> = {
      recipient: { personId: organiser.id },
      templateKey: 'ticket.acknowledged',
      vars: { ticketId: 'tkt_1', title: 'Fire alarm' },
      channels: ['sms'],
      sourceEventId: null,
      subject: `ticket:${organiser.id}`,
    };
    const first = await coalesceRequests(table, [{ request: { ...base, cause: 'c1:x', priority: 'urgent' }, atMs: T0 }], 120_000, T0);
    const second = await coalesceRequests(table, [{ request: { ...base, cause: 'c2:x', priority: 'urgent' }, atMs: T0 + 1 }], 120_000, T0 + 1_000);
    const emergency = await coalesceRequests(table, [{ request: { ...base, cause: 'c3:x', priority: 'emergency' }, atMs: T0 + 2 }], 120_000, T0 + 2_000);
    expect([first.now.length, second.now.length, second.held, emergency.now.length]).toEqual([1, 0, 1, 1]);
    await deliver(emergency.now, { tableName: table });
    expect(await sms(organiser)).toHaveLength(1);
  });

  it('holds nothing when the event’s window is 0 minutes', async () => {
    await profile({ coalesceMinutes: 0 });
    forgetSettings();
    try {
      const guest = await person();
      const t1 = trip({ passengerIds: [guest.id] });
      await consume(tripScheduled(t1));
      at(T0 + 1_000);
      const edit = tripChanged(t1, departs('09:05'));
      await consume(edit.event);
      at(T0 + 2_000);
      await consume(tripChanged(edit.after, departs('09:10')).event);
      expect(await sms(guest)).toHaveLength(3);
    } finally {
      await profile({ coalesceMinutes: 2 });
      forgetSettings();
    }
  });
});
