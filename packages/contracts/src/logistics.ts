// The logistics service's records (vehicles, trips, stays, sessions, meetings) as the API returns them
// and its events carry them, and the data of its events. Owned by the logistics service.
//
// The enums and `LocalDate` (query schemas use it) are plain; the records and the event data are built
// on first use (`z.lazy`): a function importing this file builds none of them, a request or an event
// builds the ones it parses. Inside this file, records are composed from memoized builders (`once`), so
// each is built once and the generated JSON schemas are the same as when they were plain. The builders
// that other code reads structurally (`vehicleObject().shape.label`) are exported.
import * as z from 'zod/mini';
import { Id, IsoDateTime, Phone, Text, Version } from './fields';
import { once } from './once';

export const TRIP_KINDS = ['pickup', 'transfer', 'departure'] as const;
export const TRIP_STATUSES = ['scheduled', 'cancelled', 'completed'] as const;
export const MEETING_STATUSES = ['scheduled', 'cancelled'] as const;

export const TripKind = z.enum(TRIP_KINDS);
export const TripStatus = z.enum(TRIP_STATUSES);
export const MeetingStatus = z.enum(MEETING_STATUSES);
export type TripKind = z.infer<typeof TripKind>;
export type TripStatus = z.infer<typeof TripStatus>;
export type MeetingStatus = z.infer<typeof MeetingStatus>;

/** A calendar date, `YYYY-MM-DD`, in the event's time zone (check-in and check-out days). */
export const LocalDate = z
  .string()
  .check(
    z.refine((s) => isCalendarDate(s), 'must be a date as YYYY-MM-DD, e.g. 2027-03-02'),
    z.meta({ format: 'date', examples: ['2027-03-02'] }),
  );
export type LocalDate = z.infer<typeof LocalDate>;

