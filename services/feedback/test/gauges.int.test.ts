// The ticket gauges of the escalation schedule against DynamoDB Local with the movable clock: open counts
// every unresolved ticket, overdue those past a running due time, overdue critical the critical ones among
// them; the schedule writes them as one EMF line each run.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { clockControl } from '@liaison/kit/clock';
import { handler } from '../src/schedules/escalation';
import { ticketGauges } from '../src/store/gauges';
import { delegation, profile } from './directory';
import { call, file } from './invoke';

// Before anything other test files file (their tickets are never due here).
const T0 = Date.parse('2019-06-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const table = () => process.env.LIAISON_TABLE_NAME as string;

afterEach(() => {
  clockControl.reset();
  jest.restoreAllMocks();
});

describe('ticket gauges', () => {
  it('count open, overdue and overdue critical tickets, and the schedule writes them as EMF', async () => {
    await profile({});
    const d = await delegation();
    clockControl.freeze(at(0));
    const before = await ticketGauges(table(), at(0).toISOString());
    const critical = await file(d.claims.guest, { severity: 'critical', subject: 'medical' }); // ack 5 min
    await file(d.claims.guest, { severity: 'high', subject: 'no car' }); // ack 15 min
    const done = await file(d.claims.guest, { severity: 'critical', subject: 'settled at once' });
    for (const to of ['acknowledged', 'in_progress', 'resolved']) await call({ method: 'POST', url: `/tickets/${done.id}/transitions`, body: { to }, claims: d.claims.lo });

    expect(await ticketGauges(table(), at(4).toISOString())).toEqual({ open: before.open + 2, overdue: 0, overdueCritical: 0 });
    expect(await ticketGauges(table(), at(6).toISOString())).toEqual({ open: before.open + 2, overdue: 1, overdueCritical: 1 });
    await call({ method: 'POST', url: `/tickets/${critical.id}/transitions`, body: { to: 'acknowledged' }, claims: d.claims.lo });
    // Acknowledged: its resolve timer (60 min) runs on, so it is open but no longer overdue.
    expect(await ticketGauges(table(), at(6).toISOString())).toEqual({ open: before.open + 2, overdue: 0, overdueCritical: 0 });

    const written: string[] = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    clockControl.freeze(at(61));
    // Metric lines are off in tests unless asked.
    process.env.LIAISON_METRICS = 'on';
    try {
      await handler({});
    } finally {
      process.env.LIAISON_METRICS = 'off';
    }
    const lines = written.map((l) => JSON.parse(l)).filter((l) => l._aws);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ Service: 'feedback', TicketsOpen: before.open + 2, TicketsOverdue: 2, TicketsOverdueCritical: 1 });
    expect(lines[0]._aws.CloudWatchMetrics[0].Metrics.map((m: { Name: string }) => m.Name)).toEqual(['TicketsOpen', 'TicketsOverdue', 'TicketsOverdueCritical']);
  });
});
