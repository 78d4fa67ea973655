// The notifications service's own view of trips and stays, kept from logistics' events: who rides a
// trip (broadcast audience `{tripId}`, reminders), who sleeps at a hotel (audience `{hotel}`), and the
// index of pick-up reminders that are due. Each event applies only over an older version of its
// entity (a conditional write), so a redelivered or late event never rolls the view back.
//
//   trip  NOTIFY#TRIP#<id> / TRIP   gsi2 NOTIFY#REMINDERS / <remindAt ISO>#<tripId>  (only while a reminder is due to go)
//                                   gsi1 NOTIFY#DRIVERS / <tripId>                   (only while its vehicle has a driver: the purge reads it)
//   stay  NOTIFY#STAY#<id> / STAY   gsi1 NOTIFY#HOTEL#<hotel> / <stayId>             (only while the stay exists)
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Stay, Trip, VehicleRef } from '@liaison/contracts';
import { ddb } from '@liaison/kit/ddb/client';
import { getItem, queryPage, type Item } from '@liaison/kit/ddb/table';
import { setExpression } from '@liaison/kit/ddb/writes';
import { dueItems } from './due';
import { keys, partitions } from './keys';

/** A trip as notifications keeps it: the trip, its vehicle, and the departure a reminder already went for. */
export interface TripView {
  trip: Trip;
  vehicle: VehicleRef | null;
  /** `departAt` of the reminder that was sent (a moved trip gets a new one). */
  remindedFor: string | null;
  /** When the reminder is due, while it is in the index. */
  remindAt: string | null;
}

export interface StayView {
  stay: Stay;
  ended: boolean;
}

/** When a trip's reminder is due, or null when none should go (not scheduled, or already sent for this departure). */
export function reminderAt(trip: Trip, reminderMinutes: number, remindedFor: string | null): string | null {
  if (trip.status !== 'scheduled') return null;
  if (remindedFor !== null && Date.parse(remindedFor) === Date.parse(trip.departAt)) return null;
  return new Date(Date.parse(trip.departAt) - reminderMinutes * 60_000).toISOString();
}

const reminderSort = (remindAt: string, tripId: string) => `${remindAt}#${tripId}`;

/** The drivers' index entry of a trip whose vehicle has a driver (personal data the retention purge blanks), else none. */
const driverIndex = (tripId: string, vehicle: VehicleRef | null) =>
  vehicle?.driver ? { gsi1pk: partitions.tripsWithDriver, gsi1sk: tripId } : { gsi1pk: undefined, gsi1sk: undefined };

function toTripView(item: Item): TripView {
  return {
    trip: item.trip as Trip,
    vehicle: (item.vehicle as VehicleRef | null | undefined) ?? null,
    remindedFor: (item.remindedFor as string | undefined) ?? null,
    remindAt: (item.remindAt as string | undefined) ?? null,
  };
}

export async function getTripView(tableName: string, tripId: string, consistent = false): Promise<TripView | null> {
  const item = await getItem(tableName, keys.trip(tripId), consistent);
  return item ? toTripView(item) : null;
}

/** The passengers of a trip as its latest event named them, or null for a trip notifications never heard of. */
export async function tripPassengers(tableName: string, tripId: string): Promise<string[] | null> {
  const view = await getTripView(tableName, tripId);
  return view ? view.trip.passengerIds : null;
}

export type Applied<T> = { applied: true; previous: T | null } | { applied: false; current: T | null };

/**
 * Applies a trip as an event carries it (`vehicle`: the vehicle after, when the event says; undefined
 * keeps the one known). Ignored when the view holds this version or a newer one. The reminder moves
 * with `departAt`, goes when the trip is cancelled or completed, and is not set again for a departure
 * it was already sent for.
 */
export async function applyTrip(tableName: string, trip: Trip, vehicle: VehicleRef | null | undefined, reminderMinutes: number): Promise<Applied<TripView>> {
  for (let attempt = 0; ; attempt++) {
    const before = await getTripView(tableName, trip.id, true);
    if (before && before.trip.version >= trip.version) return { applied: false, current: before };
    const remindedFor = before?.remindedFor ?? null;
    const remindAt = reminderAt(trip, reminderMinutes, remindedFor);
    const kept = vehicle === undefined ? (before?.vehicle ?? null) : vehicle;
    const set = setExpression({
      entity: 'notify-trip',
      id: trip.id,
      version: trip.version,
      trip,
      vehicle: kept,
      ...driverIndex(trip.id, kept),
      remindAt: remindAt ?? undefined,
      gsi2pk: remindAt ? partitions.dueReminders : undefined,
      gsi2sk: remindAt ? reminderSort(remindAt, trip.id) : undefined,
    });
    try {
      await ddb.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.trip(trip.id),
          UpdateExpression: set.expression,
          // Only over what was read: a newer event, or the reminder schedule marking this departure
          // reminded, in between makes it read again.
          ConditionExpression: before
            ? '#v < :v AND #v = :read AND ' + (remindedFor === null ? 'attribute_not_exists(#rf)' : '#rf = :rf')
            : 'attribute_not_exists(pk)',
          ExpressionAttributeNames: { ...set.names, ...(before ? { '#v': 'version', '#rf': 'remindedFor' } : {}) },
          ExpressionAttributeValues: {
            ...set.values,
            ...(before ? { ':v': trip.version, ':read': before.trip.version, ...(remindedFor === null ? {} : { ':rf': remindedFor }) } : {}),
          },
        }),
      );
      return { applied: true, previous: before };
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException) || attempt >= 5) throw err;
    }
  }
}

