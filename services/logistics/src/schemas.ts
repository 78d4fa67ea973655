// Request and answer schemas of the logistics API. The route table, the validator and the OpenAPI
// document all read these; field rules come from the records in @liaison/contracts.
import { Driver, Id, IsoDateTime, LocalDate, Meeting, Session, Stay, Text, Trip, TripKind, Vehicle } from '@liaison/contracts';
import { Cursor, Limit } from '@liaison/kit/http/list';
import * as z from 'zod';
import { CLASH_KINDS } from './domain/clashes';

/** Most people one trip carries: every one of them is a bookings item in the trip's transaction. */
export const MAX_PASSENGERS = 40;
/** Most people one stay lists. */
export const MAX_ROOM_GUESTS = 20;

const AllowConflicts = z.boolean().optional().describe('Write even though it makes a hard clash; the clash then shows in GET /conflicts');
const ids = (max: number, what: string) => z.array(Id).max(max, `must list at most ${max} ${what}`);

// ---- vehicles

const VehicleFields = Vehicle.pick({ label: true, plate: true, capacity: true, driver: true }).shape;
export const CreateVehicleBody = z.strictObject({ ...VehicleFields, driver: Driver.nullable().default(null) });
export type CreateVehicleBody = z.infer<typeof CreateVehicleBody>;
export const PatchVehicleBody = z.strictObject({ ...VehicleFields, allowConflicts: AllowConflicts }).partial().describe('Merge patch: fields left out stay');
export type PatchVehicleBody = z.infer<typeof PatchVehicleBody>;
export const VehicleParams = z.strictObject({ vehicleId: Id });
export const ListQuery = z.strictObject({ limit: Limit, cursor: Cursor });

// ---- trips

const TripFields = {
  kind: TripKind,
  from: Trip.shape.from,
  to: Trip.shape.to,
  departAt: IsoDateTime,
  arriveBy: IsoDateTime,
  vehicleId: Id.nullable(),
  loId: Id.nullable(),
  passengerIds: ids(MAX_PASSENGERS, 'passengers'),
};
export const CreateTripBody = z.strictObject({
  ...TripFields,
  vehicleId: TripFields.vehicleId.default(null),
  loId: TripFields.loId.default(null),
  passengerIds: TripFields.passengerIds.default([]),
  allowConflicts: AllowConflicts,
});
export type CreateTripBody = z.infer<typeof CreateTripBody>;
export const PatchTripBody = z.strictObject({ ...TripFields, allowConflicts: AllowConflicts }).partial().describe('Merge patch: fields left out stay, `null` clears vehicle or LO');
export type PatchTripBody = z.infer<typeof PatchTripBody>;
export const TripParams = z.strictObject({ tripId: Id });
export const ListTripsQuery = z.strictObject({ personId: Id.optional(), vehicleId: Id.optional(), date: LocalDate.optional().describe('Local date of departure'), limit: Limit, cursor: Cursor });

// ---- stays

const StayFields = {
  hotel: Stay.shape.hotel,
  room: Stay.shape.room,
  personIds: ids(MAX_ROOM_GUESTS, 'people'),
  roomCapacity: Stay.shape.roomCapacity,
  checkIn: LocalDate,
  checkOut: LocalDate,
};
export const CreateStayBody = z.strictObject({ ...StayFields, allowConflicts: AllowConflicts });
export type CreateStayBody = z.infer<typeof CreateStayBody>;
export const PatchStayBody = z.strictObject({ ...StayFields, allowConflicts: AllowConflicts }).partial();
export type PatchStayBody = z.infer<typeof PatchStayBody>;
export const StayParams = z.strictObject({ accommodationId: Id });
export const ListStaysQuery = z.strictObject({ personId: Id.optional(), hotel: Text(200).optional(), limit: Limit, cursor: Cursor });

// ---- sessions

const SessionFields = { title: Session.shape.title, startsAt: IsoDateTime, endsAt: IsoDateTime, venue: Session.shape.venue, attendeePartyIds: ids(100, 'parties') };
export const CreateSessionBody = z.strictObject({ ...SessionFields, attendeePartyIds: SessionFields.attendeePartyIds.default([]) });
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;
export const PatchSessionBody = z.strictObject(SessionFields).partial();
export type PatchSessionBody = z.infer<typeof PatchSessionBody>;
export const SessionParams = z.strictObject({ sessionId: Id });
export const ListSessionsQuery = z.strictObject({ date: LocalDate.optional().describe('Local date the session starts'), limit: Limit, cursor: Cursor });

// ---- meetings

const MeetingFields = {
  title: Meeting.shape.title,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  location: Meeting.shape.location,
  attendeePartyIds: ids(100, 'parties'),
  attendeeIds: ids(200, 'people'),
  agenda: Meeting.shape.agenda,
};
export const CreateMeetingBody = z.strictObject({
  ...MeetingFields,
  attendeePartyIds: MeetingFields.attendeePartyIds.default([]),
  attendeeIds: MeetingFields.attendeeIds.default([]),
  agenda: MeetingFields.agenda.default([]),
});
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;
export const PatchMeetingBody = z.strictObject(MeetingFields).partial();
export type PatchMeetingBody = z.infer<typeof PatchMeetingBody>;
export const MeetingParams = z.strictObject({ meetingId: Id });
export const ActionItemParams = z.strictObject({ meetingId: Id, itemId: Id });

export const MinutesBody = z.strictObject({
  notes: z.string().trim().max(20_000).default(''),
  decisions: z.array(Text(2000)).max(100).default([]),
  actionItems: z
    .array(z.strictObject({ ownerId: Id, dueAt: IsoDateTime.nullable().default(null), text: Text(1000), done: z.boolean().default(false) }))
    .max(200)
    .default([]),
});
export type MinutesBody = z.infer<typeof MinutesBody>;
export const PatchActionItemBody = z.strictObject({ done: z.boolean(), text: Text(1000), dueAt: IsoDateTime.nullable(), ownerId: Id }).partial();
export type PatchActionItemBody = z.infer<typeof PatchActionItemBody>;

// ---- conflicts and itineraries

export const ClashKind = z.enum(CLASH_KINDS);
export const Conflict = z.object({
  kind: ClashKind,
  severity: z.enum(['hard', 'soft']),
  message: z.string(),
  refs: z.array(z.string()).describe('Trips and stays involved, then the vehicle or person'),
  personIds: z.array(Id),
  dates: z.array(LocalDate),
  openedAt: IsoDateTime,
});
export type Conflict = z.infer<typeof Conflict>;
export const ListConflictsQuery = z.strictObject({ kind: ClashKind.optional(), personId: Id.optional(), date: LocalDate.optional(), limit: Limit, cursor: Cursor });

export const PersonParams = z.strictObject({ personId: Id });
export const ItineraryItem = z.looseObject({
  kind: z.enum(['trip', 'stay', 'session', 'meeting']),
  id: Id,
  title: z.string(),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
});
export const Itinerary = z.object({ personId: Id, timeZone: z.string(), items: z.array(ItineraryItem) });

export { Meeting, Session, Stay, Trip, Vehicle };
