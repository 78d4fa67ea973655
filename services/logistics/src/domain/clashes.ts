// Clash detection over a plan: vehicles, people, LOs and rooms booked twice or beyond capacity (hard:
// a write that makes one is refused unless it allows conflicts), and a guest's arrival, nights and
// departure left uncovered (soft: listed, never refused). Pure: the caller passes the plan items of
// the write's vehicles, people, LOs and rooms, and the event's time zone. Soft clashes: soft-clashes.ts.
import type { Stay, Trip, Vehicle } from '@liaison/contracts';
import { overlappingPairs, segments, type Span } from '@liaison/kit/domain/intervals';
import type { ClashKind } from './clash-kinds';
import { dateOfDay, datesOf, dayNumber, shortLocal } from './time';

export { CLASH_KINDS, HARD_CLASH_KINDS, SOFT_CLASH_KINDS, type ClashKind, type HardClashKind, type SoftClashKind } from './clash-kinds';

export interface PlanClash {
  kind: ClashKind;
  severity: 'hard' | 'soft';
  message: string;
  /** Trips and stays involved (sorted), then the vehicle, person or LO when the clash is about one. */
  refs: string[];
  /** What the clash is about: `vehicle:<id>`, `person:<id>`, `lo:<id>`, `room:<hotel>/<room>`; one set of open clashes per scope. */
  scope: string;
  /** People it concerns (for `GET /conflicts?personId=`). */
  personIds: string[];
  /** Local dates it touches, `YYYY-MM-DD` (for `GET /conflicts?date=`). */
  dates: string[];
}

export type PlanTrip = Pick<Trip, 'id' | 'kind' | 'departAt' | 'arriveBy' | 'vehicleId' | 'loId' | 'passengerIds' | 'status'>;
export type PlanStay = Pick<Stay, 'id' | 'hotel' | 'room' | 'personIds' | 'roomCapacity' | 'checkIn' | 'checkOut'>;
export type PlanVehicle = Pick<Vehicle, 'id' | 'label' | 'capacity'>;

export interface Plan {
  trips: readonly PlanTrip[];
  stays: readonly PlanStay[];
  vehicles: readonly PlanVehicle[];
}

export interface ClashContext {
  timeZone: string;
}

/** One identity per clash, stable across recomputations: the maintained set of open clashes is keyed by it. */
export function clashKey(c: Pick<PlanClash, 'kind' | 'scope' | 'refs' | 'dates'>): string {
  return [c.kind, c.scope, c.refs.join(','), c.dates[0] ?? ''].join('|');
}

/** Only scheduled trips take seats and time: cancelled and completed ones never clash. */
export function isLive(t: Pick<PlanTrip, 'status'>): boolean {
  return t.status === 'scheduled';
}

const tripSpan = (t: PlanTrip): Span => ({ start: Date.parse(t.departAt), end: Date.parse(t.arriveBy) });
/** Nights as day numbers: checkIn inclusive, checkOut exclusive. */
export const staySpan = (s: PlanStay): Span => ({ start: dayNumber(s.checkIn), end: dayNumber(s.checkOut) });
const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();
const occupants = (t: PlanTrip) => sorted(t.loId ? [...t.passengerIds, t.loId] : t.passengerIds);
export const roomOf = (s: Pick<PlanStay, 'hotel' | 'room'>) => `${s.hotel.trim().toLowerCase()}/${s.room.trim().toLowerCase()}`;

function window(a: PlanTrip, b: PlanTrip, ctx: ClashContext): { text: string; dates: string[] } {
  const start = Math.max(Date.parse(a.departAt), Date.parse(b.departAt));
  const end = Math.min(Date.parse(a.arriveBy), Date.parse(b.arriveBy));
  return { text: `${shortLocal(start, ctx.timeZone)}–${shortLocal(end, ctx.timeZone).slice(11)}`, dates: datesOf(start, end, ctx.timeZone) };
}

