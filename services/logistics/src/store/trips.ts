// Trips in DynamoDB. What keeps them free of unseen clashes under racing requests: every vehicle and
// person (passenger or LO) a trip names, before and after the write, has a bookings item that the
// write reads consistently and writes on its sequence number in the trip's own transaction; the
// vehicle is checked at the version whose capacity was used. So of two writes that would double-book,
// one commits and the other reads again, finds the clash and is refused (or records it, when allowed).
// The check reads only the write's vehicle, people and LO, and only the trips overlapping it.
import type { Envelope, Person, Trip, Vehicle } from '@liaison/contracts';
import { addBooking, bookingsRole, removeBookings } from '@liaison/kit/ddb/bookings';
import { explain, type Role } from '@liaison/kit/ddb/conflicts';
import { readAgainOnChange } from '@liaison/kit/ddb/read-again';
import { batchGet, getItem, queryPage, type Item, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { ConflictError, ValidationError } from '@liaison/kit/errors';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import { overlaps } from '@liaison/kit/domain/intervals';
import { clashChange, mergeChanges, type ClashChange } from '../domain/clash-set';
import { isLive, writeClashes, type PlanTrip } from '../domain/clashes';
import { localDate } from '../domain/time';
import { personPlanStay, personPlanTrip, personStays, personTrips, tripBookingOf, vehicleTrips, type TripBookings } from './bookings';
import { clashItems } from './clashes';
import { recordUnchanged, recordWrite } from './items';
import { keys, partitions } from './keys';
import { toTrip, toVehicle } from './records';
import { softItems, type PersonPlan } from './soft';

/** Everyone a trip occupies: its passengers and its LO. */
export function occupantsOf(t: Pick<Trip, 'passengerIds' | 'loId'> | null): string[] {
  if (!t) return [];
  return [...new Set(t.loId ? [...t.passengerIds, t.loId] : t.passengerIds)];
}

export async function findTrip(tableName: string, id: string, consistent = false): Promise<Trip | null> {
  const item = await getItem(tableName, keys.trip(id), consistent);
  return item ? toTrip(item) : null;
}

function tripIndex(t: Trip, timeZone: string): Item {
  const sort = `${new Date(Date.parse(t.departAt)).toISOString()}#${t.id}`;
  return {
    gsi1pk: partitions.allTrips,
    gsi1sk: sort,
    gsi2pk: partitions.tripsOnDate(localDate(Date.parse(t.departAt), timeZone)),
    gsi2sk: sort,
    gsi3pk: t.vehicleId ? partitions.tripsOfVehicle(t.vehicleId) : null,
    gsi3sk: t.vehicleId ? sort : null,
    localDate: localDate(Date.parse(t.departAt), timeZone),
  };
}

export interface TripWrite {
  before: Trip | null;
  after: Trip;
  allowConflicts: boolean;
  timeZone: string;
  /** The people of the trip before and after, as the directory has them (for their soft clashes). */
  people: ReadonlyMap<string, Person>;
  /** The events of this write, given the vehicles before and after as read in its transaction. */
  events: (vehicles: { before: Vehicle | null; after: Vehicle | null }) => Envelope[];
}

const span = (t: Pick<Trip, 'departAt' | 'arriveBy'>) => ({ start: Date.parse(t.departAt), end: Date.parse(t.arriveBy) });

/** What the write's check reads: bookings of its vehicles and people, their overlapping live trips, the vehicles. */
interface TripPlan {
  vehicles: Map<string, Vehicle>;
  vehicleBookings: Map<string, TripBookings>;
  personBookings: Map<string, TripBookings>;
  others: PlanTrip[];
}

async function readPlan(tableName: string, w: TripWrite): Promise<TripPlan> {
  const vehicleIds = [...new Set([w.before?.vehicleId, w.after.vehicleId].filter((v): v is string => !!v))];
  const personIds = [...new Set([...occupantsOf(w.before), ...occupantsOf(w.after)])];
  const [vehicleItems, vb, pb] = await Promise.all([
    Promise.all(vehicleIds.map((v) => getItem(tableName, keys.vehicle(v), true))),
    Promise.all(vehicleIds.map((v) => vehicleTrips(tableName, v))),
    Promise.all(personIds.map((p) => personTrips(tableName, p))),
  ]);
  const vehicles = new Map(vehicleItems.flatMap((i) => (i ? [[i.id as string, toVehicle(i)] as const] : [])));
  if (w.after.vehicleId && !vehicles.has(w.after.vehicleId)) throw new ValidationError([{ path: 'vehicleId', message: `no vehicle ${w.after.vehicleId}` }]);
  const windows = [w.before, w.after].filter((t): t is Trip => t !== null).map(span);
  const ids = new Set<string>();
  for (const set of [...vb, ...pb]) {
    for (const b of set.bookings) {
      if (b.id !== w.after.id && b.status === 'scheduled' && windows.some((win) => overlaps(win, span(b)))) ids.add(b.id);
    }
  }
  const others = (await batchGet(tableName, [...ids].map(keys.trip), true)).map(toTrip).filter(isLive);
  return {
    vehicles,
    vehicleBookings: new Map(vehicleIds.map((v, i) => [v, vb[i]!])),
    personBookings: new Map(personIds.map((p, i) => [p, pb[i]!])),
    others,
  };
}

/** The hard clashes the write opens and closes: those naming the trip, before and after. */
function hardChange(w: TripWrite, plan: TripPlan): ClashChange {
  const p = { trips: plan.others, stays: [], vehicles: [...plan.vehicles.values()] };
  const ctx = { timeZone: w.timeZone };
  const before = w.before ? writeClashes({ trip: w.before }, p, ctx) : [];
  const after = writeClashes({ trip: w.after }, p, ctx);
  return clashChange(before, after);
}

/** Writes the trip (new or replacing `before`), its bookings, the clashes it opens and closes and its events, in one transaction. */
export async function saveTrip(tableName: string, writer: { tableName: string; topicArn: string }, w: TripWrite): Promise<ClashChange> {
  return readAgainOnChange(async () => {
    const plan = await readPlan(tableName, w);
    const hard = hardChange(w, plan);
    if (hard.opened.length > 0 && !w.allowConflicts) {
      throw new ConflictError(
        `The trip clashes: ${hard.opened.map((c) => c.message).join('; ')}`,
        hard.opened.map((c) => ({ kind: c.kind, message: c.message, refs: c.refs })),
      );
    }
    const items: TransactItem[] = [];
    const roles: Role[] = [];
    const add = (item: TransactItem, role: Role) => {
      items.push(item);
      roles.push(role);
    };
    const record = recordWrite(tableName, keys.trip(w.after.id), w.after, tripIndex(w.after, w.timeZone), w.before?.version ?? null);
    add(record.item, record.role);
    for (const [vehicleId, set] of plan.vehicleBookings) {
      if (vehicleId === w.after.vehicleId) add(addBooking(tableName, keys.vehicleTrips(vehicleId), set.seq, w.after.id, tripBookingOf(w.after)), bookingsRole);
      else if (set.bookings.some((b) => b.id === w.after.id)) add(removeBookings(tableName, keys.vehicleTrips(vehicleId), [w.after.id]), bookingsRole);
    }
    const after = new Set(occupantsOf(w.after));
    const softPlans: PersonPlan[] = [];
    const stays = await Promise.all([...plan.personBookings.keys()].map((p) => personStays(tableName, p)));
    [...plan.personBookings].forEach(([personId, set], i) => {
      const role = w.after.loId === personId ? 'lo' : 'passenger';
      const mine = set.bookings.filter((b) => b.id !== w.after.id);
      if (after.has(personId)) {
        const booking = tripBookingOf(w.after, role);
        add(addBooking(tableName, keys.personTrips(personId), set.seq, w.after.id, booking), bookingsRole);
        mine.push({ ...booking, id: w.after.id });
      } else if (set.bookings.some((b) => b.id === w.after.id)) {
        add(removeBookings(tableName, keys.personTrips(personId), [w.after.id]), bookingsRole);
      }
      softPlans.push({
        personId,
        person: w.people.get(personId) ?? null,
        trips: mine.map((b) => personPlanTrip(personId, b)),
        stays: stays[i]!.bookings.map((b) => personPlanStay(personId, b)),
      });
    });
    const vehicle = w.after.vehicleId ? plan.vehicles.get(w.after.vehicleId) : undefined;
    // The capacity decided on must still be the vehicle's when the trip commits.
    if (vehicle) add(recordUnchanged(tableName, keys.vehicle(vehicle.id), vehicle.version), { kind: 'changed', what: 'the vehicle' });
    for (const item of clashItems(tableName, hard)) add(item, { kind: 'other' });
    const soft = await softItems(tableName, softPlans, w.timeZone);
    soft.items.forEach((item, i) => add(item, soft.roles[i]!));
    if (items.length > 99) {
      throw new ValidationError([{ path: 'passengerIds', message: 'changes too many people and clashes in one write; change fewer passengers at once' }]);
    }
    const events = w.events({ before: w.before?.vehicleId ? (plan.vehicles.get(w.before.vehicleId) ?? null) : null, after: vehicle ?? null });
    await commitWithEvents(writer, items, events, explain(roles));
    return mergeChanges(hard);
  });
}

// ---- reading

export interface TripQuery {
  personId?: string | undefined;
  vehicleId?: string | undefined;
  date?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Trips by index (all, of a date, of a vehicle) or, for a person, from their bookings item; by departure. */
export async function listTrips(tableName: string, q: TripQuery): Promise<Page<Trip>> {
  if (q.personId) {
    const set = await personTrips(tableName, q.personId);
    const trips = (await batchGet(tableName, set.bookings.map((b) => keys.trip(b.id))))
      .filter((i) => (!q.vehicleId || i.vehicleId === q.vehicleId) && (!q.date || i.localDate === q.date))
      .sort((a, b) => String(a.gsi1sk).localeCompare(String(b.gsi1sk)));
    const from = q.cursor ? trips.findIndex((i) => String(i.gsi1sk) > Buffer.from(q.cursor as string, 'base64url').toString()) : 0;
    const page = from < 0 ? [] : trips.slice(from, from + q.limit);
    const more = from >= 0 && from + q.limit < trips.length;
    return { items: page.map(toTrip), nextCursor: more ? Buffer.from(String(page[page.length - 1]!.gsi1sk)).toString('base64url') : null };
  }
  const [index, partition, filter] = q.vehicleId
    ? (['gsi3', partitions.tripsOfVehicle(q.vehicleId), q.date ? { expression: '#d = :d', names: { '#d': 'localDate' }, values: { ':d': q.date } } : undefined] as const)
    : q.date
      ? (['gsi2', partitions.tripsOnDate(q.date), undefined] as const)
      : (['gsi1', partitions.allTrips, undefined] as const);
  const page = await queryPage<Item>({ tableName, index, partition, filter, limit: q.limit, cursor: q.cursor, binding: `date=${q.date ?? ''}` });
  return { items: page.items.map(toTrip), nextCursor: page.nextCursor };
}

/** Every trip of a person (from their bookings item), for itineraries and the directory consumer. */
export async function tripsOfPerson(tableName: string, personId: string, consistent = false): Promise<Trip[]> {
  const set = await personTrips(tableName, personId);
  return (await batchGet(tableName, set.bookings.map((b) => keys.trip(b.id)), consistent)).map(toTrip);
}
