// Runs the stack's scheduled functions: `rate(...)` on a real-time interval, `cron(...)` when the
// movable clock enters a matching minute (UTC, as EventBridge rules), and any of them on demand.
import { randomUUID } from 'node:crypto';
import type { ScheduledEvent } from 'aws-lambda';
import { clock } from '@liaison/kit/clock';
import { invoke, type LocalFunction } from './lambda';
import type { ScheduleModel } from './model';

export type ParsedSchedule =
  | { kind: 'rate'; everyMs: number }
  | { kind: 'cron'; matches: (at: Date) => boolean }
  | { kind: 'manual'; reason: string };

const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/** One cron field as the set of values it allows, or null for syntax we do not evaluate (L, W, #). */
function cronField(text: string, min: number, max: number, names: string[] = [], nameBase = min): Set<number> | null {
  const out = new Set<number>();
  const value = (t: string): number => {
    const i = names.indexOf(t.toUpperCase());
    if (i >= 0) return i + nameBase;
    if (!/^\d+$/.test(t)) throw new Error(`bad cron value ${t}`);
    return Number(t);
  };
  for (const part of text.split(',')) {
    const withoutNames = names.length > 0 ? part.toUpperCase().replace(new RegExp(`\\b(${names.join('|')})\\b`, 'g'), '0') : part.toUpperCase();
    if (/[LW#]/.test(withoutNames)) return null;
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`bad cron step in ${part}`);
    let from: number;
    let to: number;
    if (range === '*' || range === '?') [from, to] = [min, max];
    else if (range!.includes('-')) [from, to] = range!.split('-').map(value) as [number, number];
    else [from, to] = [value(range!), stepText === undefined ? value(range!) : max];
    if (from < min || to > max || from > to) throw new Error(`cron value out of range in ${part}`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}

export function parseScheduleExpression(expression: string): ParsedSchedule {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    if (n < 1) throw new Error(`${expression}: the rate must be at least 1`);
    return { kind: 'rate', everyMs: n * UNIT_MS[rate[2]!.replace(/s$/, '')]! };
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (cron) {
    const fields = cron[1]!.trim().split(/\s+/);
    if (fields.length !== 6) throw new Error(`${expression}: EventBridge cron has 6 fields (minutes hours day-of-month month day-of-week year)`);
    const [mi, h, dom, mon, dow, yr] = fields as [string, string, string, string, string, string];
    const minutes = cronField(mi, 0, 59);
    const hours = cronField(h, 0, 23);
    const days = cronField(dom, 1, 31);
    const months = cronField(mon, 1, 12, MONTHS, 1);
    const weekdays = cronField(dow, 1, 7, DAYS, 1); // EventBridge: 1 = Sunday
    const years = cronField(yr, 1970, 2199);
    if (!minutes || !hours || !days || !months || !weekdays || !years) {
      return { kind: 'manual', reason: `${expression} uses L, W or #, which the local scheduler does not evaluate` };
    }
    return {
      kind: 'cron',
      matches: (at) =>
        minutes.has(at.getUTCMinutes()) &&
        hours.has(at.getUTCHours()) &&
        days.has(at.getUTCDate()) &&
        months.has(at.getUTCMonth() + 1) &&
        weekdays.has(at.getUTCDay() + 1) &&
        years.has(at.getUTCFullYear()),
    };
  }
  return { kind: 'manual', reason: `${expression} is not a rate() or cron() expression` };
}

export interface ScheduleRun {
  name: string;
  ms: number;
  ok: boolean;
  error?: string;
}

export class UnknownScheduleError extends Error {}

export class Scheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Map<string, Promise<ScheduleRun>>();
  private readonly lastCronMinute = new Map<string, number>();

  constructor(
    private readonly schedules: ScheduleModel[],
    private readonly functions: Map<string, LocalFunction>,
    private readonly context: { region: string; accountId: string },
    private readonly log: (line: string) => void,
    private readonly logError: (text: string) => void = () => {},
  ) {}

  names(): string[] {
    return this.schedules.map((s) => s.name);
  }

  start(): void {
    for (const schedule of this.schedules) {
      if (!schedule.enabled) {
        this.log(`  schedule ${schedule.name}: disabled in the template; run it with POST /_local/schedules/${schedule.name}/run`);
        continue;
      }
      let parsed: ParsedSchedule;
      try {
        parsed = parseScheduleExpression(schedule.expression);
      } catch (err) {
        parsed = { kind: 'manual', reason: (err as Error).message };
      }
      if (parsed.kind === 'rate') {
        this.timers.push(setInterval(() => void this.tick(schedule), parsed.everyMs));
      } else if (parsed.kind === 'cron') {
        const matches = parsed.matches;
        this.timers.push(
          setInterval(() => {
            const minute = Math.floor(clock.nowMs() / 60_000);
            if (this.lastCronMinute.get(schedule.name) === minute) return;
            this.lastCronMinute.set(schedule.name, minute);
            if (matches(new Date(minute * 60_000))) void this.tick(schedule);
          }, 1000),
        );
      } else {
        this.log(`  schedule ${schedule.name}: ${parsed.reason}; it runs on demand only (POST /_local/schedules/${schedule.name}/run)`);
      }
    }
    for (const t of this.timers) t.unref();
  }

  /** Stops the timers and waits for runs in progress. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    await Promise.allSettled(this.running.values());
  }

  /** Runs one schedule now and resolves when it has finished; a run already going is joined. */
  runNow(name: string): Promise<ScheduleRun> {
    const schedule = this.schedules.find((s) => s.name === name);
    if (!schedule) throw new UnknownScheduleError(name);
    return this.run(schedule, 'on demand');
  }

  private async tick(schedule: ScheduleModel): Promise<void> {
    if (this.running.has(schedule.name)) {
      this.log(`  schedule ${schedule.name}: still running, this tick is skipped`);
      return;
    }
    await this.run(schedule, schedule.expression);
  }

  private run(schedule: ScheduleModel, why: string): Promise<ScheduleRun> {
    const current = this.running.get(schedule.name);
    if (current) return current;
    const promise = (async (): Promise<ScheduleRun> => {
      const fn = this.functions.get(schedule.function)!;
      const event: ScheduledEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: this.context.accountId,
        time: clock.iso().replace(/\.\d{3}Z$/, 'Z'),
        region: this.context.region,
        resources: [schedule.ruleArn],
        detail: {},
      };
      const result = await invoke(fn, schedule.input ?? event);
      const outcome = result.ok ? 'ok' : `failed: ${result.timedOut ? 'timed out' : result.error.message}`;
      if (!result.ok) this.logError(`${fn.model.logicalId} (schedule ${schedule.name}) failed: ${result.error.stack ?? result.error.message}`);
      this.log(`⏱ ${schedule.name} (${why}) ${outcome}, ${result.ms}ms`);
      return { name: schedule.name, ms: result.ms, ok: result.ok, ...(result.ok ? {} : { error: result.error.message }) };
    })().finally(() => this.running.delete(schedule.name));
    this.running.set(schedule.name, promise);
    return promise;
  }
}
