// LO assignments: when one is in force, and whether a new one fits the LO's maxParties. Pure; the
// interval sweep is the kit's (`@liaison/kit/domain/intervals`), the rules and messages are here.
import { fit, spanOf } from '@liaison/kit/domain/intervals';
import type { Clash } from '@liaison/kit/errors';

export interface Booking {
  id: string;
  partyId: string | null;
  personId: string | null;
  from: string | null;
  to: string | null;
}

/** Not over at `atMs` (in force now, or later). */
export function notOver(b: Pick<Booking, 'from' | 'to'>, atMs: number): boolean {
  return spanOf(b).end > atMs;
}

function target(b: Booking): string {
  return b.partyId ? `party ${b.partyId}` : `person ${b.personId}`;
}

/**
 * What a new booking clashes with: the same target already booked at an overlapping time, or more
 * than `maxParties` bookings at once somewhere in its window. Empty when it fits.
 */
export function bookingClashes(existing: Booking[], candidate: Booking, maxParties: number): Clash[] {
  const same = (b: Booking) => (candidate.partyId ? b.partyId === candidate.partyId : b.personId === candidate.personId);
  const result = fit(existing, spanOf(candidate), spanOf, { capacity: maxParties, same });
  if (result.duplicates.length > 0) {
    return result.duplicates.map((b) => ({
      kind: 'already_assigned',
      message: `this LO is already assigned to ${target(b)} at an overlapping time`,
      refs: [b.id],
    }));
  }
  return result.overloaded.map((b) => ({
    kind: 'lo_fully_booked',
    message: `this LO serves at most ${maxParties} at once and is already assigned to ${target(b)} then`,
    refs: [b.id],
  }));
}
