// What the other services' events mean for people's phones: one domain event → the messages it causes
// (intents), each with its template, audience, values, priority and coalescing subject. Pure: the
// consumer expands audiences (parties → members, roles → people), looks up what an event does not
// carry (`needs`: the LO's name and phone, passengers' names, the reporter) and calls `fillNeeds`.
//
//   trip.scheduled   → passengers and LOs: trip.scheduled; the driver: trip.driver
//   trip.changed     → time, place or vehicle changed: the others hear trip.changed; added passengers
//                      (and a new LO) trip.added, removed ones (and the old LO) trip.removed; the driver
//                      trip.driver_changed, or on a new vehicle: old driver trip.driver_cancelled, new trip.driver
//   trip.cancelled   → trip.cancelled; the driver trip.driver_cancelled
//   stay.*           → stay.assigned; stay.changed (hotel, room or dates) and stay.assigned for people added
//   meeting.*        → meeting.scheduled; meeting.moved (time or place), scheduled/cancelled for attendees
//                      added/removed; meeting.cancelled
//   assignment.created → the person or the party's members: who their LO is
//   ticket.*         → created/assigned: the assignee (null: organisers); kind emergency: every organiser
//                      (and the assignee) at emergency priority; escalated: organisers; acknowledged and
//                      resolved: the reporter. Nobody is told of what they did themselves.
import type { DomainEvent, Language, Trip, VehicleRef } from '@liaison/contracts';
import type { Priority } from '../types';
import type { AutomaticKey, Vars } from './templates';
import { driverVars, lookedUpVars, list, meetingVars, STAY_FIELDS, stayVars, ticketVars, TICKET_WORDS, time, tripVars, words, type Found, type PerLanguage, type TicketRef } from './values';

export { tripVars, type Found };

export interface AutomaticContext {
  timeZone: string;
  languages: readonly Language[];
}

export interface IntentAudience {
  personIds: string[];
  partyIds: string[];
  roles?: ['organizer'];
  /** A vehicle's driver: not in the directory, SMS to this phone. */
  driver?: { vehicleId: string; name: string; phone: string };
}

/** Something the event does not carry and the consumer looks up before rendering (see `fillNeeds`). */
export type Need = 'lo' | 'passengers' | 'reporter';

export interface Intent {
  /** Unique within its event: the message's cause is `<eventId>:<messageKey>`. */
  messageKey: string;
  templateKey: AutomaticKey;
  audience: IntentAudience;
  vars: Vars;
  priority: Priority;
  /** When what it is about happens: a `normal` message about something before the quiet hours end goes at once. */
  happensAtMs?: number;
  /** Coalescing subject (`trip:<id>`, ...); none for emergencies. */
  subject?: string;
  /** `lo` → vars `lo`, `loName`, `loPhone` (from `loId`); `passengers` → `passengers`, `passengerNames` (from `passengerIds`); `reporter` → `reporter`, `reporterName`, `reporterPhone` (from `reporterId`). */
  needs?: Need[];
  loId?: string | null;
  passengerIds?: string[];
  reporterId?: string;
}

/** The event types that cause automatic messages (the consumer's filter). */
export const AUTOMATIC_EVENT_TYPES = [
  'trip.scheduled',
  'trip.changed',
  'trip.cancelled',
  'stay.assigned',
  'stay.changed',
  'meeting.scheduled',
  'meeting.changed',
  'meeting.cancelled',
  'assignment.created',
  'ticket.created',
  'ticket.assigned',
  'ticket.escalated',
  'ticket.acknowledged',
  'ticket.resolved',
] as const;
export type AutomaticEventType = (typeof AUTOMATIC_EVENT_TYPES)[number];

// ---- audiences

const people = (personIds: readonly string[], partyIds: readonly string[] = []): IntentAudience => ({ personIds: [...new Set(personIds)], partyIds: [...new Set(partyIds)] });
const organisers = (also: readonly (string | null)[] = []): IntentAudience => ({ ...people(also.filter((x): x is string => x !== null)), roles: ['organizer'] });
const without = (ids: readonly string[], drop: readonly (string | null)[]) => ids.filter((id) => !drop.includes(id));
const isEmpty = (a: IntentAudience) => a.personIds.length === 0 && a.partyIds.length === 0 && !a.roles && !a.driver;
const driverOf = (v: VehicleRef | null): IntentAudience | null =>
  v?.driver ? { personIds: [], partyIds: [], driver: { vehicleId: v.id, name: v.driver.name, phone: v.driver.phone } } : null;