function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const Stamps = {
  id: Id,
  version: Version,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

const Ids = (max: number) => z.array(Id).check(z.maxLength(max, `must list at most ${max}`));

/** A place a trip leaves from or goes to: an airport terminal, a hotel, a venue. */
const place = once(() => Text(300));
export const Place = z.lazy(place);

const driverObject = once(() => z.strictObject({ name: Text(200), phone: Phone }));
export const Driver = z.lazy(driverObject);
export type Driver = z.infer<typeof Driver>;

export const vehicleObject = once(() =>
  z.object({
    label: Text(100).check(z.describe('What people call it: "Bus 3", "Alphard VIP 1"')),
    plate: Text(20),
    capacity: z
      .number('must be a number')
      .check(z.int('must be a whole number'), z.gte(1, 'must be at least 1'), z.lte(100), z.describe('Passenger seats, not counting the driver')),
    driver: z.nullable(driverObject()),
    ...Stamps,
  }),
);
export const Vehicle = z.lazy(vehicleObject);
export type Vehicle = z.infer<typeof Vehicle>;

export const tripObject = once(() =>
  z.object({
    kind: TripKind,
    from: place(),
    to: place(),
    departAt: IsoDateTime,
    arriveBy: IsoDateTime,
    vehicleId: z.nullable(Id),
    loId: z.nullable(Id).check(z.describe('The LO travelling with the passengers')),
    passengerIds: Ids(100),
    status: TripStatus,
    ...Stamps,
  }),
);
export const Trip = z.lazy(tripObject);
export type Trip = z.infer<typeof Trip>;

export const stayObject = once(() =>
  z.object({
    hotel: Text(200),
    room: Text(50),
    personIds: Ids(20),
    roomCapacity: z
      .number('must be a number')
      .check(z.int('must be a whole number'), z.gte(1, 'must be at least 1'), z.lte(20), z.describe('Beds in the room')),
    checkIn: LocalDate.check(z.describe('First night, in the event’s time zone')),
    checkOut: LocalDate.check(z.describe('The morning they leave: the night before it is their last')),
    ...Stamps,
  }),
);
export const Stay = z.lazy(stayObject);
export type Stay = z.infer<typeof Stay>;
/** API.md calls a stay an accommodation. */
export const Accommodation = Stay;
export type Accommodation = Stay;

export const sessionObject = once(() =>
  z.object({
    title: Text(200),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    venue: Text(200),
    attendeePartyIds: Ids(500),
    ...Stamps,
  }),
);
export const Session = z.lazy(sessionObject);
export type Session = z.infer<typeof Session>;

const actionItemObject = once(() =>
  z.object({
    id: Id,
    ownerId: Id,
    dueAt: z.nullable(IsoDateTime),
    text: Text(1000),
    done: z.boolean(),
  }),
);
export const ActionItem = z.lazy(actionItemObject);
export type ActionItem = z.infer<typeof ActionItem>;

const minutesObject = once(() =>
  z.object({
    notes: z.string().check(z.trim(), z.maxLength(20_000)),
    decisions: z.array(Text(2000)).check(z.maxLength(100)),
    actionItems: z.array(actionItemObject()).check(z.maxLength(200)),
  }),
);
export const Minutes = z.lazy(minutesObject);
export type Minutes = z.infer<typeof Minutes>;

export const meetingObject = once(() =>
  z.object({
    title: Text(200),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    location: Text(300),
    attendeePartyIds: Ids(500),
    attendeeIds: Ids(500),
    agenda: z.array(Text(500)).check(z.maxLength(50)),
    minutes: z.nullable(minutesObject()).check(z.describe('Null until minutes are recorded')),
    status: MeetingStatus,
    ...Stamps,
  }),
);
export const Meeting = z.lazy(meetingObject);
export type Meeting = z.infer<typeof Meeting>;

// ---- event data: each carries whom to tell, so notifications need no lookup to know the audience.

/** Who an event concerns: people directly, and parties whose members all are. */
const audienceObject = once(() =>
  z.object({
    personIds: z.array(Id).check(z.describe('People concerned directly (passengers, LOs, room guests, attendees)')),
    partyIds: z.array(Id).check(z.describe('Parties whose members are all concerned')),
  }),
);
export const Audience = z.lazy(audienceObject);
export type Audience = z.infer<typeof Audience>;

/** The vehicle as a passenger needs it: which car, which driver. */
const vehicleRefObject = once(() => z.pick(vehicleObject(), { id: true, label: true, plate: true, driver: true }));
export const VehicleRef = z.lazy(vehicleRefObject);
export type VehicleRef = z.infer<typeof VehicleRef>;

const changed = once(() => z.array(z.string()).check(z.minLength(1), z.describe('Top-level fields whose value changed')));

export const VehicleCreatedData = z.lazy(() => z.object({ vehicle: vehicleObject() }));
export const VehicleChangedData = z.lazy(() =>
  z.object({
    before: vehicleObject(),
    after: vehicleObject(),
    changed: changed(),
    tripIds: z.array(Id).check(z.describe('Its trips still scheduled, whose passengers hear of the change')),
    audience: audienceObject(),
    /** Absent for an edit. */
    reason: z.optional(z.enum(['personal-data.purged']).check(z.describe('Why, when nobody edited it: the retention purge took the driver off, and nobody is told'))),
  }),
);

export const TripScheduledData = z.lazy(() => z.object({ trip: tripObject(), vehicle: z.nullable(vehicleRefObject()), audience: audienceObject() }));
export const TripChangedData = z.lazy(() =>
  z.object({
    before: tripObject(),
    after: tripObject(),
    changed: changed(),
    time: z.boolean().check(z.describe('`departAt` or `arriveBy` changed')),
    place: z.boolean().check(z.describe('`from` or `to` changed')),
    passengersAdded: z.array(Id),
    passengersRemoved: z.array(Id),
    vehicleBefore: z.nullable(vehicleRefObject()),
    vehicleAfter: z.nullable(vehicleRefObject()),
    audience: audienceObject().check(z.describe('Passengers and LOs before and after: removed passengers hear they are off it')),
  }),
);
export const TripCancelledData = z.lazy(() => z.object({ trip: tripObject(), vehicle: z.nullable(vehicleRefObject()), audience: audienceObject() }));
export const TripCompletedData = z.lazy(() => z.object({ trip: tripObject(), audience: audienceObject() }));

export const StayAssignedData = z.lazy(() => z.object({ stay: stayObject(), audience: audienceObject() }));
export const StayChangedData = z.lazy(() =>
  z.object({
    before: stayObject(),
    after: stayObject(),
    changed: changed(),
    personsAdded: z.array(Id),
    personsRemoved: z.array(Id),
    audience: audienceObject(),
  }),
);
export const StayEndedData = z.lazy(() => z.object({ stay: stayObject(), audience: audienceObject() }));

export const MeetingScheduledData = z.lazy(() => z.object({ meeting: meetingObject(), audience: audienceObject() }));
export const MeetingChangedData = z.lazy(() =>
  z.object({
    before: meetingObject(),
    after: meetingObject(),
    changed: changed(),
    audience: audienceObject().check(z.describe('Attendees before and after')),
  }),
);
export const MeetingCancelledData = z.lazy(() => z.object({ meeting: meetingObject(), audience: audienceObject() }));

export const SessionChangedData = z.lazy(() =>
  z.object({
    before: z.nullable(sessionObject()).check(z.describe('Null when the session was added to the programme')),
    after: z.nullable(sessionObject()).check(z.describe('Null when the session was taken off the programme')),
    changed: z.array(z.string()).check(z.minLength(1), z.describe('Top-level fields whose value changed; every field on an add or removal')),
    audience: audienceObject(),
  }),
);
