// Escalation: a ticket left past a due time goes from its assignee (level 0) to the organisers
// (level 1, the last level). Pure: `now` is passed in.
//
// Idempotent by construction: only a level-0 ticket with an overdue running timer escalates, and the
// result is level 1, so escalating the result again does nothing. Two sweeps racing on the same
// ticket both compute the same change from the same version; the store's write conditional on that
// version lets one of them through.
import type { EscalationReason, Ticket, TicketHistoryEntry } from '@liaison/contracts';
import { nextDueAt, overdueTimer } from './sla';

export interface Escalation {
  ticket: Ticket;
  entry: TicketHistoryEntry;
  reason: EscalationReason;
  /** The due time that passed. */
  missedDueAt: string;
}

/**
 * When the sweep must look at this ticket: its earliest running due time while at level 0, else
 * null (nothing left to escalate). The store keeps it as the key of the sparse "escalates at"
 * index, so the sweep reads only what is due.
 */
export function escalatesAt(ticket: Pick<Ticket, 'status' | 'ackDueAt' | 'resolveDueAt' | 'escalationLevel'>): string | null {
  return ticket.escalationLevel === 0 ? nextDueAt(ticket) : null;
}

/** The escalated ticket with its history entry, or null when it must not escalate at `now`. */
export function escalate(ticket: Ticket, now: string): Escalation | null {
  if (ticket.escalationLevel !== 0) return null;
  const overdue = overdueTimer(ticket, now);
  if (overdue === null) return null;
  const reason: EscalationReason = overdue.timer === 'ack' ? 'ack_overdue' : 'resolve_overdue';
  const entry: TicketHistoryEntry = {
    at: now,
    by: null,
    action: 'escalated',
    from: ticket.status,
    to: ticket.status,
    note: `${overdue.timer === 'ack' ? 'not acknowledged' : 'not resolved'} by ${overdue.dueAt}; escalated to the organisers`,
    assigneeId: ticket.assigneeId,
    escalationLevel: 1,
  };
  return {
    ticket: { ...ticket, escalationLevel: 1, history: [...ticket.history, entry], version: ticket.version + 1, updatedAt: now },
    entry,
    reason,
    missedDueAt: overdue.dueAt,
  };
}