/** Hard clashes between two live trips that overlap in time. */
function tripPairClashes(a: PlanTrip, b: PlanTrip, vehicles: ReadonlyMap<string, PlanVehicle>, ctx: ClashContext): PlanClash[] {
  const [x, y] = a.id < b.id ? [a, b] : [b, a];
  const trips = [x.id, y.id];
  const w = window(x, y, ctx);
  const everyone = sorted([...occupants(x), ...occupants(y)]);
  const out: PlanClash[] = [];
  if (x.vehicleId && x.vehicleId === y.vehicleId) {
    const label = vehicles.get(x.vehicleId)?.label ?? x.vehicleId;
    out.push({
      kind: 'vehicle_double_booked',
      severity: 'hard',
      message: `vehicle ${label} is on trips ${x.id} and ${y.id} at once (${w.text})`,
      refs: [...trips, x.vehicleId],
      scope: `vehicle:${x.vehicleId}`,
      personIds: everyone,
      dates: w.dates,
    });
  }
  const ys = new Set(y.passengerIds);
  for (const p of sorted(x.passengerIds.filter((id) => ys.has(id)))) {
    out.push({
      kind: 'person_double_booked',
      severity: 'hard',
      message: `person ${p} is a passenger on trips ${x.id} and ${y.id} at once (${w.text})`,
      refs: [...trips, p],
      scope: `person:${p}`,
      personIds: [p],
      dates: w.dates,
    });
  }
  // An LO leading one trip cannot be on another at the same time, leading it or riding it.
  const los = sorted([x.loId, y.loId].filter((id): id is string => !!id && occupants(x).includes(id) && occupants(y).includes(id)));
  for (const lo of los) {
    out.push({
      kind: 'lo_double_booked',
      severity: 'hard',
      message: `LO ${lo} is on trips ${x.id} and ${y.id} at once (${w.text})`,
      refs: [...trips, lo],
      scope: `lo:${lo}`,
      personIds: [lo],
      dates: w.dates,
    });
  }
  return out;
}

/** A live trip carrying more people (passengers and its LO) than its vehicle seats. */
function capacityClash(t: PlanTrip, vehicles: ReadonlyMap<string, PlanVehicle>, ctx: ClashContext): PlanClash | null {
  const v = t.vehicleId ? vehicles.get(t.vehicleId) : undefined;
  const people = occupants(t);
  if (!v || people.length <= v.capacity) return null;
  return {
    kind: 'vehicle_over_capacity',
    severity: 'hard',
    message: `trip ${t.id} carries ${people.length} people but vehicle ${v.label} seats ${v.capacity}`,
    refs: [t.id, v.id],
    scope: `vehicle:${v.id}`,
    personIds: people,
    dates: datesOf(Date.parse(t.departAt), Date.parse(t.arriveBy), ctx.timeZone),
  };
}

function tripClashes(trips: readonly PlanTrip[], vehicles: ReadonlyMap<string, PlanVehicle>, ctx: ClashContext): PlanClash[] {
  const live = trips.filter(isLive);
  const out: PlanClash[] = [];
  for (const t of live) {
    const c = capacityClash(t, vehicles, ctx);
    if (c) out.push(c);
  }
  for (const [a, b] of overlappingPairs(live, tripSpan)) out.push(...tripPairClashes(a, b, vehicles, ctx));
  return out;
}

