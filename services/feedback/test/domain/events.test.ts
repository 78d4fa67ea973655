import { describe, expect, it } from '@jest/globals';
import { CONTRACTS, TicketRef, type EventType } from '@liaison/contracts';
import { escalate } from '../../src/domain/escalation';
import { applyAssign, applyMove } from '../../src/domain/workflow';
import { at, LO, ORGANIZER, REPORTER, ticket } from './fixtures';

function ok<T extends { ok: boolean }>(out: T): Extract<T, { ok: true }> {
  if (!out.ok) throw new Error('refused');
  return out as Extract<T, { ok: true }>;
}

describe('feedback event contracts', () => {
  it('accept the data built from what the domain returns, for every ticket and rating event', () => {
    const filed = ticket({ kind: 'emergency', severity: 'critical' });
    const acked = ok(applyMove(filed, { to: 'acknowledged', by: LO, at: at(1) }));
    const assigned = ok(applyAssign(acked.ticket, { assigneeId: 'per_lo2', by: ORGANIZER, at: at(2), note: 'closer to the venue' }));
    const started = ok(applyMove(assigned.ticket, { to: 'in_progress', by: 'per_lo2', at: at(3) }));
    const resolved = ok(applyMove(started.ticket, { to: 'resolved', by: 'per_lo2', at: at(4), note: 'medic on site' }));
    const reopened = ok(applyMove(resolved.ticket, { to: 'reopened', by: REPORTER, at: at(5) }));
    const escalated = escalate(reopened.ticket, at(11))!;
    const ref = (t: typeof filed) => TicketRef.parse(t);
    const data: Record<EventType & `${'ticket' | 'rating'}.${string}`, unknown> = {
      'ticket.created': { ticket: ref(filed), body: filed.body, by: REPORTER },
      'ticket.acknowledged': { ticket: ref(acked.ticket), by: LO, note: null },
      'ticket.assigned': { ticket: ref(assigned.ticket), by: ORGANIZER, note: 'closer to the venue', previousAssigneeId: LO },
      'ticket.commented': { ticket: ref(started.ticket), comment: { id: 'cmt_1', authorId: 'per_lo2', body: 'Checking with the hotel', internal: true, at: at(3) } },
      'ticket.resolved': { ticket: ref(resolved.ticket), by: 'per_lo2', note: 'medic on site' },
      'ticket.reopened': { ticket: ref(reopened.ticket), by: REPORTER, note: null },
      'ticket.escalated': { ticket: ref(escalated.ticket), reason: escalated.reason, missedDueAt: escalated.missedDueAt },
      'rating.recorded': {
        rating: { id: 'rat_1', raterId: REPORTER, partyId: 'pty_jp', subject: 'lo', score: 5, comment: null, targetId: 'per_lo2', version: 1, createdAt: at(6), updatedAt: at(6) },
        previousScore: null,
      },
    };
    for (const [type, d] of Object.entries(data)) {
      const contract = CONTRACTS[type as EventType];
      expect([type, contract.owner]).toEqual([type, 'feedback']);
      expect([type, contract.data.safeParse(d).error?.issues]).toEqual([type, undefined]);
    }
    expect(Object.values(CONTRACTS).filter((c) => c.owner === 'feedback').map((c) => c.type).sort()).toEqual(Object.keys(data).sort());
  });

  it('refuses a rating score outside 1–5 and an unknown ticket kind', () => {
    const rating = { id: 'rat_1', raterId: REPORTER, partyId: null, subject: 'event', score: 6, comment: null, targetId: null, version: 1, createdAt: at(0), updatedAt: at(0) };
    expect(CONTRACTS['rating.recorded'].data.safeParse({ rating, previousScore: null }).success).toBe(false);
    const bad = { ...TicketRef.parse(ticket()), kind: 'gripe' };
    expect(CONTRACTS['ticket.created'].data.safeParse({ ticket: bad, body: 'x', by: REPORTER }).success).toBe(false);
  });
});
