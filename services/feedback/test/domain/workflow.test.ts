import { describe, expect, it } from '@jest/globals';
import { Ticket as TicketSchema, TICKET_MOVES, TICKET_STATUSES, TicketRef, type Ticket, type TicketMove } from '@liaison/contracts';
import fc from 'fast-check';
import { escalate } from '../../src/domain/escalation';
import { allowedMoves, applyAssign, applyMove, mayAssign, mayMove, replay } from '../../src/domain/workflow';
import { at, LO, ORGANIZER, REPORTER, T0, ticket } from './fixtures';

function moved(t: Ticket, ...moves: TicketMove[]): Ticket {
  return moves.reduce((cur, to, i) => {
    const out = applyMove(cur, { to, by: LO, at: at(i + 1, cur.updatedAt) });
    if (!out.ok) throw new Error(out.refusal.message);
    return out.ticket;
  }, t);
}

describe('the ticket workflow', () => {
  it('files a ticket open, assigned, with one created entry and a valid record', () => {
    const t = ticket();
    expect(t).toMatchObject({ status: 'open', assigneeId: LO, escalationLevel: 0, version: 1 });
    expect(t.history).toEqual([{ at: T0, by: REPORTER, action: 'created', from: null, to: 'open', note: null, assigneeId: LO, escalationLevel: 0 }]);
    expect(TicketSchema.parse(t)).toEqual(t);
    expect(() => TicketRef.parse(t)).not.toThrow();
  });

  it('follows open → acknowledged → in_progress → resolved → closed, recording every move', () => {
    const t = moved(ticket(), 'acknowledged', 'in_progress', 'resolved', 'closed');
    expect(t.status).toBe('closed');
    expect(t.history.map((h) => [h.from, h.to])).toEqual([
      [null, 'open'],
      ['open', 'acknowledged'],
      ['acknowledged', 'in_progress'],
      ['in_progress', 'resolved'],
      ['resolved', 'closed'],
    ]);
    expect(t.version).toBe(5);
  });

  it('allows reopening only from resolved or closed', () => {
    for (const status of TICKET_STATUSES) expect(allowedMoves(status).includes('reopened')).toBe(status === 'resolved' || status === 'closed');
  });

  it('refuses a move the workflow does not allow, naming the allowed ones', () => {
    const t = ticket();
    const out = applyMove(t, { to: 'resolved', by: LO, at: at(1) });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.refusal.allowed).toEqual(['acknowledged']);
    expect(out.refusal.message).toBe('cannot move from open to resolved; allowed: acknowledged');
    expect(out.refusal.clashes).toEqual([{ kind: 'move_not_allowed', message: out.refusal.message, refs: ['acknowledged'], path: 'to' }]);
  });

  it('gives a reopened ticket fresh due times and sends it back to its LO at level 0', () => {
    const resolved = moved(ticket({ severity: 'critical' }), 'acknowledged', 'in_progress', 'resolved');
    const escalatedThenResolved = { ...resolved, escalationLevel: 1 as const };
    const reopenAt = at(600);
    const out = applyMove(escalatedThenResolved, { to: 'reopened', by: REPORTER, at: reopenAt, note: 'driver missed us again' });
    if (!out.ok) throw new Error(out.refusal.message);
    expect(out.ticket).toMatchObject({ status: 'reopened', assigneeId: LO, escalationLevel: 0, ackDueAt: at(605), resolveDueAt: at(660) });
    expect(out.entry).toMatchObject({ by: REPORTER, from: 'resolved', to: 'reopened', note: 'driver missed us again' });
    expect(allowedMoves('reopened')).toEqual(allowedMoves('open'));
  });

  it('uses the event SLA for the fresh due times of a reopened ticket', () => {
    const resolved = moved(ticket({ severity: 'low' }), 'acknowledged', 'in_progress', 'resolved');
    const out = applyMove(resolved, { to: 'reopened', by: REPORTER, at: at(100), sla: { low: { ackMinutes: 30, resolveMinutes: 90 } } });
    if (!out.ok) throw new Error(out.refusal.message);
    expect([out.ticket.ackDueAt, out.ticket.resolveDueAt]).toEqual([at(130), at(190)]);
  });

  it('reassigns without touching status, due times or level, and refuses the same assignee or a closed ticket', () => {
    const t = moved(ticket(), 'acknowledged');
    const out = applyAssign(t, { assigneeId: 'per_lo2', by: ORGANIZER, at: at(5), note: 'speaks Japanese' });
    if (!out.ok) throw new Error(out.refusal.message);
    expect(out.ticket).toMatchObject({ assigneeId: 'per_lo2', status: 'acknowledged', ackDueAt: t.ackDueAt, resolveDueAt: t.resolveDueAt, escalationLevel: 0 });
    expect(out.entry).toMatchObject({ action: 'assigned', from: 'acknowledged', to: 'acknowledged', assigneeId: 'per_lo2' });
    expect(applyAssign(out.ticket, { assigneeId: 'per_lo2', by: ORGANIZER, at: at(6) }).ok).toBe(false);
    const closed = moved(t, 'in_progress', 'resolved', 'closed');
    const refused = applyAssign(closed, { assigneeId: 'per_lo2', by: ORGANIZER, at: at(9) });
    expect(refused.ok ? null : refused.refusal.clashes[0]?.kind).toBe('ticket_closed');
  });
});

