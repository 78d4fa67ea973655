// Who may see and file which tickets. Organisers: all. Guests: their own. LOs: tickets assigned to
// them, and tickets about the people they serve (an assignment in force for the person or their
// party), read through @liaison/directory-read.
import type { Person, Ticket } from '@liaison/contracts';
import { assignmentsOfLo, assignmentsOfPerson } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { NotFoundError } from '@liaison/kit/errors';
import type { Principal } from '@liaison/kit/http/auth';
import { findTicket } from '../store/tickets';
import { table } from './deps';

/** Whether LO `loId` serves `person` now (an assignment in force for them or for their party). */
export async function serves(loId: string, person: Pick<Person, 'id' | 'partyId'>): Promise<boolean> {
  const assignments = await assignmentsOfPerson(table, person, clock.nowMs());
  return assignments.some((a) => a.loId === loId);
}

/** Whether LO `loId` serves party `partyId` now. */
export async function servesParty(loId: string, partyId: string): Promise<boolean> {
  return (await assignmentsOfLo(table, loId, clock.nowMs())).some((a) => a.partyId === partyId);
}

export async function maySee(p: Principal, t: Ticket): Promise<boolean> {
  if (p.role === 'organizer') return true;
  if (p.personId === null) return false;
  if (p.role === 'guest') return t.reporterId === p.personId;
  if (t.assigneeId === p.personId || t.reporterId === p.personId) return true;
  return serves(p.personId, { id: t.reporterId, partyId: t.partyId });
}

/** The ticket, when the caller may see it; otherwise 404, as if it did not exist. */
export async function visibleTicket(p: Principal, ticketId: string): Promise<Ticket> {
  const t = await findTicket(table, ticketId);
  if (!t || !(await maySee(p, t))) throw new NotFoundError('ticket', ticketId);
  return t;
}
