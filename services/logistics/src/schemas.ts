// Request and answer schemas of the logistics API. The route table, the validator and the OpenAPI
// document all read these; field rules come from the records in @liaison/contracts.
//
// Each is built on first use (`z.lazy`): the HTTP function's cold start builds none of them, a request
// builds its own route's, and answer schemas are built only by the OpenAPI document and the tests. (Path
// parameter and query schemas are small and stay plain: the route table types them as objects.)
import { Driver, Id, IsoDateTime, LocalDate, Meeting, meetingObject, Session, sessionObject, Stay, stayObject, Text, Trip, tripObject, TripKind, Vehicle, vehicleObject } from '@liaison/contracts';
import { Cursor, Limit } from '@liaison/kit/http/list';
import * as z from 'zod/mini';
import { once } from '@liaison/contracts/once';
import { CLASH_KINDS } from './domain/clash-kinds';

/** Most people one trip carries: every one of them is a bookings item in the trip's transaction. */
export const MAX_PASSENGERS = 40;
/** Most people one stay lists. */
export const MAX_ROOM_GUESTS = 20;

const allowConflicts = once(() =>
  z.optional(z.boolean()).check(z.describe('Write even though it makes a hard clash; the clash then shows in GET /conflicts')),
);
const ids = (max: number, what: string) => z.array(Id).check(z.maxLength(max, `must list at most ${max} ${what}`));

// ---- vehicles

// The field schemas `Vehicle.pick(...)` would give, read off the shape: no object method on a contracts schema.
const vehicleFields = once(() => {
  const { label, plate, capacity, driver } = vehicleObject().shape;
  return { label, plate, capacity, driver };
});
export const CreateVehicleBody = z.lazy(() => z.strictObject({ ...vehicleFields(), driver: z._default(z.nullable(Driver), null) }));
export type CreateVehicleBody = z.infer<typeof CreateVehicleBody>;
export const PatchVehicleBody = z.lazy(() =>
  z.partial(z.strictObject({ ...vehicleFields(), allowConflicts: allowConflicts() })).check(z.describe('Merge patch: fields left out stay')),
);
export type PatchVehicleBody = z.infer<typeof PatchVehicleBody>;
export const VehicleParams = z.strictObject({ vehicleId: Id });
export const ListQuery = z.strictObject({ limit: Limit, cursor: Cursor });

// ---- trips

const tripFields = once(() => ({
  kind: TripKind,
  from: tripObject().shape.from,
  to: tripObject().shape.to,
  departAt: IsoDateTime,
  arriveBy: IsoDateTime,
  vehicleId: z.nullable(Id),
  loId: z.nullable(Id),
  passengerIds: ids(MAX_PASSENGERS, 'passengers'),
}));
export const CreateTripBody = z.lazy(() => {
  const fields = tripFields();
  return z.strictObject({
    ...fields,
    vehicleId: z._default(fields.vehicleId, null),
    loId: z._default(fields.loId, null),
    passengerIds: z._default(fields.passengerIds, []),
    allowConflicts: allowConflicts(),
  });
});
export type CreateTripBody = z.infer<typeof CreateTripBody>;
export const PatchTripBody = z.lazy(() =>
  z
    .partial(z.strictObject({ ...tripFields(), allowConflicts: allowConflicts() }))
    .check(z.describe('Merge patch: fields left out stay, `null` clears vehicle or LO')),
);
export type PatchTripBody = z.infer<typeof PatchTripBody>;
export const TripParams = z.strictObject({ tripId: Id });
export const ListTripsQuery = z.strictObject({
  personId: z.optional(Id),
  vehicleId: z.optional(Id),
  date: z.optional(LocalDate).check(z.describe('Local date of departure')),
  limit: Limit,
  cursor: Cursor,
});

// ---- stays

const stayFields = once(() => ({
  hotel: stayObject().shape.hotel,
  room: stayObject().shape.room,
  personIds: ids(MAX_ROOM_GUESTS, 'people'),
  roomCapacity: stayObject().shape.roomCapacity,
  checkIn: LocalDate,
  checkOut: LocalDate,
}));
export const CreateStayBody = z.lazy(() => z.strictObject({ ...stayFields(), allowConflicts: allowConflicts() }));
export type CreateStayBody = z.infer<typeof CreateStayBody>;
export const PatchStayBody = z.lazy(() => z.partial(z.strictObject({ ...stayFields(), allowConflicts: allowConflicts() })));
export type PatchStayBody = z.infer<typeof PatchStayBody>;
export const StayParams = z.strictObject({ accommodationId: Id });
export const ListStaysQuery = z.strictObject({ personId: z.optional(Id), hotel: z.optional(Text(200)), limit: Limit, cursor: Cursor });

