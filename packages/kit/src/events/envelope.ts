// Building domain events: one envelope for every type, data checked against the type's contract.
import { CONTRACTS, type DomainEvent, type EventData, type EventType } from '@liaison/contracts';
import { clock } from '../clock';
import { newId } from '../ids';

export interface EventOrigin {
  /** The publishing service, e.g. `directory`. */
  source: string;
  /** Ties the event to the request or event that caused it. */
  correlationId: string;
}

/** Makes an event; throws if `data` breaks the contract (a bug in the publisher, not bad input). */
export function makeEvent<T extends EventType>(type: T, data: EventData<T>, origin: EventOrigin): DomainEvent<T> {
  const contract = CONTRACTS[type];
  const parsed = contract.data.safeParse(data);
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
