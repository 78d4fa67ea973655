// Times and dates as a message says them, in the event's time zone and the reader's language:
// "Sel 2 Mar 09.00 WIB" / "Tue 2 Mar 09:00 WIB", and "Sel 2 Mar" for check-in and check-out days.
// Also the wall-clock arithmetic quiet hours need (local time of an instant, the instant of a local time).
import type { Language } from '@liaison/contracts';

/** Indonesia's own zone names: Intl knows them in `id` only, and people there say them in any language. */
const INDONESIAN_ZONES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Intl formatters are slow to build and safe to share: one per language, zone and shape. */
function formatter(locale: string, timeZone: string, shape: 'parts' | 'zone' | 'wall'): Intl.DateTimeFormat {
  const id = `${locale}|${timeZone}|${shape}`;
  let f = formatters.get(id);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      shape === 'parts'
        ? { timeZone, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }
        : shape === 'zone'
          ? { timeZone, timeZoneName: 'short' }
          : { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' };
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(id, f);
  }
  return f;
}

function toMs(at: number | string): number {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  if (!Number.isFinite(ms)) throw new RangeError(`not a time: ${String(at)}`);
  return ms;
}

function partsOf(f: Intl.DateTimeFormat, ms: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(ms)) out[p.type] = p.value;
  return out;
}

/** The zone as people there name it: WIB/WITA/WIT in Indonesia, else Intl's short name (`EST`, `GMT+9`, `UTC`). */
export function zoneName(at: number | string, timeZone: string): string {
  const known = INDONESIAN_ZONES[timeZone];
  if (known) return known;
  return partsOf(formatter('en', timeZone, 'zone'), toMs(at)).timeZoneName ?? 'UTC';
}

/** "Sel 2 Mar 09.00 WIB" (id) / "Tue 2 Mar 09:00 WIB" (en). */
export function formatTime(at: number | string, timeZone: string, language: Language): string {
  const ms = toMs(at);
  return `${formatDay(ms, timeZone, language)} ${formatClock(ms, timeZone, language)} ${zoneName(ms, timeZone)}`;
}

/** "09.00" (id) / "09:00" (en), local to the zone, without the zone's name. */
export function formatClock(at: number | string, timeZone: string, language: Language): string {
  const p = partsOf(formatter(language, timeZone, 'parts'), toMs(at));
  return `${p.hour}${language === 'id' ? '.' : ':'}${p.minute}`;
}

/** "Sel 2 Mar" / "Tue 2 Mar": the local day of an instant. */
export function formatDay(at: number | string, timeZone: string, language: Language): string {
  const p = partsOf(formatter(language, timeZone, 'parts'), toMs(at));
  return `${p.weekday} ${p.day} ${p.month}`;
}

/** A local calendar date (`2027-03-02`, a check-in day) as "Sel 2 Mar" / "Tue 2 Mar". It is a day, not an instant: no zone applies. */
export function formatDate(date: string, language: Language): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) throw new RangeError(`not a date as YYYY-MM-DD: ${date}`);
  return formatDay(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12), 'UTC', language);
}

// ---- wall-clock arithmetic (quiet hours)

export interface WallTime {
  year: number;
  month: number;
  day: number;
  /** Minutes since local midnight, 0..1439. */
  minutes: number;
}

/** The local date and time of day of an instant in a zone. */
export function wallTime(atMs: number, timeZone: string): WallTime {
  const p = partsOf(formatter('en', timeZone, 'wall'), atMs);
  return { year: Number(p.year), month: Number(p.month), day: Number(p.day), minutes: (Number(p.hour) % 24) * 60 + Number(p.minute) };
}

/** How far the zone is ahead of UTC at an instant, in ms (whole seconds). */
export function zoneOffsetMs(atMs: number, timeZone: string): number {
  const p = partsOf(formatter('en', timeZone, 'wall'), atMs);
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour) % 24, Number(p.minute), Number(p.second));
  return asUtc - (atMs - (((atMs % 1000) + 1000) % 1000));
}

/**
 * The first instant at which a zone's clock shows a local date and time of day (or later). A time that
 * happens twice (the fall-back night) gives the first; a time skipped by a jump forward (02:30 on the
 * spring-forward night) gives the instant of the jump, when the clock goes from before it to after it.
 * `day` may run past the month's end (Date.UTC carries it over).
 */
export function instantOf(year: number, month: number, day: number, minutes: number, timeZone: string): number {
  const naive = Date.UTC(year, month - 1, day, 0, minutes);
  // A zone changes its offset at most once in any two days: the offsets a day either side cover both readings.
  const offsets = [...new Set([naive - 86_400_000, naive, naive + 86_400_000].map((t) => zoneOffsetMs(t, timeZone)))];
  const valid = offsets.map((o) => naive - o).filter((t) => zoneOffsetMs(t, timeZone) === naive - t);
  if (valid.length > 0) return Math.min(...valid);
  // Skipped: the jump lies between the readings with the offsets after and before it; find it to the second.
  const after = Math.max(...offsets);
  let lo = naive - after; // still on the old offset
  let hi = naive - Math.min(...offsets); // already on the new one
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (zoneOffsetMs(mid, timeZone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}
