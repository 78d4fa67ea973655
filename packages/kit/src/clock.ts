// The one clock that all domain code reads time from, so tests and the local runtime can move it.
// Nothing else in the project calls Date.now() for domain time.

let offsetMs = 0;
let frozenAt: number | null = null;

function realNow(): number {
  return Date.now();
}

export const clock = {
  /** Milliseconds since the epoch, as the (possibly moved) clock sees it. */
  nowMs(): number {
    return frozenAt ?? realNow() + offsetMs;
  },
  now(): Date {
    return new Date(clock.nowMs());
  },
  /** ISO 8601 in UTC, e.g. `2027-03-02T02:00:00.000Z`. */
  iso(): string {
    return clock.now().toISOString();
  },
  /** Whole seconds since the epoch, for DynamoDB TTL attributes. */
  epochSeconds(): number {
    return Math.floor(clock.nowMs() / 1000);
  },
};

/** Moves the clock. Only the local runtime and tests call these. */
export const clockControl = {
  advance(ms: number): void {
    if (frozenAt !== null) frozenAt += ms;
    else offsetMs += ms;
  },
  /** Jumps to `at`; time keeps running from there. */
  set(at: Date): void {
    frozenAt = null;
    offsetMs = at.getTime() - realNow();
  },
  /** Stops the clock at `at` (tests that need exact instants). */
  freeze(at: Date = clock.now()): void {
    frozenAt = at.getTime();
  },
  reset(): void {
    offsetMs = 0;
    frozenAt = null;
  },
  state(): { offsetMs: number; frozen: boolean; now: string } {
    return { offsetMs: frozenAt === null ? offsetMs : frozenAt - realNow(), frozen: frozenAt !== null, now: clock.iso() };
  },
};

/** Parses an ISO 8601 duration such as `PT2H`, `P1DT30M`, `-PT15M` into milliseconds. */
export function parseDuration(text: string): number | null {
  const m = /^(-)?P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(text);
  if (!m || text === 'P' || text.endsWith('T') || /^-?P$/.test(text)) return null;
  const [, neg, w, d, h, min, s] = m;
  const ms =
    Number(w ?? 0) * 604_800_000 +
    Number(d ?? 0) * 86_400_000 +
    Number(h ?? 0) * 3_600_000 +
    Number(min ?? 0) * 60_000 +
    Number(s ?? 0) * 1000;
  return neg ? -ms : ms;
}
