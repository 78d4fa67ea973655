import { describe, expect, it } from '@jest/globals';
import { TICKET_MOVES, type Ticket, type TicketMove } from '@liaison/contracts';
import fc from 'fast-check';
import { escalate, escalatesAt } from '../../src/domain/escalation';
import { applyMove, replay } from '../../src/domain/workflow';
import { at, LO, ticket } from './fixtures';

function move(t: Ticket, to: TicketMove, minutes: number): Ticket {
  const out = applyMove(t, { to, by: LO, at: at(minutes) });
  if (!out.ok) throw new Error(out.refusal.message);
  return out.ticket;
}

describe('escalation', () => {
  it('raises an unacknowledged ticket past its ackDueAt to the organisers, in its history', () => {
    const t = ticket({ severity: 'high' }); // ack due at +15 min
    const e = escalate(t, at(16));
    expect(e).not.toBeNull();
    expect(e?.reason).toBe('ack_overdue');
    expect(e?.missedDueAt).toBe(at(15));
    expect(e?.ticket).toMatchObject({ escalationLevel: 1, status: 'open', assigneeId: LO, version: 2, updatedAt: at(16) });
    expect(e?.entry).toEqual({
      at: at(16),
      by: null,
      action: 'escalated',
      from: 'open',
      to: 'open',
      note: `not acknowledged by ${at(15)}; escalated to the organisers`,
      assigneeId: LO,
      escalationLevel: 1,
    });
    expect(replay(e!.ticket.history)?.escalationLevel).toBe(1);
  });

  it('leaves a ticket alone until its due time has passed', () => {
    expect(escalate(ticket({ severity: 'high' }), at(15))).toBeNull();
  });

  it('does not escalate an acknowledged ticket on the ack timer, but does past resolveDueAt', () => {
    const acked = move(ticket({ severity: 'high' }), 'acknowledged', 20);
    expect(escalate(acked, at(100))).toBeNull();
    expect(escalate(acked, at(241))?.reason).toBe('resolve_overdue');
  });

  it('never escalates a resolved ticket', () => {
    const resolved = move(move(move(ticket(), 'acknowledged', 1), 'in_progress', 2), 'resolved', 3);
    expect(escalate(resolved, at(100_000))).toBeNull();
    expect(escalatesAt(resolved)).toBeNull();
  });

  it('runs twice, escalates once', () => {
    const first = escalate(ticket(), at(500));
    expect(first).not.toBeNull();
    expect(escalate(first!.ticket, at(500))).toBeNull();
    expect(escalate(first!.ticket, at(100_000))).toBeNull();
  });

  it('never escalates a ticket that the organisers already hold (no LO: level 1 from the start)', () => {
    const t = ticket({ assigneeId: null });
    expect(t.escalationLevel).toBe(1);
    expect(escalate(t, at(100_000))).toBeNull();
    expect(escalatesAt(t)).toBeNull();
  });

  it('escalates a reopened ticket again once its fresh due time passes', () => {
    const escalated = escalate(ticket(), at(20))!.ticket;
    const resolved = move(move(move(escalated, 'acknowledged', 21), 'in_progress', 22), 'resolved', 23);
    const reopened = move(resolved, 'reopened', 30);
    expect(escalatesAt(reopened)).toBe(at(45));
    expect(escalate(reopened, at(46))?.reason).toBe('ack_overdue');
  });

  it('escalates exactly when the sweep index says it is due, and only once however often it runs (property)', () => {
    const statusPath = fc.array(fc.constantFrom(...TICKET_MOVES), { maxLength: 8 });
    fc.assert(
      fc.property(
        fc.constantFrom('low', 'medium', 'high', 'critical' as const),
        statusPath,
        fc.array(fc.integer({ min: 0, max: 6000 }), { minLength: 1, maxLength: 5 }),
        (severity, path, sweeps) => {
          let t = ticket({ severity });
          path.forEach((to, i) => {
            const out = applyMove(t, { to, by: LO, at: at(i) });
            if (out.ok) t = out.ticket;
          });
          let escalations = 0;
          for (const minute of [...sweeps].sort((a, b) => a - b)) {
            const due = escalatesAt(t);
            const e = escalate(t, at(minute));
            expect(e !== null).toBe(due !== null && Date.parse(at(minute)) > Date.parse(due));
            if (e) {
              escalations += 1;
              t = e.ticket;
            }
          }
          expect(escalations).toBeLessThanOrEqual(1);
          expect(t.history.filter((h) => h.action === 'escalated')).toHaveLength(escalations);
        },
      ),
    );
  });
});