const ms = (iso: string) => Date.parse(iso);

function driverIntent(key: 'trip.driver' | 'trip.driver_changed', trip: Trip, vehicle: VehicleRef, audience: IntentAudience, ctx: AutomaticContext): Intent {
  return {
    messageKey: key,
    templateKey: key,
    audience,
    vars: driverVars(trip, vehicle, ctx),
    priority: 'urgent',
    happensAtMs: ms(trip.departAt),
    subject: `trip:${trip.id}`,
    needs: ['lo', 'passengers'],
    loId: trip.loId,
    passengerIds: trip.passengerIds,
  };
}

function driverCancelled(trip: Trip, vehicle: VehicleRef, audience: IntentAudience, ctx: AutomaticContext): Intent {
  const { passengerCount: _, ...vars } = driverVars(trip, vehicle, ctx);
  return { messageKey: 'trip.driver_cancelled', templateKey: 'trip.driver_cancelled', audience, vars, priority: 'urgent', happensAtMs: ms(trip.departAt), subject: `trip:${trip.id}` };
}

// ---- per event type

type Handler<K extends AutomaticEventType> = (event: DomainEvent<K>, ctx: AutomaticContext) => Intent[];

const tripScheduled: Handler<'trip.scheduled'> = ({ data: { trip, vehicle, audience } }, ctx) => {
  const out: Intent[] = [];
  const base = { vars: tripVars(trip, vehicle, ctx), priority: 'normal' as const, happensAtMs: ms(trip.departAt), subject: `trip:${trip.id}` };
  out.push({ messageKey: 'trip.scheduled', templateKey: 'trip.scheduled', audience: people(audience.personIds, audience.partyIds), ...base });
  const driver = driverOf(vehicle);
  if (driver && vehicle) out.push(driverIntent('trip.driver', trip, vehicle, driver, ctx));
  return out;
};

const tripChanged: Handler<'trip.changed'> = ({ data }, ctx) => {
  const { before, after, vehicleBefore, vehicleAfter, passengersAdded, passengersRemoved, audience } = data;
  const out: Intent[] = [];
  const subject = `trip:${after.id}`;
  const loChanged = before.loId !== after.loId;
  const vehicleChanged = (vehicleBefore?.id ?? null) !== (vehicleAfter?.id ?? null);
  // On the trip = a passenger or its LO: who joined it hears it as scheduled, who left it as cancelled.
  const on = (t: Trip) => new Set([...t.passengerIds, ...(t.loId ? [t.loId] : [])]);
  const [onBefore, onAfter] = [on(before), on(after)];
  const added = [...onAfter].filter((id) => !onBefore.has(id));
  const removed = [...onBefore].filter((id) => !onAfter.has(id));
  const afterVars = tripVars(after, vehicleAfter, ctx);

  if (data.time || data.place || vehicleChanged) {
    const changes = [data.time && words('waktu', 'time'), data.place && words('tempat', 'place'), vehicleChanged && words('kendaraan', 'vehicle')].filter((c): c is PerLanguage => Boolean(c));
    const stayers = people(without(audience.personIds, [...added, ...removed]), audience.partyIds);
    if (!isEmpty(stayers)) {
      out.push({
        messageKey: 'trip.changed',
        templateKey: 'trip.changed',
        audience: stayers,
        vars: { ...afterVars, previousTime: time(before.departAt, ctx), changes: list(changes) },
        priority: 'normal',
        happensAtMs: Math.min(ms(before.departAt), ms(after.departAt)),
        subject,
      });
    }
  }
  if (added.length > 0) out.push({ messageKey: 'trip.added', templateKey: 'trip.added', audience: people(added), vars: afterVars, priority: 'normal', happensAtMs: ms(after.departAt), subject });
  if (removed.length > 0) {
    out.push({ messageKey: 'trip.removed', templateKey: 'trip.removed', audience: people(removed), vars: tripVars(before, vehicleBefore, ctx), priority: 'normal', happensAtMs: ms(before.departAt), subject });
  }

  const oldDriver = driverOf(vehicleBefore);
  const newDriver = driverOf(vehicleAfter);
  if (vehicleChanged) {
    if (oldDriver && vehicleBefore) out.push(driverCancelled(before, vehicleBefore, oldDriver, ctx));
    if (newDriver && vehicleAfter) out.push(driverIntent('trip.driver', after, vehicleAfter, newDriver, ctx));
  } else if (newDriver && vehicleAfter && (data.time || data.place || loChanged || passengersAdded.length > 0 || passengersRemoved.length > 0)) {
    out.push(driverIntent('trip.driver_changed', after, vehicleAfter, newDriver, ctx));
  }
  return out;
};

