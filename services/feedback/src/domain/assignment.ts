// Who answers a new ticket: the reporter's LO, found from the LO assignments in force. Pure: the
// assignments and the time are passed in.
//
// The rule, in order:
//   1. an assignment in force for the reporter in person;
//   2. else one in force for the ticket's party;
//   3. else nobody: `assigneeId` null, meaning the organisers as a team, at escalation level 1 from
//      the start. Level 1 is "the organisers" and the last level, so such a ticket never escalates:
//      its `ticket.created` already reaches every organiser, and it still shows as overdue.
// A ticket with an LO starts at level 0. When several assignments are in force for the same target
// (a big delegation may have two LOs), the one that started last wins (an open start is the
// earliest), then the smallest id, so the choice does not depend on the order they are read in.
import type { EscalationLevel } from '@liaison/contracts';
import { covers, spanOf } from '@liaison/kit/domain/intervals';

export interface LoAssignment {
  id: string;
  loId: string;
  personId: string | null;
  partyId: string | null;
  /** Start; null means from the beginning. */
  from: string | null;
  /** End (exclusive); null means until further notice. */
  to: string | null;
}

export interface Routing {
  assigneeId: string | null;
  escalationLevel: EscalationLevel;
  via: 'person' | 'party' | 'organisers';
  assignmentId: string | null;
}

/** In force at `now`: the half-open window [from, to) covers it. */
export function inForce(a: Pick<LoAssignment, 'from' | 'to'>, now: string): boolean {
  return covers(spanOf(a), Date.parse(now));
}

/** The escalation level a ticket starts at (and returns to when reopened) with this assignee. */
export function baseLevel(assigneeId: string | null): EscalationLevel {
  return assigneeId === null ? 1 : 0;
}

function latestStarted(candidates: LoAssignment[]): LoAssignment | undefined {
  const start = (a: LoAssignment) => spanOf(a).start;
  return [...candidates].sort((a, b) => start(b) - start(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

/** Routes a ticket for `reporterId` (in `partyId`) filed at `now`. */
export function routeTicket(reporter: { reporterId: string; partyId: string | null }, assignments: LoAssignment[], now: string): Routing {
  const current = assignments.filter((a) => inForce(a, now));
  const personal = latestStarted(current.filter((a) => a.personId !== null && a.personId === reporter.reporterId));
  if (personal) return { assigneeId: personal.loId, escalationLevel: 0, via: 'person', assignmentId: personal.id };
  const party = reporter.partyId === null ? undefined : latestStarted(current.filter((a) => a.partyId !== null && a.partyId === reporter.partyId));
  if (party) return { assigneeId: party.loId, escalationLevel: 0, via: 'party', assignmentId: party.id };
  return { assigneeId: null, escalationLevel: baseLevel(null), via: 'organisers', assignmentId: null };
}