function stayClashes(stays: readonly PlanStay[]): PlanClash[] {
  const out: PlanClash[] = [];
  for (const [a, b] of overlappingPairs(stays, staySpan)) {
    const [x, y] = a.id < b.id ? [a, b] : [b, a];
    const first = Math.max(dayNumber(x.checkIn), dayNumber(y.checkIn));
    const last = Math.min(dayNumber(x.checkOut), dayNumber(y.checkOut));
    const nights = Array.from({ length: last - first }, (_, i) => dateOfDay(first + i));
    const ys = new Set(y.personIds);
    for (const p of sorted(x.personIds.filter((id) => ys.has(id)))) {
      out.push({
        kind: 'person_two_rooms',
        severity: 'hard',
        message: `person ${p} has two rooms (${x.hotel} ${x.room} in stay ${x.id}, ${y.hotel} ${y.room} in stay ${y.id}) for the night of ${nights[0]}${nights.length > 1 ? ` and ${nights.length - 1} more` : ''}`,
        refs: [x.id, y.id, p],
        scope: `person:${p}`,
        personIds: [p],
        dates: nights,
      });
    }
  }
  const byRoom = new Map<string, PlanStay[]>();
  for (const s of stays) byRoom.set(roomOf(s), [...(byRoom.get(roomOf(s)) ?? []), s]);
  for (const [room, roomStays] of byRoom) out.push(...roomCapacityClashes(room, roomStays));
  return out;
}

/**
 * A room over capacity on some nights: the distinct people of the stays covering a night exceed
 * the smallest capacity those stays give the room. One clash per run of consecutive such nights.
 */
function roomCapacityClashes(room: string, stays: readonly PlanStay[]): PlanClash[] {
  const out: PlanClash[] = [];
  let run: { nights: string[]; stays: Set<PlanStay>; worst: number; beds: number; end: number } | null = null;
  const close = () => {
    if (!run) return;
    const involved = [...run.stays];
    const first = involved[0]!;
    out.push({
      kind: 'room_over_capacity',
      severity: 'hard',
      message: `room ${first.room} at ${first.hotel} has ${run.worst} guests for ${run.beds} beds on the night of ${run.nights[0]}${run.nights.length > 1 ? ` and ${run.nights.length - 1} more` : ''}`,
      refs: sorted(involved.map((s) => s.id)),
      scope: `room:${room}`,
      personIds: sorted(involved.flatMap((s) => s.personIds)),
      dates: run.nights,
    });
    run = null;
  };
  for (const seg of segments(stays, staySpan)) {
    const guests = new Set(seg.active.flatMap((s) => s.personIds)).size;
    const beds = Math.min(...seg.active.map((s) => s.roomCapacity));
    if (guests <= beds) {
      close();
      continue;
    }
    if (run && run.end !== seg.start) close();
    run ??= { nights: [], stays: new Set(), worst: 0, beds, end: seg.start };
    for (let d = seg.start; d < seg.end; d++) run.nights.push(dateOfDay(d));
    for (const s of seg.active) run.stays.add(s);
    run.worst = Math.max(run.worst, guests);
    run.beds = Math.min(run.beds, beds);
    run.end = seg.end;
  }
  close();
  return out;
}

/** Every hard clash among the given plan items. */
export function planClashes(plan: Plan, ctx: ClashContext): PlanClash[] {
  const vehicles = new Map(plan.vehicles.map((v) => [v.id, v]));
  return [...tripClashes(plan.trips, vehicles, ctx), ...stayClashes(plan.stays)];
}

export type Write = { trip: PlanTrip } | { stay: PlanStay } | { vehicle: PlanVehicle };

/**
 * The hard clashes a write takes part in: the plan with the written item in place of its old
 * version (same id), keeping only clashes that name it. The plan holds the trips of the same
 * vehicle, passengers and LO, or the stays of the same people and room, or a vehicle's trips.
 */
export function writeClashes(write: Write, plan: Plan, ctx: ClashContext): PlanClash[] {
  const replace = <T extends { id: string }>(items: readonly T[], item: T) => [...items.filter((i) => i.id !== item.id), item];
  const next: Plan =
    'trip' in write
      ? { ...plan, trips: replace(plan.trips, write.trip) }
      : 'stay' in write
        ? { ...plan, stays: replace(plan.stays, write.stay) }
        : { ...plan, vehicles: replace(plan.vehicles, write.vehicle) };
  const id = 'trip' in write ? write.trip.id : 'stay' in write ? write.stay.id : write.vehicle.id;
  return planClashes(next, ctx).filter((c) => c.refs.includes(id));
}