const tripCancelled: Handler<'trip.cancelled'> = ({ data: { trip, vehicle, audience } }, ctx) => {
  const out: Intent[] = [
    {
      messageKey: 'trip.cancelled',
      templateKey: 'trip.cancelled',
      audience: people(audience.personIds, audience.partyIds),
      vars: tripVars(trip, vehicle, ctx),
      priority: 'normal',
      happensAtMs: ms(trip.departAt),
      subject: `trip:${trip.id}`,
    },
  ];
  const driver = driverOf(vehicle);
  if (driver && vehicle) out.push(driverCancelled(trip, vehicle, driver, ctx));
  return out;
};

const stayAssigned: Handler<'stay.assigned'> = ({ data: { stay, audience } }) => [
  { messageKey: 'stay.assigned', templateKey: 'stay.assigned', audience: people(audience.personIds, audience.partyIds), vars: stayVars(stay), priority: 'normal', subject: `stay:${stay.id}` },
];

const stayChanged: Handler<'stay.changed'> = ({ data }) => {
  const { after, changed, personsAdded, personsRemoved, audience } = data;
  const out: Intent[] = [];
  const subject = `stay:${after.id}`;
  const changes = changed.filter((f) => f in STAY_FIELDS).map((f) => STAY_FIELDS[f] as PerLanguage);
  const stayers = people(without(audience.personIds, [...personsAdded, ...personsRemoved]), audience.partyIds);
  if (changes.length > 0 && !isEmpty(stayers)) {
    out.push({ messageKey: 'stay.changed', templateKey: 'stay.changed', audience: stayers, vars: { ...stayVars(after), changes: list(changes) }, priority: 'normal', subject });
  }
  if (personsAdded.length > 0) out.push({ messageKey: 'stay.added', templateKey: 'stay.assigned', audience: people(personsAdded), vars: stayVars(after), priority: 'normal', subject });
  return out;
};

const meetingScheduled: Handler<'meeting.scheduled'> = ({ data: { meeting, audience } }, ctx) => [
  {
    messageKey: 'meeting.scheduled',
    templateKey: 'meeting.scheduled',
    audience: people(audience.personIds, audience.partyIds),
    vars: meetingVars(meeting, ctx),
    priority: 'normal',
    happensAtMs: ms(meeting.startsAt),
    subject: `meeting:${meeting.id}`,
  },
];

