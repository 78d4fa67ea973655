// The domain-event envelope and the registry of event contracts: one zod schema per event type, with
// its version and owning service. Publishers validate against it; consumers import it, never copy it.
import { z } from 'zod';
import { Assignment, Party, Person } from './directory';
import { Id, IsoDateTime } from './fields';

export interface EventContract<T extends string = string, D extends z.ZodType = z.ZodType> {
  type: T;
  version: number;
  owner: string;
  description: string;
  data: D;
}

function contract<const T extends string, D extends z.ZodType>(c: EventContract<T, D>): EventContract<T, D> {
  return c;
}

const changeOf = <S extends z.ZodType>(entity: S) =>
  z.object({
    before: entity,
    after: entity,
    changed: z.array(z.string()).min(1).describe('Top-level fields whose value changed'),
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
} as const;

export type EventType = keyof typeof CONTRACTS;
export type EventData<T extends EventType> = z.infer<(typeof CONTRACTS)[T]['data']>;
export const EVENT_TYPES = Object.keys(CONTRACTS) as EventType[];

export const EnvelopeSchema = z.object({
  id: Id,
  type: z.string().min(1),
  version: z.number().int().min(1),
  occurredAt: IsoDateTime,
  source: z.string().min(1),
  correlationId: z.string().min(1).max(200),
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
