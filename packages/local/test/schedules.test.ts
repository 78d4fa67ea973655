import { describe, expect, it } from '@jest/globals';
import { parseScheduleExpression } from '../src/schedules';

const at = (iso: string) => new Date(iso);

function cron(expression: string) {
  const parsed = parseScheduleExpression(expression);
  if (parsed.kind !== 'cron') throw new Error(`expected cron, got ${parsed.kind}`);
  return parsed.matches;
}

describe('schedule expressions', () => {
  it('reads rate() in minutes, hours and days', () => {
    expect(parseScheduleExpression('rate(1 minute)')).toEqual({ kind: 'rate', everyMs: 60_000 });
    expect(parseScheduleExpression('rate(5 minutes)')).toEqual({ kind: 'rate', everyMs: 300_000 });
    expect(parseScheduleExpression('rate(2 hours)')).toEqual({ kind: 'rate', everyMs: 7_200_000 });
    expect(parseScheduleExpression('rate(1 day)')).toEqual({ kind: 'rate', everyMs: 86_400_000 });
    expect(() => parseScheduleExpression('rate(0 minutes)')).toThrow();
  });

  it('evaluates the common cron forms in UTC', () => {
    const every5 = cron('cron(0/5 * * * ? *)');
    expect(every5(at('2027-03-02T02:05:00Z'))).toBe(true);
    expect(every5(at('2027-03-02T02:06:00Z'))).toBe(false);
    const morning = cron('cron(0 1 * * ? *)'); // 08:00 in Jakarta
    expect(morning(at('2027-03-02T01:00:00Z'))).toBe(true);
    expect(morning(at('2027-03-02T02:00:00Z'))).toBe(false);
    const weekdays = cron('cron(30 9 ? * MON-FRI *)');
    expect(weekdays(at('2027-03-01T09:30:00Z'))).toBe(true); // a Monday
    expect(weekdays(at('2027-03-06T09:30:00Z'))).toBe(false); // a Saturday
    const sundays = cron('cron(0 12 ? * 1 *)'); // EventBridge: 1 is Sunday
    expect(sundays(at('2027-03-07T12:00:00Z'))).toBe(true);
    const listed = cron('cron(15,45 8-10 1 JAN,JUL ? 2027)');
    expect(listed(at('2027-07-01T09:45:00Z'))).toBe(true);
    expect(listed(at('2027-07-02T09:45:00Z'))).toBe(false);
    expect(listed(at('2028-01-01T08:15:00Z'))).toBe(false);
  });

  it('leaves L, W and # to on-demand runs, and says why', () => {
    expect(parseScheduleExpression('cron(0 10 L * ? *)')).toMatchObject({ kind: 'manual', reason: expect.stringContaining('L, W or #') });
    expect(parseScheduleExpression('cron(0 10 ? * 6#3 *)')).toMatchObject({ kind: 'manual' });
    expect(parseScheduleExpression('at(2027-03-02T09:00:00)')).toMatchObject({ kind: 'manual' });
  });

  it('rejects malformed cron', () => {
    expect(() => parseScheduleExpression('cron(0 10 * * *)')).toThrow(/6 fields/);
    expect(() => parseScheduleExpression('cron(61 * * * ? *)')).toThrow(/out of range/);
  });
});
