// The logistics route table: every route of API.md's Logistics section, who may call it, and its schemas.
import { listOf } from '@liaison/kit/http/list';
import { route, type RouteTable } from '@liaison/kit/http/route';
import {
  Conflict,
  CreateTripBody,
  CreateVehicleBody,
  ListConflictsQuery,
  ListQuery,
  ListTripsQuery,
  PatchTripBody,
  PatchVehicleBody,
  Trip,
  TripParams,
  Vehicle,
  VehicleParams,
} from './schemas';

const STAFF = ['organizer', 'lo'] as const;
const ORGANIZER = ['organizer'] as const;
const clash = { 409: { description: 'A hard clash (listed in `clashes`), unless the body says `"allowConflicts": true`' } };
const ended = { 409: { description: 'The trip is cancelled or completed and cannot change' } };

export const routes = {
  createVehicle: route({
    method: 'POST',
    path: '/vehicles',
    summary: 'Add a vehicle',
    access: ORGANIZER,
    body: CreateVehicleBody,
    idempotent: true,
    responses: { 201: { description: 'Created', schema: Vehicle } },
  }),
  listVehicles: route({
    method: 'GET',
    path: '/vehicles',
    summary: 'List vehicles, by label',
    access: STAFF,
    query: ListQuery,
    responses: { 200: { description: 'A page of vehicles', schema: listOf(Vehicle) } },
  }),
  getVehicle: route({
    method: 'GET',
    path: '/vehicles/{vehicleId}',
    summary: 'One vehicle',
    access: STAFF,
    params: VehicleParams,
    responses: { 200: { description: 'The vehicle', schema: Vehicle } },
  }),
  patchVehicle: route({
    method: 'PATCH',
    path: '/vehicles/{vehicleId}',
    summary: 'Change a vehicle',
    description: 'Fewer seats than a scheduled trip carries is a clash. Its scheduled trips’ passengers hear of the change.',
    access: ORGANIZER,
    params: VehicleParams,
    body: PatchVehicleBody,
    responses: { 200: { description: 'The vehicle', schema: Vehicle }, ...clash },
  }),

  createTrip: route({
    method: 'POST',
    path: '/trips',
    summary: 'Plan a trip',
    description:
      'A vehicle or a person on two overlapping trips, an LO leading two at once, or more people than seats is a clash. An LO plans trips of the people and parties assigned to them.',
    access: STAFF,
    body: CreateTripBody,
    idempotent: true,
    responses: { 201: { description: 'Created', schema: Trip }, ...clash },
  }),
  listTrips: route({
    method: 'GET',
    path: '/trips',
    summary: 'List trips, by departure',
    access: STAFF,
    query: ListTripsQuery,
    responses: { 200: { description: 'A page of trips', schema: listOf(Trip) } },
  }),
  getTrip: route({
    method: 'GET',
    path: '/trips/{tripId}',
    summary: 'One trip',
    access: STAFF,
    params: TripParams,
    responses: { 200: { description: 'The trip', schema: Trip } },
  }),
  patchTrip: route({
    method: 'PATCH',
    path: '/trips/{tripId}',
    summary: 'Change a trip',
    description: 'A change of time, place or vehicle tells every passenger. A cancelled or completed trip cannot change.',
    access: STAFF,
    params: TripParams,
    body: PatchTripBody,
    responses: { 200: { description: 'The trip', schema: Trip }, 409: { description: 'A hard clash, or the trip is cancelled or completed' } },
  }),
  cancelTrip: route({
    method: 'POST',
    path: '/trips/{tripId}/cancel',
    summary: 'Cancel a trip',
    description: 'Its clashes close; its passengers hear of it.',
    access: STAFF,
    params: TripParams,
    responses: { 200: { description: 'The trip as it now is', schema: Trip }, ...ended },
  }),
  completeTrip: route({
    method: 'POST',
    path: '/trips/{tripId}/complete',
    summary: 'Mark a trip done',
    access: STAFF,
    params: TripParams,
    responses: { 200: { description: 'The trip as it now is', schema: Trip }, ...ended },
  }),

  listConflicts: route({
    method: 'GET',
    path: '/conflicts',
    summary: 'What clashes now',
    description: 'Open clashes, hard and soft, kept by the writes that open and close them (never recomputed here). LOs coordinate shared cars and rooms, so they see all of them.',
    access: STAFF,
    query: ListConflictsQuery,
    responses: { 200: { description: 'A page of open clashes', schema: listOf(Conflict) } },
  }),
} satisfies RouteTable;

export type LogisticsRoutes = typeof routes;
