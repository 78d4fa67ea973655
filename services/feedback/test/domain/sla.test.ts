import { describe, expect, it } from '@jest/globals';
import { SLA_SEVERITIES, type SlaSeverity, type Ticket } from '@liaison/contracts';
import fc from 'fast-check';
import { dueTimes, isOverdue, nextDueAt, overdueTimer, runningTimers, slaPolicy } from '../../src/domain/sla';
import { at, T0 } from './fixtures';

const timed = (status: Ticket['status'], ackMin = 15, resolveMin = 240) => ({ status, ackDueAt: at(ackMin), resolveDueAt: at(resolveMin) });

describe('SLA due times', () => {
  it.each([
    ['critical', 5, 60],
    ['high', 15, 4 * 60],
    ['medium', 60, 24 * 60],
    ['low', 4 * 60, 72 * 60],
  ] as const)('gives a %s ticket %i minutes to acknowledge and %i to resolve by default', (severity, ack, resolve) => {
    expect(dueTimes(severity, T0)).toEqual({ ackDueAt: at(ack), resolveDueAt: at(resolve) });
  });

  it('counts from an instant given with any offset, answering in UTC', () => {
    expect(dueTimes('critical', '2027-03-02T09:00:00+07:00')).toEqual({ ackDueAt: '2027-03-02T02:05:00.000Z', resolveDueAt: '2027-03-02T03:00:00.000Z' });
  });

  it("applies the event's override for a severity and keeps the defaults for the others (property)", () => {
    const target = fc.tuple(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 1, max: 10_000 })).map(([a, b]) => ({ ackMinutes: Math.min(a, b), resolveMinutes: Math.max(a, b) + 1 }));
    const overridesArb = fc.dictionary(fc.constantFrom(...SLA_SEVERITIES), target) as fc.Arbitrary<Partial<Record<SlaSeverity, { ackMinutes: number; resolveMinutes: number }>>>;
    fc.assert(
      fc.property(overridesArb, fc.constantFrom(...SLA_SEVERITIES), fc.integer({ min: 0, max: 100_000 }), (overrides, severity, startMin) => {
        const expected = overrides[severity] ?? slaPolicy()[severity];
        expect(dueTimes(severity, at(startMin), overrides)).toEqual({
          ackDueAt: at(startMin + expected.ackMinutes),
          resolveDueAt: at(startMin + expected.resolveMinutes),
        });
      }),
    );
  });
});

describe('SLA timers', () => {
  it('runs both timers while open or reopened', () => {
    expect(runningTimers(timed('open')).map((t) => t.timer)).toEqual(['ack', 'resolve']);
    expect(runningTimers(timed('reopened')).map((t) => t.timer)).toEqual(['ack', 'resolve']);
  });

  it('stops the ack timer once acknowledged, so a late acknowledgement is not overdue until the resolve time', () => {
    const t = timed('acknowledged');
    expect(isOverdue(t, at(100))).toBe(false);
    expect(overdueTimer(t, at(241))).toEqual({ timer: 'resolve', dueAt: at(240) });
    expect(nextDueAt(t)).toBe(at(240));
  });

  it('stops both timers once resolved or closed', () => {
    for (const status of ['resolved', 'closed'] as const) {
      expect(isOverdue(timed(status), at(10_000))).toBe(false);
      expect(nextDueAt(timed(status))).toBeNull();
    }
  });

  it('is overdue strictly after the due time, and names the ack timer first', () => {
    expect(isOverdue(timed('open'), at(15))).toBe(false);
    expect(overdueTimer(timed('open'), at(16))).toEqual({ timer: 'ack', dueAt: at(15) });
    expect(overdueTimer(timed('open'), at(300))?.timer).toBe('ack');
  });

  it('agrees with nextDueAt: overdue exactly when now is past the earliest running due time (property)', () => {
    const statusArb = fc.constantFrom('open', 'acknowledged', 'in_progress', 'resolved', 'closed', 'reopened' as const);
    fc.assert(
      fc.property(statusArb, fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 500 }), fc.integer({ min: 0, max: 1000 }), (status, ack, extra, now) => {
        const t = timed(status, ack, ack + extra);
        const next = nextDueAt(t);
        expect(isOverdue(t, at(now))).toBe(next !== null && Date.parse(at(now)) > Date.parse(next));
      }),
    );
  });
});