/**
 * The vehicle of a trip as a `vehicle.changed` event carries it (a new driver, for reminders), while the
 * trip still uses that vehicle; an older vehicle version than one applied already changes nothing.
 */
export async function setTripVehicle(tableName: string, tripId: string, vehicle: VehicleRef, vehicleVersion: number): Promise<boolean> {
  const set = setExpression({ vehicle, vehicleVersion, ...driverIndex(tripId, vehicle) });
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.trip(tripId),
        UpdateExpression: set.expression,
        ConditionExpression: 'attribute_exists(pk) AND #trip.#vid = :vid AND (attribute_not_exists(#vv) OR #vv < :vv)',
        ExpressionAttributeNames: { ...set.names, '#vv': 'vehicleVersion', '#trip': 'trip', '#vid': 'vehicleId' },
        ExpressionAttributeValues: { ...set.values, ':vv': vehicleVersion, ':vid': vehicle.id },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/** One page of trips whose reminder is due at `nowMs` or before, earliest first (index query, no Scan). */
export async function dueReminders(tableName: string, nowMs: number, limit: number, cursor?: Record<string, unknown>): Promise<{ items: TripView[]; next: Record<string, unknown> | null }> {
  const page = await dueItems(tableName, partitions.dueReminders, nowMs, limit, cursor);
  return { items: page.items.map(toTripView), next: page.next };
}

/**
 * Takes a trip's reminder out of the index once it went (or the trip left without one), remembering
 * the departure it was for. Conditional on the entry being the one read: false when another run or a
 * newer event got there first.
 */
export async function clearReminder(tableName: string, view: Pick<TripView, 'trip' | 'remindAt'>, sent: boolean): Promise<boolean> {
  if (!view.remindAt) return false;
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.trip(view.trip.id),
        UpdateExpression: sent ? 'SET remindedFor = :d REMOVE gsi2pk, gsi2sk, remindAt' : 'REMOVE gsi2pk, gsi2sk, remindAt',
        ConditionExpression: 'gsi2sk = :sk AND #v = :v',
        ExpressionAttributeNames: { '#v': 'version' },
        ExpressionAttributeValues: { ':sk': reminderSort(view.remindAt, view.trip.id), ':v': view.trip.version, ...(sent ? { ':d': view.trip.departAt } : {}) },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

// ---- stays

function toStayView(item: Item): StayView {
  return { stay: item.stay as Stay, ended: item.ended === true };
}

export async function getStayView(tableName: string, stayId: string, consistent = false): Promise<StayView | null> {
  const item = await getItem(tableName, keys.stay(stayId), consistent);
  return item ? toStayView(item) : null;
}

/**
 * Applies a stay as an event carries it; `ended` (stay.ended carries the stay at its last version)
 * wins over that version too, and leaves the hotel's index. Ignored over an equal or newer version.
 */
export async function applyStay(tableName: string, stay: Stay, ended: boolean): Promise<Applied<StayView>> {
  // An ended stay counts as one version past the stay it carries: nothing can follow it.
  const version = ended ? stay.version + 1 : stay.version;
  const set = setExpression({
    entity: 'notify-stay',
    id: stay.id,
    version,
    stay,
    ended: ended || undefined,
    gsi1pk: ended ? undefined : partitions.staysAtHotel(stay.hotel),
    gsi1sk: ended ? undefined : stay.id,
  });
  try {
    const out = await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.stay(stay.id),
        UpdateExpression: set.expression,
        ConditionExpression: 'attribute_not_exists(pk) OR #v < :v',
        ExpressionAttributeNames: { ...set.names, '#v': 'version' },
        ExpressionAttributeValues: { ...set.values, ':v': version },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return { applied: true, previous: out.Attributes ? toStayView(out.Attributes) : null };
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return { applied: false, current: await getStayView(tableName, stay.id, true) };
    throw err;
  }
}

/**
 * Everyone with a stay at `hotel` (matched ignoring case and spaces), each once. `onDate`
 * (`YYYY-MM-DD`, the event's local day) leaves out stays that ended before it.
 */
export async function peopleAtHotel(tableName: string, hotel: string, opts: { onDate?: string } = {}): Promise<string[]> {
  const people = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await queryPage<Item>({ tableName, index: 'gsi1', partition: partitions.staysAtHotel(hotel), limit: 200, cursor });
    for (const item of page.items) {
      const { stay, ended } = toStayView(item);
      if (ended || (opts.onDate && stay.checkOut < opts.onDate)) continue;
      for (const id of stay.personIds) people.add(id);
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return [...people];
}
