// The domain-event envelope and the registry of event contracts: one zod schema per event type, with
// its version and owning service. Publishers validate against it; consumers import it, never copy it.
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { Assignment, Party, Person } from './directory';
import {
  RatingRecordedData,
  TicketAcknowledgedData,
  TicketAssignedData,
  TicketCommentedData,
  TicketCreatedData,
  TicketEscalatedData,
  TicketReopenedData,
  TicketResolvedData,
} from './feedback';
import { Id, IsoDateTime } from './fields';
import { PersonalDataPurgedData } from './retention';
import {
  MeetingCancelledData,
  MeetingChangedData,
  MeetingScheduledData,
  SessionChangedData,
  StayAssignedData,
  StayChangedData,
  StayEndedData,
  TripCancelledData,
  TripChangedData,
  TripCompletedData,
  TripScheduledData,
  VehicleChangedData,
  VehicleCreatedData,
} from './logistics';

export interface EventContract<T extends string = string, D extends $ZodType = $ZodType> {
  type: T;
  version: number;
  owner: string;
  description: string;
  data: D;
}

function contract<const T extends string, D extends $ZodType>(c: EventContract<T, D>): EventContract<T, D> {
  return c;
}

const changeOf = <S extends $ZodType>(entity: S) =>
  z.object({
    before: entity,
    after: entity,
    changed: z.array(z.string()).check(z.minLength(1), z.describe('Top-level fields whose value changed')),
  });

export const CONTRACTS = {
  'party.created': contract({ type: 'party.created', version: 1, owner: 'directory', description: 'A party joined the event', data: z.object({ party: Party }) }),
  'party.updated': contract({ type: 'party.updated', version: 1, owner: 'directory', description: 'A party changed', data: changeOf(Party) }),
  'party.deleted': contract({ type: 'party.deleted', version: 1, owner: 'directory', description: 'A party was removed', data: z.object({ party: Party }) }),
  'person.created': contract({ type: 'person.created', version: 1, owner: 'directory', description: 'A person joined the event', data: z.object({ person: Person }) }),
  'person.updated': contract({ type: 'person.updated', version: 1, owner: 'directory', description: 'A person changed', data: changeOf(Person) }),
  'person.deleted': contract({ type: 'person.deleted', version: 1, owner: 'directory', description: 'A person was removed', data: z.object({ person: Person }) }),
  'assignment.created': contract({
    type: 'assignment.created',
    version: 1,
    owner: 'directory',
    description: 'An LO was assigned to a party or a person',
    data: z.object({ assignment: Assignment }),
  }),
  'assignment.ended': contract({
    type: 'assignment.ended',
    version: 1,
    owner: 'directory',
    description: 'An LO assignment ended',
    data: z.object({ assignment: Assignment, endedAt: IsoDateTime }),
  }),
  'personal-data.purged': contract({
    type: 'personal-data.purged',
    version: 1,
    owner: 'directory',
    description: 'The retention purge removed these people\'s personal data from the directory; each service removes its own',
    data: PersonalDataPurgedData,
  }),
  'vehicle.created': contract({ type: 'vehicle.created', version: 1, owner: 'logistics', description: 'A vehicle joined the fleet', data: VehicleCreatedData }),
  'vehicle.changed': contract({ type: 'vehicle.changed', version: 1, owner: 'logistics', description: 'A vehicle or its driver changed', data: VehicleChangedData }),
  'trip.scheduled': contract({ type: 'trip.scheduled', version: 1, owner: 'logistics', description: 'A trip was planned', data: TripScheduledData }),
  'trip.changed': contract({ type: 'trip.changed', version: 1, owner: 'logistics', description: 'A trip changed: time, place, vehicle, LO or passengers', data: TripChangedData }),
  'trip.cancelled': contract({ type: 'trip.cancelled', version: 1, owner: 'logistics', description: 'A trip was cancelled', data: TripCancelledData }),
  'trip.completed': contract({ type: 'trip.completed', version: 1, owner: 'logistics', description: 'A trip was done', data: TripCompletedData }),
  'stay.assigned': contract({ type: 'stay.assigned', version: 1, owner: 'logistics', description: 'People were given a room', data: StayAssignedData }),
  'stay.changed': contract({ type: 'stay.changed', version: 1, owner: 'logistics', description: 'A stay changed: room, dates or guests', data: StayChangedData }),
  'stay.ended': contract({ type: 'stay.ended', version: 1, owner: 'logistics', description: 'A stay was removed', data: StayEndedData }),
  'meeting.scheduled': contract({ type: 'meeting.scheduled', version: 1, owner: 'logistics', description: 'A coordination meeting was planned', data: MeetingScheduledData }),
  'meeting.changed': contract({ type: 'meeting.changed', version: 1, owner: 'logistics', description: 'A meeting, its attendees or its minutes changed', data: MeetingChangedData }),
  'meeting.cancelled': contract({ type: 'meeting.cancelled', version: 1, owner: 'logistics', description: 'A meeting was cancelled', data: MeetingCancelledData }),
  'session.changed': contract({ type: 'session.changed', version: 1, owner: 'logistics', description: 'A programme session was added, changed or removed', data: SessionChangedData }),
  'ticket.created': contract({ type: 'ticket.created', version: 1, owner: 'feedback', description: 'A ticket was filed and assigned', data: TicketCreatedData }),
  'ticket.assigned': contract({ type: 'ticket.assigned', version: 1, owner: 'feedback', description: 'A ticket was reassigned', data: TicketAssignedData }),
  'ticket.acknowledged': contract({ type: 'ticket.acknowledged', version: 1, owner: 'feedback', description: 'The assignee acknowledged a ticket', data: TicketAcknowledgedData }),
  'ticket.commented': contract({ type: 'ticket.commented', version: 1, owner: 'feedback', description: 'A ticket got a comment (internal ones are for staff only)', data: TicketCommentedData }),
  'ticket.resolved': contract({ type: 'ticket.resolved', version: 1, owner: 'feedback', description: 'A ticket was resolved', data: TicketResolvedData }),
  'ticket.reopened': contract({ type: 'ticket.reopened', version: 1, owner: 'feedback', description: 'A resolved or closed ticket was reopened', data: TicketReopenedData }),
  'ticket.escalated': contract({ type: 'ticket.escalated', version: 1, owner: 'feedback', description: 'A ticket passed a due time and went to the organisers', data: TicketEscalatedData }),
  'rating.recorded': contract({ type: 'rating.recorded', version: 1, owner: 'feedback', description: 'A rating was given or changed', data: RatingRecordedData }),
} as const;

export type EventType = keyof typeof CONTRACTS;
export type EventData<T extends EventType> = z.infer<(typeof CONTRACTS)[T]['data']>;
export const EVENT_TYPES = Object.keys(CONTRACTS) as EventType[];

export const EnvelopeSchema = z.object({
  id: Id,
  type: z.string().check(z.minLength(1)),
  version: z.number().check(z.int(), z.minimum(1)),
  occurredAt: IsoDateTime,
  source: z.string().check(z.minLength(1)),
  correlationId: z.string().check(z.minLength(1), z.maxLength(200)),
  data: z.unknown(),
});

export interface Envelope<T extends string = string, D = unknown> {
  id: string;
  type: T;
  version: number;
  occurredAt: string;
  source: string;
  correlationId: string;
  data: D;
}

export type DomainEvent<T extends EventType = EventType> = Envelope<T, EventData<T>>;

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(CONTRACTS, type);
}
