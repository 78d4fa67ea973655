// LO assignments: time windows, overlap, and the maxParties rule. Pure.
import type { Clash } from '@liaison/kit/errors';

export interface Booking {
  id: string;
  partyId: string | null;
  personId: string | null;
  from: string | null;
  to: string | null;
}

const MIN = Number.NEGATIVE_INFINITY;
const MAX = Number.POSITIVE_INFINITY;

function span(b: Pick<Booking, 'from' | 'to'>): [number, number] {
  return [b.from ? Date.parse(b.from) : MIN, b.to ? Date.parse(b.to) : MAX];
}

/** Half-open windows [from, to) overlap; null ends are open. */
export function overlaps(a: Pick<Booking, 'from' | 'to'>, b: Pick<Booking, 'from' | 'to'>): boolean {
  const [a0, a1] = span(a);
  const [b0, b1] = span(b);
  return a0 < b1 && b0 < a1;
}

/** Active at `atMs` or later (not yet over). */
export function notOver(b: Pick<Booking, 'to'>, atMs: number): boolean {
  return b.to === null || Date.parse(b.to) > atMs;
}

export function activeAt(b: Pick<Booking, 'from' | 'to'>, atMs: number): boolean {
  const [from, to] = span(b);
  return from <= atMs && atMs < to;
}

function target(b: Booking): string {
  return b.partyId ? `party ${b.partyId}` : `person ${b.personId}`;
}

/**
 * What a new booking clashes with: the same target already booked at an overlapping time, or more
 * than `maxParties` bookings at once somewhere in its window. Empty when it fits.
 */
export function bookingClashes(existing: Booking[], candidate: Booking, maxParties: number): Clash[] {
  const overlapping = existing.filter((b) => overlaps(b, candidate));
  const duplicates = overlapping.filter((b) => (candidate.partyId ? b.partyId === candidate.partyId : b.personId === candidate.personId));
  if (duplicates.length > 0) {
    return duplicates.map((b) => ({
      kind: 'already_assigned',
      message: `this LO is already assigned to ${target(b)} at an overlapping time`,
      refs: [b.id],
    }));
  }
  // The busiest instant inside the candidate's window: a sweep over the overlapping bookings' edges.
  const [c0, c1] = span(candidate);
  const edges: [number, number][] = [];
  for (const b of overlapping) {
    const [b0, b1] = span(b);
    edges.push([Math.max(b0, c0), +1], [Math.min(b1, c1), -1]);
  }
  edges.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  let load = 0;
  let peak = 0;
  for (const [, d] of edges) {
    load += d;
    peak = Math.max(peak, load);
  }
  if (peak + 1 <= maxParties) return [];
  return overlapping.map((b) => ({
    kind: 'lo_fully_booked',
    message: `this LO serves at most ${maxParties} at once and is already assigned to ${target(b)} then`,
    refs: [b.id],
  }));
}
