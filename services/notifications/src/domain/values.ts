// What messages say about trips, stays, meetings and tickets, per language: the values templates fill
// in (times in the event's zone, kinds and severities in words), and the ones the consumer looks up.
import { LANGUAGES, type EventData, type Language, type Stay, type Trip, type VehicleRef } from '@liaison/contracts';
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
export const NONE = '-';

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

/**
 * `lo` → lo, loName, loPhone; `reporter` → reporterName, reporterPhone; `passengers` → passengerNames
 * (five, then "+N more"). `lo` is the LO in one phrase, "Rina +62813…", "Rina" without a phone, or
 * "to be confirmed" without an LO: the default texts use it, so none reads "menyusul -".
 */
export function lookedUpVars(needs: readonly ('lo' | 'passengers' | 'reporter')[], found: Found): Vars {
  const vars: Vars = {};
  for (const need of needs) {
    if (need === 'lo') {
      vars.lo = found.lo ? (found.lo.phone ? `${found.lo.name} ${found.lo.phone}` : found.lo.name) : TO_BE_CONFIRMED;
      vars.loName = found.lo?.name ?? TO_BE_CONFIRMED;
      vars.loPhone = found.lo?.phone ?? NONE;
    } else if (need === 'reporter') {
      vars.reporterName = found.reporter?.name ?? NONE;
      vars.reporterPhone = found.reporter?.phone ?? NONE;
    } else {
      const names = (found.passengers ?? []).map((p) => p.name);
      const more = names.length - SHOWN_NAMES;
      const shown = names.slice(0, SHOWN_NAMES).join(', ') || NONE;
      vars.passengerNames = more > 0 ? perLanguage((l) => `${shown} ${l === 'id' ? `+${more} lainnya` : `+${more} more`}`) : shown;
    }
  }
  return vars;
}
