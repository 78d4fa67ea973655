// What the retention purge leaves of a ticket: what the counts after the event need (kind, category,
// severity, status, party, assignee, due times, escalation, the history's moves) and no words anyone
// wrote. Pure: `now` is passed in.
import type { Rating, Ticket, TicketComment } from '@liaison/contracts';

export const REMOVED = '(removed)';

export function ticketNeedsPurge(t: Ticket): boolean {
  return t.subject !== REMOVED || t.body !== REMOVED || t.history.some((h) => h.note !== null);
}

export function purgedTicket(t: Ticket, now: string): Ticket {
  return { ...t, subject: REMOVED, body: REMOVED, history: t.history.map((h) => ({ ...h, note: null })), version: t.version + 1, updatedAt: now };
}

export const commentNeedsPurge = (c: TicketComment): boolean => c.body !== REMOVED;

/** A rating keeps its score (the summaries count it); its comment goes. */
export const ratingNeedsPurge = (r: Rating): boolean => r.comment !== null;