const meetingChanged: Handler<'meeting.changed'> = ({ data: { before, after, changed } }, ctx) => {
  const out: Intent[] = [];
  const subject = `meeting:${after.id}`;
  const minus = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));
  const addedPeople = minus(after.attendeeIds, before.attendeeIds);
  const addedParties = minus(after.attendeePartyIds, before.attendeePartyIds);
  const removedPeople = minus(before.attendeeIds, after.attendeeIds);
  const removedParties = minus(before.attendeePartyIds, after.attendeePartyIds);
  const timeChanged = changed.includes('startsAt') || changed.includes('endsAt');
  const placeChanged = changed.includes('location');
  const happensAtMs = Math.min(ms(before.startsAt), ms(after.startsAt));
  if (timeChanged || placeChanged) {
    const stayers = people(minus(after.attendeeIds, addedPeople), minus(after.attendeePartyIds, addedParties));
    const changes = [timeChanged && words('waktu', 'time'), placeChanged && words('tempat', 'place')].filter((c): c is PerLanguage => Boolean(c));
    if (!isEmpty(stayers)) {
      out.push({
        messageKey: 'meeting.moved',
        templateKey: 'meeting.moved',
        audience: stayers,
        vars: { ...meetingVars(after, ctx), previousTime: time(before.startsAt, ctx), previousLocation: before.location, changes: list(changes) },
        priority: 'normal',
        happensAtMs,
        subject,
      });
    }
  }
  const added = people(addedPeople, addedParties);
  if (!isEmpty(added)) out.push({ messageKey: 'meeting.added', templateKey: 'meeting.scheduled', audience: added, vars: meetingVars(after, ctx), priority: 'normal', happensAtMs: ms(after.startsAt), subject });
  const removed = people(removedPeople, removedParties);
  if (!isEmpty(removed)) out.push({ messageKey: 'meeting.removed', templateKey: 'meeting.cancelled', audience: removed, vars: meetingVars(before, ctx), priority: 'normal', happensAtMs: ms(before.startsAt), subject });
  return out;
};

const meetingCancelled: Handler<'meeting.cancelled'> = ({ data: { meeting, audience } }, ctx) => [
  {
    messageKey: 'meeting.cancelled',
    templateKey: 'meeting.cancelled',
    audience: people(audience.personIds, audience.partyIds),
    vars: meetingVars(meeting, ctx),
    priority: 'normal',
    happensAtMs: ms(meeting.startsAt),
    subject: `meeting:${meeting.id}`,
  },
];

const assignmentCreated: Handler<'assignment.created'> = ({ data: { assignment } }) => [
  {
    messageKey: 'assignment.created',
    templateKey: 'assignment.created',
    audience: assignment.personId ? people([assignment.personId]) : people([], assignment.partyId ? [assignment.partyId] : []),
    vars: {},
    priority: 'normal',
    needs: ['lo'],
    loId: assignment.loId,
  },
];

const staffPriority = (t: TicketRef): Priority => (t.severity === 'critical' || t.severity === 'high' ? 'urgent' : 'normal');
const assigneeAudience = (t: TicketRef, by: string): IntentAudience => (t.assigneeId === null ? organisers() : people(without([t.assigneeId], [by])));
const forTicket = (t: TicketRef) => ({ needs: ['reporter'] as Need[], reporterId: t.reporterId });

const ticketCreated: Handler<'ticket.created'> = ({ data: { ticket, body, by } }, ctx) => {
  if (ticket.kind === 'emergency') {
    const details = body.length > 200 ? `${body.slice(0, 197)}...` : body;
    return [
      {
        messageKey: 'ticket.emergency',
        templateKey: 'ticket.emergency',
        audience: organisers([ticket.assigneeId]),
        vars: { ...ticketVars(ticket, ctx), details },
        priority: 'emergency',
        ...forTicket(ticket),
      },
    ];
  }
  const created: Intent[] = [
    { messageKey: 'ticket.created', templateKey: 'ticket.created', audience: assigneeAudience(ticket, by), vars: ticketVars(ticket, ctx), priority: staffPriority(ticket), subject: `ticket:${ticket.id}`, ...forTicket(ticket) },
  ];
  return created;
};

const ticketAssigned: Handler<'ticket.assigned'> = ({ data: { ticket, by } }, ctx) => [
  { messageKey: 'ticket.assigned', templateKey: 'ticket.assigned', audience: assigneeAudience(ticket, by), vars: ticketVars(ticket, ctx), priority: staffPriority(ticket), subject: `ticket:${ticket.id}`, ...forTicket(ticket) },
];

const ticketEscalated: Handler<'ticket.escalated'> = ({ data: { ticket, reason, missedDueAt } }, ctx) => [
  {
    messageKey: 'ticket.escalated',
    templateKey: 'ticket.escalated',
    audience: organisers(),
    vars: { ...ticketVars(ticket, ctx), reason: TICKET_WORDS.reason[reason], missedDue: time(missedDueAt, ctx) },
    priority: ticket.kind === 'emergency' ? 'emergency' : 'urgent',
    subject: `ticket:${ticket.id}`,
    ...forTicket(ticket),
  },
];

