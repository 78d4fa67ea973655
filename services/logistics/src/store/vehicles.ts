// Vehicles in DynamoDB. A change of capacity opens or closes over-capacity clashes of the vehicle's
// scheduled trips, decided on its bookings item as read (checked unchanged in the same transaction, so
// a trip added meanwhile makes the change read again).
import type { Envelope, Trip, Vehicle } from '@liaison/contracts';
import { explain, type Role } from '@liaison/kit/ddb/conflicts';
import { readAgainOnChange } from '@liaison/kit/ddb/read-again';
import { batchGet, getItem, queryPage, type Item, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { ConflictError } from '@liaison/kit/errors';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import { clashChange, type ClashChange } from '../domain/clash-set';
import { isLive, planClashes } from '../domain/clashes';
import { vehicleTrips } from './bookings';
import { clashItems } from './clashes';
import { bookingsUnchanged, recordWrite } from './items';
import { keys, partitions } from './keys';
import { toTrip, toVehicle } from './records';

function vehicleIndex(v: Vehicle): Item {
  return { gsi1pk: partitions.allVehicles, gsi1sk: `${v.label.toLowerCase()}#${v.id}` };
}

export async function findVehicle(tableName: string, id: string, consistent = false): Promise<Vehicle | null> {
  const item = await getItem(tableName, keys.vehicle(id), consistent);
  return item ? toVehicle(item) : null;
}

export async function listVehicles(tableName: string, q: { limit: number; cursor?: string | undefined }): Promise<Page<Vehicle>> {
  const page = await queryPage<Item>({ tableName, index: 'gsi1', partition: partitions.allVehicles, limit: q.limit, cursor: q.cursor });
  return { items: page.items.map(toVehicle), nextCursor: page.nextCursor };
}

export async function createVehicle(writer: { tableName: string; topicArn: string }, v: Vehicle, events: Envelope[]): Promise<void> {
  const w = recordWrite(writer.tableName, keys.vehicle(v.id), v, vehicleIndex(v), null);
  await commitWithEvents(writer, [w.item], events, explain([w.role]));
}

/** The vehicle's scheduled trips, read through its bookings item. */
export async function liveTripsOf(tableName: string, vehicleId: string): Promise<{ seq: number; trips: Trip[] }> {
  const set = await vehicleTrips(tableName, vehicleId);
  const ids = set.bookings.filter((b) => b.status === 'scheduled').map((b) => b.id);
  const trips = (await batchGet(tableName, ids.map(keys.trip), true)).map(toTrip).filter(isLive);
  return { seq: set.seq, trips };
}

export interface VehicleUpdate {
  before: Vehicle;
  after: Vehicle;
  allowConflicts: boolean;
  timeZone: string;
  events: (liveTrips: Trip[]) => Envelope[];
}

export async function updateVehicle(writer: { tableName: string; topicArn: string }, u: VehicleUpdate): Promise<ClashChange> {
  const tableName = writer.tableName;
  return readAgainOnChange(async () => {
    const { seq, trips } = await liveTripsOf(tableName, u.before.id);
    const over = (v: Vehicle) => planClashes({ trips, stays: [], vehicles: [v] }, { timeZone: u.timeZone }).filter((c) => c.kind === 'vehicle_over_capacity');
    const change = clashChange(over(u.before), over(u.after));
    if (change.opened.length > 0 && !u.allowConflicts) {
      throw new ConflictError(`The change clashes: ${change.opened.map((c) => c.message).join('; ')}`, change.opened.map((c) => ({ kind: c.kind, message: c.message, refs: c.refs })));
    }
    const w = recordWrite(tableName, keys.vehicle(u.after.id), u.after, vehicleIndex(u.after), u.before.version);
    const items: TransactItem[] = [w.item, bookingsUnchanged(tableName, keys.vehicleTrips(u.after.id), seq), ...clashItems(tableName, change)];
    const roles: Role[] = [w.role, { kind: 'changed', what: 'the trips of the vehicle' }, ...items.slice(2).map((): Role => ({ kind: 'other' }))];
    await commitWithEvents(writer, items, u.events(trips), explain(roles));
    return change;
  });
}