// ---- sessions

const sessionFields = once(() => ({
  title: sessionObject().shape.title,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  venue: sessionObject().shape.venue,
  attendeePartyIds: ids(100, 'parties'),
}));
export const CreateSessionBody = z.lazy(() => {
  const fields = sessionFields();
  return z.strictObject({ ...fields, attendeePartyIds: z._default(fields.attendeePartyIds, []) });
});
export type CreateSessionBody = z.infer<typeof CreateSessionBody>;
export const PatchSessionBody = z.lazy(() => z.partial(z.strictObject(sessionFields())));
export type PatchSessionBody = z.infer<typeof PatchSessionBody>;
export const SessionParams = z.strictObject({ sessionId: Id });
export const ListSessionsQuery = z.strictObject({ date: z.optional(LocalDate).check(z.describe('Local date the session starts')), limit: Limit, cursor: Cursor });

// ---- meetings

const meetingFields = once(() => ({
  title: meetingObject().shape.title,
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  location: meetingObject().shape.location,
  attendeePartyIds: ids(100, 'parties'),
  attendeeIds: ids(200, 'people'),
  agenda: meetingObject().shape.agenda,
}));
export const CreateMeetingBody = z.lazy(() => {
  const fields = meetingFields();
  return z.strictObject({
    ...fields,
    attendeePartyIds: z._default(fields.attendeePartyIds, []),
    attendeeIds: z._default(fields.attendeeIds, []),
    agenda: z._default(fields.agenda, []),
  });
});
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;
export const PatchMeetingBody = z.lazy(() => z.partial(z.strictObject(meetingFields())));
export type PatchMeetingBody = z.infer<typeof PatchMeetingBody>;
export const MeetingParams = z.strictObject({ meetingId: Id });
export const ActionItemParams = z.strictObject({ meetingId: Id, itemId: Id });

export const MinutesBody = z.lazy(() =>
  z.strictObject({
    notes: z._default(z.string().check(z.trim(), z.maxLength(20_000)), ''),
    decisions: z._default(z.array(Text(2000)).check(z.maxLength(100)), []),
    actionItems: z._default(
      z
        .array(z.strictObject({ ownerId: Id, dueAt: z._default(z.nullable(IsoDateTime), null), text: Text(1000), done: z._default(z.boolean(), false) }))
        .check(z.maxLength(200)),
      [],
    ),
  }),
);
export type MinutesBody = z.infer<typeof MinutesBody>;
export const PatchActionItemBody = z.lazy(() =>
  z.partial(z.strictObject({ done: z.boolean(), text: Text(1000), dueAt: z.nullable(IsoDateTime), ownerId: Id })),
);
export type PatchActionItemBody = z.infer<typeof PatchActionItemBody>;

// ---- conflicts and itineraries

/** Plain: `GET /conflicts`' query filters by it. */
export const ClashKind = z.enum(CLASH_KINDS);
export const Conflict = z.lazy(() =>
  z.object({
    kind: ClashKind,
    severity: z.enum(['hard', 'soft']),
    message: z.string(),
    refs: z.array(z.string()).check(z.describe('Trips and stays involved, then the vehicle or person')),
    personIds: z.array(Id),
    dates: z.array(LocalDate),
    openedAt: IsoDateTime,
  }),
);
export type Conflict = z.infer<typeof Conflict>;
export const ListConflictsQuery = z.strictObject({ kind: z.optional(ClashKind), personId: z.optional(Id), date: z.optional(LocalDate), limit: Limit, cursor: Cursor });

export const PersonParams = z.strictObject({ personId: Id });
export const Itinerary = z.lazy(() =>
  z.object({
    personId: Id,
    timeZone: z.string(),
    items: z.array(
      z.looseObject({
        kind: z.enum(['trip', 'stay', 'session', 'meeting']),
        id: Id,
        title: z.string(),
        startsAt: IsoDateTime,
        endsAt: IsoDateTime,
      }),
    ),
  }),
);

export { Meeting, Session, Stay, Trip, Vehicle };
