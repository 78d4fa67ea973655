// Which channels a message goes out on, and when: consent, contact data, priority and the event's quiet
// hours (in its time zone; they may span midnight). `emergency` uses every channel the person has, at
// any hour; `urgent` respects consent but not quiet hours; `normal` respects both, and waits for the
// quiet hours to end unless what it is about happens before they end (then it goes now, like `urgent`).
// A vehicle's driver is not in the directory: SMS to their phone, no consent record, any hour.
import type { Channel, Priority } from '../types';
import { instantOf, wallTime } from './format';

export interface PersonContact {
  phone: string | null;
  email: string | null;
  consent: { sms: boolean; email: boolean };
}
export interface DriverContact {
  driver: { phone: string | null };
}
export type Contact = PersonContact | DriverContact;

export interface QuietProfile {
  timeZone: string;
  /** Local `HH:MM`; `start` after `end` spans midnight (22:00–06:00). Null or equal times: none. */
  quietHours: { start: string; end: string } | null;
}

export interface PlanInput {
  contact: Contact;
  requested: readonly Channel[];
  priority: Priority;
  /** When what the message is about happens (a pick-up's departAt): before quiet hours end → sent now. */
  happensAtMs?: number;
  profile: QuietProfile;
  nowMs: number;
}

export type ChannelPlan =
  | { channel: Channel; action: 'send' }
  | { channel: Channel; action: 'defer'; sendAtMs: number; reason: string }
  | { channel: Channel; action: 'skip'; reason: string };

/** Stable reasons, shown in the delivery log and in a dry run's `skipped`. */
export const REASONS = {
  noPhone: 'no phone',
  noEmail: 'no email',
  noConsent: (channel: Channel) => `no consent for ${channel}`,
  driverSmsOnly: 'drivers get SMS only',
  quietHours: 'quiet hours',
} as const;

function minutesOf(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new RangeError(`not a time of day as HH:MM: ${hhmm}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function quietWindow(profile: QuietProfile): { start: number; end: number } | null {
  if (!profile.quietHours) return null;
  const start = minutesOf(profile.quietHours.start);
  const end = minutesOf(profile.quietHours.end);
  return start === end ? null : { start, end };
}

function inWindow(minutes: number, w: { start: number; end: number }): boolean {
  return w.start < w.end ? minutes >= w.start && minutes < w.end : minutes >= w.start || minutes < w.end;
}

/** True when `nowMs` falls in the quiet hours, read in the profile's time zone. */
export function isQuiet(nowMs: number, profile: QuietProfile): boolean {
  return quietHoursEnd(nowMs, profile) !== null;
}

// The answer depends only on the zone, the window and the minute of `nowMs`, and a broadcast asks it for
// thousands of recipients in the same minute: remember recent answers (Intl calls cost ~50 µs each).
const ends = new Map<string, number | null>();
const MAX_REMEMBERED = 5_000;

/** When the quiet hours that `nowMs` falls in end (the next local `end` time); null when it is not quiet now. */
export function quietHoursEnd(nowMs: number, profile: QuietProfile): number | null {
  const w = quietWindow(profile);
  if (!w) return null;
  const id = `${profile.timeZone}|${w.start}|${w.end}|${Math.floor(nowMs / 60_000)}`;
  const known = ends.get(id);
  if (known !== undefined) return known;
  const local = wallTime(nowMs, profile.timeZone);
  // Past midnight (or a window that does not span it): they end today; before midnight: tomorrow.
  const end = inWindow(local.minutes, w) ? instantOf(local.year, local.month, local.minutes < w.end ? local.day : local.day + 1, w.end, profile.timeZone) : null;
  if (ends.size >= MAX_REMEMBERED) ends.clear();
  ends.set(id, end);
  return end;
}

function isDriver(contact: Contact): contact is DriverContact {
  return 'driver' in contact;
}

function planOne(channel: Channel, input: PlanInput): ChannelPlan {
  const { contact, priority } = input;
  if (isDriver(contact)) {
    if (channel !== 'sms') return { channel, action: 'skip', reason: REASONS.driverSmsOnly };
    return contact.driver.phone ? { channel, action: 'send' } : { channel, action: 'skip', reason: REASONS.noPhone };
  }
  const address = channel === 'sms' ? contact.phone : contact.email;
  if (!address) return { channel, action: 'skip', reason: channel === 'sms' ? REASONS.noPhone : REASONS.noEmail };
  if (priority === 'emergency') return { channel, action: 'send' };
  if (!contact.consent[channel]) return { channel, action: 'skip', reason: REASONS.noConsent(channel) };
  if (priority === 'urgent') return { channel, action: 'send' };
  const end = quietHoursEnd(input.nowMs, input.profile);
  if (end === null) return { channel, action: 'send' };
  if (input.happensAtMs !== undefined && input.happensAtMs < end) return { channel, action: 'send' };
  return { channel, action: 'defer', sendAtMs: end, reason: REASONS.quietHours };
}

/** One plan per requested channel (each once, in the order asked). */
export function planChannels(input: PlanInput): ChannelPlan[] {
  return [...new Set(input.requested)].map((channel) => planOne(channel, input));
}
