// What messages say about trips, stays, meetings and tickets, per language: the values templates fill
// in (times in the event's zone, kinds and severities in words), and the ones the consumer looks up.
import type { EventData, Language, Stay, Trip, VehicleRef } from '@liaison/contracts';
import { LANGUAGES } from '@liaison/contracts/constants';
import { formatClock, formatDate, formatTime } from './format';
import type { Vars } from './templates';

export interface ValuesContext {
  timeZone: string;
}

export type PerLanguage = Record<Language, string>;
export const perLanguage = (f: (language: Language) => string): PerLanguage => Object.fromEntries(LANGUAGES.map((l) => [l, f(l)])) as PerLanguage;
export const words = (id: string, en: string): PerLanguage => ({ id, en });
export const list = (items: PerLanguage[]): PerLanguage => perLanguage((l) => items.map((i) => i[l]).join(', '));

export const TRIP_NAMES: Record<Trip['kind'], PerLanguage> = {
  pickup: words('penjemputan', 'pick-up'),
  transfer: words('transfer', 'transfer'),
  departure: words('keberangkatan', 'departure transfer'),
};
export const TO_BE_CONFIRMED = words('menyusul', 'to be confirmed');
// What a looked-up value reads as when there is none: words, never "-", so that a template written
// "{{loName}}, {{loPhone}}" or "penumpang: {{passengerNames}}" still reads as a sentence.
export const NO_PHONE = words('tanpa nomor telepon', 'no phone number');
export const NO_NAMES = words('tidak ada', 'none');
export const UNKNOWN_REPORTER = words('pelapor tak dikenal', 'an unknown reporter');

export const TICKET_WORDS = {
  kind: { question: words('pertanyaan', 'question'), request: words('permintaan', 'request'), complaint: words('keluhan', 'complaint'), incident: words('insiden', 'incident'), emergency: words('darurat', 'emergency') },
  category: {
    transport: words('transportasi', 'transport'),
    accommodation: words('akomodasi', 'accommodation'),
    schedule: words('jadwal', 'schedule'),
    security: words('keamanan', 'security'),
    health: words('kesehatan', 'health'),
    other: words('lainnya', 'other'),
  },
  severity: { critical: words('kritis', 'critical'), high: words('tinggi', 'high'), medium: words('sedang', 'medium'), low: words('rendah', 'low') },
  reason: { ack_overdue: words('Belum ditanggapi tepat waktu', 'Not acknowledged in time'), resolve_overdue: words('Belum selesai tepat waktu', 'Not resolved in time') },
} as const;

export const time = (iso: string, ctx: ValuesContext) => perLanguage((l) => formatTime(iso, ctx.timeZone, l));

/** A trip's values as passengers read them (also what pick-up reminders use). */
export function tripVars(trip: Trip, vehicle: VehicleRef | null, ctx: ValuesContext): Vars {
  return {
    trip: TRIP_NAMES[trip.kind],
    time: time(trip.departAt, ctx),
    from: trip.from,
    to: trip.to,
    vehicle: vehicle ? `${vehicle.label} (${vehicle.plate})` : TO_BE_CONFIRMED,
    driver: vehicle?.driver ? `${vehicle.driver.name} ${vehicle.driver.phone}` : TO_BE_CONFIRMED,
  };
}

export function driverVars(trip: Trip, vehicle: VehicleRef, ctx: ValuesContext): Vars {
  return {
    trip: TRIP_NAMES[trip.kind],
    time: time(trip.departAt, ctx),
    from: trip.from,
    to: trip.to,
    vehicle: `${vehicle.label} (${vehicle.plate})`,
    passengerCount: String(trip.passengerIds.length),
  };
}

export function stayVars(stay: Stay): Vars {
  const nights = Math.round((Date.parse(`${stay.checkOut}T00:00:00Z`) - Date.parse(`${stay.checkIn}T00:00:00Z`)) / 86_400_000);
  return {
    hotel: stay.hotel,
    room: stay.room,
    checkIn: perLanguage((l) => formatDate(stay.checkIn, l)),
    checkOut: perLanguage((l) => formatDate(stay.checkOut, l)),
    nights: String(nights),
  };
}

