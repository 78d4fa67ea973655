// Wall-clock time in the event's time zone, through Intl only: local dates of an instant, an instant
// of a local date and time, and instants rendered with their offset (`2027-03-02T09:00:00+07:00`).

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wall(ms: number, timeZone: string): Wall {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** Minutes the zone is ahead of UTC at `ms` (Asia/Jakarta: 420). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const w = wall(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** The instant as local time with its offset, seconds included: `2027-03-02T09:00:00+07:00`. */
export function inZone(ms: number, timeZone: string): string {
  const w = wall(ms, timeZone);
  const off = offsetMinutes(ms, timeZone);
  const sign = off < 0 ? '-' : '+';
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${sign}${pad(Math.trunc(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
}

/** The ISO date-time re-rendered in the zone: same instant, local wall time and offset. */
export function isoInZone(iso: string, timeZone: string): string {
  return inZone(Date.parse(iso), timeZone);
}

/** `YYYY-MM-DD` of the instant in the zone. */
export function localDate(ms: number, timeZone: string): string {
  const w = wall(ms, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** The instant at local `date` and `time` (`HH:MM`) in the zone. A time skipped by a DST jump lands after it. */
export function atLocal(date: string, time: string, timeZone: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Two rounds settle the offset, including on days when it changes.
  let ms = asUtc - offsetMinutes(asUtc, timeZone) * 60_000;
  ms = asUtc - offsetMinutes(ms, timeZone) * 60_000;
  return ms;
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date: nights become integers to sweep over. */
export function dayNumber(date: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, mo - 1, d) / DAY_MS);
}

/** The `YYYY-MM-DD` date of a day number. */
export function dateOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Local dates touched by the half-open window [startMs, endMs) in the zone, in order. */
export function datesOf(startMs: number, endMs: number, timeZone: string): string[] {
  const first = dayNumber(localDate(startMs, timeZone));
  const last = dayNumber(localDate(Math.max(startMs, endMs - 1), timeZone));
  const out: string[] = [];
  for (let d = first; d <= last; d++) out.push(dateOfDay(d));
  return out;
}

/** `2027-03-02 09:00` in the zone, for messages. */
export function shortLocal(ms: number, timeZone: string): string {
  return inZone(ms, timeZone).slice(0, 16).replace('T', ' ');
}