describe('who may move a ticket', () => {
  const t = ticket();
  const guest = { role: 'guest' as const, personId: REPORTER };
  const lo = { role: 'lo' as const, personId: LO };
  const otherLo = { role: 'lo' as const, personId: 'per_lo2' };
  const organizer = { role: 'organizer' as const, personId: null };

  it('lets organisers make every move', () => expect(TICKET_MOVES.every((m) => mayMove(organizer, t, m))).toBe(true));
  it('lets the assignee acknowledge, start and resolve, but not close or reopen', () => {
    expect(TICKET_MOVES.filter((m) => mayMove(lo, t, m))).toEqual(['acknowledged', 'in_progress', 'resolved']);
  });
  it('lets the reporter close or reopen their own ticket only', () => {
    expect(TICKET_MOVES.filter((m) => mayMove(guest, t, m))).toEqual(['closed', 'reopened']);
    expect(TICKET_MOVES.filter((m) => mayMove({ role: 'guest', personId: 'per_other' }, t, m))).toEqual([]);
  });
  it('gives an LO who is not the assignee no moves', () => expect(TICKET_MOVES.filter((m) => mayMove(otherLo, t, m))).toEqual([]));
  it('lets only organisers and the current assignee reassign', () => {
    expect([organizer, lo, otherLo, guest].map((a) => mayAssign(a, t))).toEqual([true, true, false, false]);
  });
});

// Random operations on one ticket: moves to any status (allowed or not), reassignments and
// escalation sweeps, each a few minutes after the last.
type Op = { kind: 'move'; to: TicketMove; by: string } | { kind: 'assign'; to: string } | { kind: 'sweep' };
const opArb: fc.Arbitrary<[Op, number]> = fc.tuple(
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('move' as const), to: fc.constantFrom(...TICKET_MOVES), by: fc.constantFrom(LO, REPORTER) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('assign' as const), to: fc.constantFrom(LO, 'per_lo2', ORGANIZER) }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'sweep' as const }) },
  ),
  fc.integer({ min: 0, max: 600 }),
);

describe('the workflow under random operations (property)', () => {
  it('never reaches an undefined state, replays its history to the current state, and leaves refusals without effect', () => {
    fc.assert(
      fc.property(fc.constantFrom('low', 'medium', 'high', 'critical' as const), fc.option(fc.constant(LO)), fc.array(opArb, { maxLength: 40 }), (severity, assignee, ops) => {
        let t = ticket({ severity, assigneeId: assignee });
        let now = T0;
        for (const [op, minutes] of ops) {
          now = at(minutes, now);
          const before = structuredClone(t);
          if (op.kind === 'sweep') {
            t = escalate(t, now)?.ticket ?? t;
          } else {
            const out = op.kind === 'move' ? applyMove(t, { to: op.to, by: op.by, at: now }) : applyAssign(t, { assigneeId: op.to, by: ORGANIZER, at: now });
            if (out.ok) {
              expect(out.ticket.history.at(-1)).toEqual(out.entry);
              t = out.ticket;
            } else {
              expect(t).toEqual(before); // a refused move changes nothing, not even in place
              if (op.kind === 'move') expect(out.refusal.allowed).toEqual(allowedMoves(t.status));
            }
          }
          expect(TicketSchema.safeParse(t).success).toBe(true);
          expect(t.version).toBe(t.history.length);
          expect(replay(t.history)).toEqual({ status: t.status, assigneeId: t.assigneeId, escalationLevel: t.escalationLevel });
        }
      }),
    );
  });

  it('refuses exactly the moves outside the table, from every status', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TICKET_MOVES), { maxLength: 20 }), fc.constantFrom(...TICKET_MOVES), (path, attempt) => {
        // Walk only allowed moves to reach some status, then try one move.
        let t = ticket();
        for (const to of path) {
          const out = applyMove(t, { to, by: LO, at: at(1, t.updatedAt) });
          if (out.ok) t = out.ticket;
        }
        expect(applyMove(t, { to: attempt, by: LO, at: at(1, t.updatedAt) }).ok).toBe(allowedMoves(t.status).includes(attempt));
      }),
    );
  });

  it('rejects a history with a step the workflow does not allow', () => {
    const t = moved(ticket(), 'acknowledged', 'in_progress');
    const forged = t.history.map((h, i) => (i === 2 ? { ...h, from: 'acknowledged' as const, to: 'closed' as const } : h));
    expect(replay(forged)).toBeNull();
    expect(replay(t.history.slice(1))).toBeNull(); // no created entry first
    expect(replay([...t.history, { ...t.history[0]! }])).toBeNull(); // created twice
  });
});
