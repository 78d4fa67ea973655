import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { clockControl } from '@liaison/kit/clock';
import type { LocalFunction } from '../src/lambda';
import type { FunctionModel, ScheduleModel } from '../src/model';
import { Scheduler, UnknownScheduleError } from '../src/schedules';

function fn(handler: (event: unknown) => Promise<unknown>): LocalFunction {
  const model = { logicalId: 'Fn', name: 'fn', arn: 'arn:aws:lambda:r:1:function:fn', timeoutSeconds: 5, memoryMb: 128 } as FunctionModel;
  return { model, handler: handler as LocalFunction['handler'] };
}

function schedule(name: string, expression: string, extra: Partial<ScheduleModel> = {}): ScheduleModel {
  return { name, logicalId: name, ruleArn: `arn:aws:events:r:1:rule/${name}`, expression, function: 'Fn', input: undefined, enabled: true, ...extra };
}

describe('the scheduler', () => {
  const events: unknown[] = [];
  const lines: string[] = [];
  let scheduler: Scheduler | null = null;

  beforeEach(() => {
    events.length = 0;
    lines.length = 0;
    jest.useFakeTimers({ now: new Date('2027-03-02T01:58:30Z') });
  });
  afterEach(async () => {
    await scheduler?.stop();
    jest.useRealTimers();
    clockControl.reset();
  });

  const start = (schedules: ScheduleModel[]) => {
    scheduler = new Scheduler(schedules, new Map([['Fn', fn(async (e) => void events.push(e))]]), { region: 'ap-southeast-3', accountId: '123456789012' }, (l) => lines.push(l));
    scheduler.start();
    return scheduler;
  };

  it('runs rate() schedules on their interval', async () => {
    start([schedule('every-minute', 'rate(1 minute)')]);
    await jest.advanceTimersByTimeAsync(59_000);
    expect(events).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1_000);
    expect(events).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ source: 'aws.events', 'detail-type': 'Scheduled Event', resources: ['arn:aws:events:r:1:rule/every-minute'] });
  });

  it('runs cron() schedules when the movable clock enters a matching minute', async () => {
    start([schedule('at-two', 'cron(0 2 * * ? *)')]);
    await jest.advanceTimersByTimeAsync(60_000); // 01:59:30
    expect(events).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(31_000); // 02:00:01
    expect(events).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(30_000); // still 02:00: not again
    expect(events).toHaveLength(1);
    clockControl.set(new Date('2027-03-03T02:00:00Z')); // a day later, by the clock
    await jest.advanceTimersByTimeAsync(1_000);
    expect(events).toHaveLength(2);
  });

  it('leaves disabled and unreadable schedules to on-demand runs, and says so', async () => {
    const s = start([schedule('off', 'rate(1 minute)', { enabled: false }), schedule('last-day', 'cron(0 10 L * ? *)')]);
    await jest.advanceTimersByTimeAsync(180_000);
    expect(events).toHaveLength(0);
    expect(lines.join('\n')).toMatch(/off: disabled[\s\S]*last-day: .*L, W or #/);
    expect(await s.runNow('last-day')).toMatchObject({ name: 'last-day', ok: true });
    expect(events).toHaveLength(1);
  });

  it('passes the rule input instead of the scheduled event when the template gives one', async () => {
    const s = start([schedule('with-input', 'rate(1 hour)', { input: { job: 'reminders' } })]);
    await s.runNow('with-input');
    expect(events).toEqual([{ job: 'reminders' }]);
  });

  it('refuses an unknown schedule', () => {
    const s = start([]);
    expect(() => s.runNow('nope')).toThrow(UnknownScheduleError);
  });
});
