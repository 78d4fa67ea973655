// Builders shared by the feedback domain tests.
import type { SlaSeverity, Ticket, TicketCategory, TicketKind } from '@liaison/contracts';
import { openTicket } from '../../src/domain/workflow';

export const T0 = '2027-03-02T02:00:00.000Z';
export const at = (minutes: number, from = T0) => new Date(Date.parse(from) + minutes * 60_000).toISOString();

export const REPORTER = 'per_guest';
export const LO = 'per_lo';
export const ORGANIZER = 'per_org';

export function ticket(over: { severity?: SlaSeverity; kind?: TicketKind; category?: TicketCategory; assigneeId?: string | null; at?: string } = {}): Ticket {
  const assigneeId = over.assigneeId === undefined ? LO : over.assigneeId;
  return openTicket({
    id: 'tkt_1',
    kind: over.kind ?? 'complaint',
    category: over.category ?? 'transport',
    severity: over.severity ?? 'high',
    subject: 'Driver did not show at CGK',
    body: 'Waited 40 minutes at terminal 3, no driver.',
    reporterId: REPORTER,
    partyId: 'pty_jp',
    by: REPORTER,
    at: over.at ?? T0,
    routing: { assigneeId, escalationLevel: assigneeId === null ? 1 : 0 },
  });
}
