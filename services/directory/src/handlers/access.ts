// Who the caller is to a person or a party: themself, their assigned LO (of guests and contacts only),
// or nobody. Reads the LO's bookings item consistently, so a fresh assignment counts at once.
import type { Person } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { NotFoundError } from '@liaison/kit/errors';
import type { Principal } from '@liaison/kit/http/auth';
import { notOver } from '../domain/assignment';
import type { PatchRelation } from '../domain/person';
import { getBookings } from '../store/assignments';
import { findPerson } from '../store/people';
import { table } from './deps';

export async function relationTo(principal: Principal, person: Person): Promise<PatchRelation> {
  if (principal.role === 'organizer') return 'organizer';
  if (principal.personId === person.id) return 'self';
  // An LO serves guests and contacts; staff (other LOs, organisers) are never theirs to edit, even in an assigned party.
  if (principal.role === 'lo' && principal.personId && (person.role === 'guest' || person.role === 'contact')) {
    const { bookings } = await getBookings(table, principal.personId);
    const now = clock.nowMs();
    const assigned = bookings.some((b) => notOver(b, now) && (b.personId === person.id || (person.partyId !== null && b.partyId === person.partyId)));
    if (assigned) return 'assigned-lo';
  }
  return 'other';
}

/** A guest sees only themself; anything else is "not found", as if it did not exist. */
export function guestMaySee(principal: Principal, personId: string): void {
  if (principal.role === 'guest' && principal.personId !== personId) throw new NotFoundError('person', personId);
}

/** The caller's own person record (guests and LOs always have one). */
export async function callerPerson(principal: Principal): Promise<Person | null> {
  return principal.personId ? findPerson(table, principal.personId) : null;
}
