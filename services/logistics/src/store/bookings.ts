// The bookings items of logistics (@liaison/kit/ddb/bookings): a vehicle's and a person's trips, a
// person's and a room's stays. What each booking holds is enough to find overlaps, and for a person
// to know their soft clashes, without reading the trips and stays themselves.
import type { Trip } from '@liaison/contracts';
import { readBookings, type BookingSet } from '@liaison/kit/ddb/bookings';
import type { PlanStay, PlanTrip } from '../domain/clashes';
import { keys } from './keys';

export interface TripBooking {
  departAt: string;
  arriveBy: string;
  status: Trip['status'];
  kind: Trip['kind'];
  /** For a person's bookings: whether they ride the trip or lead it. */
  role?: 'passenger' | 'lo';
}

export interface StayBooking {
  checkIn: string;
  checkOut: string;
}

export type TripBookings = BookingSet<TripBooking>;
export type StayBookings = BookingSet<StayBooking>;

export const vehicleTrips = (tableName: string, vehicleId: string): Promise<TripBookings> => readBookings<TripBooking>(tableName, keys.vehicleTrips(vehicleId));
export const personTrips = (tableName: string, personId: string): Promise<TripBookings> => readBookings<TripBooking>(tableName, keys.personTrips(personId));
export const personStays = (tableName: string, personId: string): Promise<StayBookings> => readBookings<StayBooking>(tableName, keys.personStays(personId));
export const roomStays = (tableName: string, room: string): Promise<StayBookings> => readBookings<StayBooking>(tableName, keys.roomStays(room));

export function tripBookingOf(t: Pick<Trip, 'departAt' | 'arriveBy' | 'status' | 'kind'>, role?: 'passenger' | 'lo'): TripBooking {
  return { departAt: t.departAt, arriveBy: t.arriveBy, status: t.status, kind: t.kind, ...(role ? { role } : {}) };
}

/** A person's trip as their bookings know it: enough for their soft clashes. */
export function personPlanTrip(personId: string, b: TripBooking & { id: string }): PlanTrip {
  return {
    id: b.id,
    kind: b.kind,
    departAt: b.departAt,
    arriveBy: b.arriveBy,
    status: b.status,
    vehicleId: null,
    loId: b.role === 'lo' ? personId : null,
    passengerIds: b.role === 'lo' ? [] : [personId],
  };
}

export function personPlanStay(personId: string, b: StayBooking & { id: string }): PlanStay {
  return { id: b.id, hotel: '', room: '', personIds: [personId], roomCapacity: 1, checkIn: b.checkIn, checkOut: b.checkOut };
}
