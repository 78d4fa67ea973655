// The `pickup-reminders` schedule (every minute): reads only the trips whose reminder is due (the
// projection's sparse index, key condition `<= now`, no Scan), sends `trip.reminder` to the passengers
// of those that have not left yet, and takes each entry out of the index with a condition. A second run,
// or a second copy of this one, finds the entry gone or hands deliver() the same cause
// (`reminder:<tripId>:<departAt>`), whose records send it once.
import type { Context } from 'aws-lambda';
import { clock } from '@liaison/kit/clock';
import { loadConfig } from '@liaison/kit/config';
import { log } from '@liaison/kit/log';
import { messageSettings, type MessageSettings } from '../consumers/settings';
import { tripVars } from '../domain/automatic';
import { deliver, type DeliverOptions } from '../send/deliver';
import { clearReminder, dueReminders, getTripView, type TripView } from '../store/projection';
import type { MessageRequest } from '../types';

export const REMINDER_SCHEDULE = 'pickup-reminders';

export interface ReminderStats {
  /** Index entries read. */
  read: number;
  /** Trips reminded (their passengers handed to deliver). */
  reminded: number;
  /** Trips that had left, or changed since the index was read: no reminder from this entry. */
  skipped: number;
  more: boolean;
}

export function reminderRequests(view: TripView, settings: Pick<MessageSettings, 'timeZone' | 'languages'>): MessageRequest[] {
  const { trip, vehicle } = view;
  const vars = tripVars(trip, vehicle, settings);
  return trip.passengerIds.map((personId) => ({
    cause: `reminder:${trip.id}:${trip.departAt}`,
    recipient: { personId },
    templateKey: 'trip.reminder',
    vars,
    channels: ['sms', 'email'],
    priority: 'normal',
    // About something that happens soon: before quiet hours end it goes at once (planChannels).
    happensAtMs: Date.parse(trip.departAt),
    sourceEventId: null,
  }));
}

export async function sendDueReminders(tableName: string, nowMs: number, opts: Pick<DeliverOptions, 'remainingMs'> = {}): Promise<ReminderStats> {
  const stats: ReminderStats = { read: 0, reminded: 0, skipped: 0, more: false };
  const settings = await messageSettings(tableName);
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dueReminders(tableName, nowMs, 50, cursor);
    stats.read += page.items.length;
    // The index lags the item: decide on the item as it is now.
    const current = await Promise.all(page.items.map((v) => getTripView(tableName, v.trip.id, true)));
    const due = current.filter((v): v is TripView => v !== null && v.remindAt !== null && Date.parse(v.remindAt) <= nowMs && v.trip.status === 'scheduled');
    const left = due.filter((v) => Date.parse(v.trip.departAt) <= nowMs);
    const going = due.filter((v) => Date.parse(v.trip.departAt) > nowMs);
    await deliver(going.flatMap((v) => reminderRequests(v, settings)), { tableName, ...opts });
    const cleared = await Promise.all([...going.map((v) => clearReminder(tableName, v, true)), ...left.map((v) => clearReminder(tableName, v, false))]);
    const reminded = cleared.slice(0, going.length).filter(Boolean).length;
    stats.reminded += reminded;
    stats.skipped += page.items.length - reminded;
    cursor = page.next ?? undefined;
    if (cursor && opts.remainingMs && opts.remainingMs() < 10_000) {
      stats.more = true;
      break;
    }
  } while (cursor);
  return stats;
}

const config = loadConfig(['tableName']);

export const handler = async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<ReminderStats> => {
  const stats = await sendDueReminders(config.tableName, clock.nowMs(), context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {});
  if (stats.read > 0) log.info('pickup reminders', { ...stats });
  if (stats.more) log.warn('pickup reminders ran out of time; the next run goes on', { ...stats });
  return stats;
};
