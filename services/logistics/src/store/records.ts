// Stored items → the logistics records, as the API returns them and events carry them.
import type { Meeting, Minutes, Session, Stay, Trip, Vehicle, VehicleRef } from '@liaison/contracts';
import type { Item } from '@liaison/kit/ddb/table';

const stamps = (item: Item) => ({ id: item.id as string, version: item.version as number, createdAt: item.createdAt as string, updatedAt: item.updatedAt as string });

export function toVehicle(item: Item): Vehicle {
  return { label: item.label as string, plate: item.plate as string, capacity: item.capacity as number, driver: (item.driver as Vehicle['driver']) ?? null, ...stamps(item) };
}

export function vehicleRef(v: Vehicle | null): VehicleRef | null {
  return v ? { id: v.id, label: v.label, plate: v.plate, driver: v.driver } : null;
}

export function toTrip(item: Item): Trip {
  return {
    kind: item.kind as Trip['kind'],
    from: item.from as string,
    to: item.to as string,
    departAt: item.departAt as string,
    arriveBy: item.arriveBy as string,
    vehicleId: (item.vehicleId as string | null) ?? null,
    loId: (item.loId as string | null) ?? null,
    passengerIds: (item.passengerIds as string[]) ?? [],
    status: item.status as Trip['status'],
    ...stamps(item),
  };
}

export function toStay(item: Item): Stay {
  return {
    hotel: item.hotel as string,
    room: item.room as string,
    personIds: (item.personIds as string[]) ?? [],
    roomCapacity: item.roomCapacity as number,
    checkIn: item.checkIn as string,
    checkOut: item.checkOut as string,
    ...stamps(item),
  };
}

export function toSession(item: Item): Session {
  return {
    title: item.title as string,
    startsAt: item.startsAt as string,
    endsAt: item.endsAt as string,
    venue: item.venue as string,
    attendeePartyIds: (item.attendeePartyIds as string[]) ?? [],
    ...stamps(item),
  };
}

export function toMeeting(item: Item): Meeting {
  return {
    title: item.title as string,
    startsAt: item.startsAt as string,
    endsAt: item.endsAt as string,
    location: item.location as string,
    attendeePartyIds: (item.attendeePartyIds as string[]) ?? [],
    attendeeIds: (item.attendeeIds as string[]) ?? [],
    agenda: (item.agenda as string[]) ?? [],
    minutes: (item.minutes as Minutes | null) ?? null,
    status: item.status as Meeting['status'],
    ...stamps(item),
  };
}