const toReporter =
  (key: 'ticket.acknowledged' | 'ticket.resolved'): Handler<'ticket.acknowledged' | 'ticket.resolved'> =>
  ({ data: { ticket, by } }) =>
    [
      {
        messageKey: key,
        templateKey: key,
        audience: people(without([ticket.reporterId], [by])),
        vars: { ticketId: ticket.id, title: ticket.subject },
        priority: ticket.kind === 'emergency' ? 'urgent' : 'normal',
        subject: `ticket:${ticket.id}`,
      },
    ];

const HANDLERS: { [K in AutomaticEventType]: Handler<K> } = {
  'trip.scheduled': tripScheduled,
  'trip.changed': tripChanged,
  'trip.cancelled': tripCancelled,
  'stay.assigned': stayAssigned,
  'stay.changed': stayChanged,
  'meeting.scheduled': meetingScheduled,
  'meeting.changed': meetingChanged,
  'meeting.cancelled': meetingCancelled,
  'assignment.created': assignmentCreated,
  'ticket.created': ticketCreated,
  'ticket.assigned': ticketAssigned,
  'ticket.escalated': ticketEscalated,
  'ticket.acknowledged': toReporter('ticket.acknowledged'),
  'ticket.resolved': toReporter('ticket.resolved'),
};

export function isAutomaticEventType(type: string): type is AutomaticEventType {
  return Object.hasOwn(HANDLERS, type);
}

/**
 * A vehicle's driver changed (`vehicle.changed` naming `driver`): for each of its scheduled trips (as
 * notifications keeps them), the old driver hears they are off it and the new one gets the trip. The
 * message key carries the trip, so one event tells a driver about each of the vehicle's trips.
 * A trip whose pick-up time is not after `nowMs` is left out: it has happened (or was never marked
 * done), and nobody is texted about it. The retention purge takes every driver off with this same
 * event, saying so (`reason: 'personal-data.purged'`): nobody is texted about that either, whatever the
 * trips' times (a purge run right after the event's end, before a departure trip, told its driver the
 * trip was cancelled).
 */
export function vehicleDriverIntents(event: DomainEvent<'vehicle.changed'>, trips: readonly Trip[], ctx: AutomaticContext, nowMs: number): Intent[] {
  const { before, after, changed, reason } = event.data;
  // The retention purge took the driver off, not an organiser: the trips are not cancelled for the driver.
  if (!changed.includes('driver') || reason === 'personal-data.purged') return [];
  const ref = (v: typeof before): VehicleRef => ({ id: v.id, label: v.label, plate: v.plate, driver: v.driver });
  const [refBefore, refAfter] = [ref(before), ref(after)];
  const [oldDriver, newDriver] = [driverOf(refBefore), driverOf(refAfter)];
  // The same phone is the same driver (a name spelt again): nobody needs to hear of it.
  if (before.driver?.phone === after.driver?.phone) return [];
  const out: Intent[] = [];
  for (const trip of trips) {
    if (trip.status !== 'scheduled' || trip.vehicleId !== after.id || ms(trip.departAt) <= nowMs) continue;
    if (oldDriver) out.push({ ...driverCancelled(trip, refBefore, oldDriver, ctx), messageKey: `trip.driver_cancelled:${trip.id}` });
    if (newDriver) out.push({ ...driverIntent('trip.driver', trip, refAfter, newDriver, ctx), messageKey: `trip.driver:${trip.id}` });
  }
  return out;
}

/** The messages an event causes; none for an event type that causes none. */
export function intentsFor(event: DomainEvent, ctx: AutomaticContext): Intent[] {
  if (!isAutomaticEventType(event.type)) return [];
  const handler = HANDLERS[event.type] as Handler<AutomaticEventType>;
  return handler(event as DomainEvent<AutomaticEventType>, ctx).filter((i) => !isEmpty(i.audience));
}

// ---- what the consumer looked up

/** The intent's vars with what `needs` asked for filled in (a missing LO or reporter reads in words, see `lookedUpVars`). */
export function fillNeeds(intent: Intent, found: Found): Vars {
  return { ...intent.vars, ...lookedUpVars(intent.needs ?? [], found, intent.passengerIds?.length) };
}
