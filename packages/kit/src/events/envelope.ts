// Building domain events: one envelope for every type, data checked against the type's contract.
// A service builds its events with `eventBuilder(ITS_EVENTS)`: the check needs that service's schemas
// only, so a function that publishes never loads the other services' contracts (zod builds every schema
// it loads at cold start).
import { CONTRACTS, type DomainEvent, type EventContract, type EventData, type EventType } from '@liaison/contracts';
import { safeParse } from 'zod/v4/core';
import { clock } from '../clock';
import { newId } from '../ids';

export interface EventOrigin {
  /** The publishing service, e.g. `directory`. */
  source: string;
  /** Ties the event to the request or event that caused it. */
  correlationId: string;
}

/** Some of the event contracts, by type: a service's own registry (`DIRECTORY_EVENTS`) or several joined. */
export type EventContracts = { readonly [K in EventType]?: EventContract<K> };

/** Makes an event; throws if `data` breaks the contract (a bug in the publisher, not bad input). */
function build<T extends EventType>(contract: EventContract, type: T, data: EventData<T>, origin: EventOrigin): DomainEvent<T> {
  const parsed = safeParse(contract.data, data);
  if (!parsed.success) {
    throw new Error(`event ${type} breaks its contract: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return {
    id: newId('evt'),
    type,
    version: contract.version,
    occurredAt: clock.iso(),
    source: origin.source,
    correlationId: origin.correlationId,
    data: parsed.data as EventData<T>,
  };
}

/** A service's `makeEvent`: builds the events of the registry given, and only those (others do not compile). */
export function eventBuilder<R extends EventContracts>(contracts: R) {
  return <T extends keyof R & EventType>(type: T, data: EventData<T>, origin: EventOrigin): DomainEvent<T> =>
    build(contracts[type] as EventContract, type, data, origin);
}

/**
 * Makes an event of any type, checked against the joined registry: for tests and tools that play
 * several services. Service code uses its own `eventBuilder`, which loads only its own schemas.
 */
export function makeEvent<T extends EventType>(type: T, data: EventData<T>, origin: EventOrigin): DomainEvent<T> {
  return build(CONTRACTS[type], type, data, origin);
}
