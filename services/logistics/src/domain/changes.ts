// What a change to a trip, stay, meeting or session touched, and whom it concerns: the `changed`,
// added/removed and audience fields of the logistics events that notifications turn into messages.
import type { Audience, Meeting, Session, Stay, Trip } from '@liaison/contracts';

/** Lists of ids compare as sets (reordering passengers changes nothing); everything else by value. */
function same(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b) && a.every((x) => typeof x === 'string') && b.every((x) => typeof x === 'string')) {
    const sa = new Set(a);
    return sa.size === new Set(b).size && b.every((x) => sa.has(x));
  }
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (typeof v === 'object' && v !== null) {
    const o = v as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(o)
        .sort()
        .map((k) => [k, canonical(o[k])]),
    );
  }
  return v;
}

/** Record fields that are bookkeeping, not content: never reported as changed. */
const STAMPS = new Set(['id', 'version', 'createdAt', 'updatedAt']);

/** Top-level content fields whose value differs, in the `after` record's key order. */
export function changedFields<T extends object>(before: T, after: T): string[] {
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter((k) => !STAMPS.has(k));
  return keys.filter((k) => !same((before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k]));
}

function added(before: readonly string[], after: readonly string[]): string[] {
  const b = new Set(before);
  return [...new Set(after.filter((id) => !b.has(id)))];
}

const union = (...lists: readonly (readonly (string | null)[])[]) => [...new Set(lists.flat().filter((x): x is string => x !== null))].sort();

export type TripLike = Pick<Trip, 'from' | 'to' | 'departAt' | 'arriveBy' | 'vehicleId' | 'loId' | 'passengerIds'>;

export interface TripDiff {
  changed: string[];
  /** `departAt` or `arriveBy` moved (compared as instants: a re-written offset is no change). */
  time: boolean;
  /** `from` or `to` changed. */
  place: boolean;
  vehicle: boolean;
  lo: boolean;
  passengersAdded: string[];
  passengersRemoved: string[];
}

export function tripDiff<T extends TripLike>(before: T, after: T): TripDiff {
  const instant = (k: 'departAt' | 'arriveBy') => Date.parse(before[k]) !== Date.parse(after[k]);
  const time = instant('departAt') || instant('arriveBy');
  const changed = changedFields(before, after).filter((k) => (k === 'departAt' || k === 'arriveBy' ? instant(k) : true));
  return {
    changed,
    time,
    place: before.from !== after.from || before.to !== after.to,
    vehicle: before.vehicleId !== after.vehicleId,
    lo: before.loId !== after.loId,
    passengersAdded: added(before.passengerIds, after.passengerIds),
    passengersRemoved: added(after.passengerIds, before.passengerIds),
  };
}

/** Passengers and LOs of every version given: who hears about the trip (a removed passenger hears they are off it). */
export function tripAudience(...versions: Pick<Trip, 'passengerIds' | 'loId'>[]): Audience {
  return { personIds: union(...versions.map((t) => [...t.passengerIds, t.loId])), partyIds: [] };
}

export interface StayDiff {
  changed: string[];
  personsAdded: string[];
  personsRemoved: string[];
}

export function stayDiff<S extends Pick<Stay, 'personIds'>>(before: S, after: S): StayDiff {
  return {
    changed: changedFields(before, after),
    personsAdded: added(before.personIds, after.personIds),
    personsRemoved: added(after.personIds, before.personIds),
  };
}

export function stayAudience(...versions: Pick<Stay, 'personIds'>[]): Audience {
  return { personIds: union(...versions.map((s) => s.personIds)), partyIds: [] };
}

export function meetingAudience(...versions: Pick<Meeting, 'attendeeIds' | 'attendeePartyIds'>[]): Audience {
  return { personIds: union(...versions.map((m) => m.attendeeIds)), partyIds: union(...versions.map((m) => m.attendeePartyIds)) };
}

export function sessionAudience(...versions: (Pick<Session, 'attendeePartyIds'> | null)[]): Audience {
  return { personIds: [], partyIds: union(...versions.map((s) => s?.attendeePartyIds ?? [])) };
}

/** The vehicle change's audience: everyone on its trips still scheduled. */
export function vehicleAudience(trips: readonly Pick<Trip, 'passengerIds' | 'loId' | 'status'>[]): Audience {
  return tripAudience(...trips.filter((t) => t.status === 'scheduled'));
}
