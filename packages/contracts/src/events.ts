// The domain-event envelope and the registry of every event contract: one zod schema per event type, with
// its version and owning service. Each service's contracts live in its own module (directory-events.ts,
// logistics-events.ts, feedback-events.ts): a publisher builds its events from its own registry
// (`eventBuilder` in the kit) and a consumer parses with the registries of what it consumes, so neither
// loads every service's schemas. CONTRACTS joins them for the types, the docs and the tests.
import type * as z from 'zod/mini';
import type { Envelope } from './contract';
import { DIRECTORY_EVENTS } from './directory-events';
import { FEEDBACK_EVENTS } from './feedback-events';
import { LOGISTICS_EVENTS } from './logistics-events';

export { changeOf, contract, EnvelopeSchema, type Envelope, type EventContract } from './contract';
export { DIRECTORY_EVENTS, FEEDBACK_EVENTS, LOGISTICS_EVENTS };

// Marked pure so that a bundle that does not use CONTRACTS drops it, and with it the registries and records
// of services it never reads (an object spread at module level would keep all three).
export const CONTRACTS = /* @__PURE__ */ Object.assign({}, DIRECTORY_EVENTS, LOGISTICS_EVENTS, FEEDBACK_EVENTS);

export type EventType = keyof typeof CONTRACTS;
export type EventData<T extends EventType> = z.infer<(typeof CONTRACTS)[T]['data']>;

export type DomainEvent<T extends EventType = EventType> = Envelope<T, EventData<T>>;