export type Meeting = EventData<'meeting.scheduled'>['meeting'];
export function meetingVars(m: Meeting, ctx: ValuesContext): Vars {
  return { title: m.title, time: time(m.startsAt, ctx), endTime: perLanguage((l) => formatClock(m.endsAt, ctx.timeZone, l)), location: m.location };
}

export type TicketRef = EventData<'ticket.created'>['ticket'];
export function ticketVars(t: TicketRef, ctx: ValuesContext): Vars {
  return {
    ticketId: t.id,
    title: t.subject,
    kind: TICKET_WORDS.kind[t.kind],
    category: TICKET_WORDS.category[t.category],
    severity: TICKET_WORDS.severity[t.severity],
    ackDue: time(t.ackDueAt, ctx),
    resolveDue: time(t.resolveDueAt, ctx),
  };
}

export const STAY_FIELDS: Record<string, PerLanguage> = { hotel: words('hotel', 'hotel'), room: words('kamar', 'room'), checkIn: words('check-in', 'check-in'), checkOut: words('check-out', 'check-out') };

// ---- looked up by the consumer

export interface Found {
  lo?: { name: string; phone: string | null } | null;
  passengers?: { name: string }[];
  reporter?: { name: string; phone: string | null } | null;
}

const SHOWN_NAMES = 5;

/** A person in one phrase: "Rina +62813…", or the name alone without a phone. */
const namePhone = (p: { name: string; phone: string | null }) => (p.phone ? `${p.name} ${p.phone}` : p.name);

/** The first five names, then "+N lainnya" / "+N more"; '' for none. */
function shownNames(names: readonly string[]): PerLanguage {
  const more = names.length - SHOWN_NAMES;
  const shown = names.slice(0, SHOWN_NAMES).join(', ');
  return perLanguage((l) => (more > 0 ? `${shown} ${l === 'id' ? `+${more} lainnya` : `+${more} more`}` : shown));
}

/** "2 penumpang: Ahmad, Siti" / "1 passenger: Ahmad", "Tanpa penumpang" / "No passengers"; a count without names when none were found. */
function passengersPhrase(count: number, names: PerLanguage): PerLanguage {
  return perLanguage((l) => {
    if (count === 0) return l === 'id' ? 'Tanpa penumpang' : 'No passengers';
    const counted = l === 'id' ? `${count} penumpang` : `${count} ${count === 1 ? 'passenger' : 'passengers'}`;
    return names[l] ? `${counted}: ${names[l]}` : counted;
  });
}

/**
 * `lo` → lo, loName, loPhone; `reporter` → reporter, reporterName, reporterPhone; `passengers` →
 * passengers, passengerNames (five, then "+N more"). `lo` and `reporter` are the person in one phrase,
 * "Rina +62813…", "Rina" without a phone, else "to be confirmed" / "an unknown reporter"; `passengers`
 * is the count and the names in one phrase, "No passengers" for none. The default texts use these, so
 * none reads "0 penumpang: -." or "Rina, -."; the single values stay for templates written with them,
 * and read as words when missing ("no phone number", "none").
 * `passengerCount` is the trip's (names of people no longer in the directory are not found).
 */
export function lookedUpVars(needs: readonly ('lo' | 'passengers' | 'reporter')[], found: Found, passengerCount?: number): Vars {
  const vars: Vars = {};
  for (const need of needs) {
    if (need === 'lo') {
      vars.lo = found.lo ? namePhone(found.lo) : TO_BE_CONFIRMED;
      vars.loName = found.lo?.name ?? TO_BE_CONFIRMED;
      vars.loPhone = found.lo?.phone ?? NO_PHONE;
    } else if (need === 'reporter') {
      vars.reporter = found.reporter ? namePhone(found.reporter) : UNKNOWN_REPORTER;
      vars.reporterName = found.reporter?.name ?? UNKNOWN_REPORTER;
      vars.reporterPhone = found.reporter?.phone ?? NO_PHONE;
    } else {
      const names = shownNames((found.passengers ?? []).map((p) => p.name));
      vars.passengers = passengersPhrase(passengerCount ?? found.passengers?.length ?? 0, names);
      vars.passengerNames = names.en ? names : NO_NAMES;
    }
  }
  return vars;
}
