// What every write of a service needs: the table, the events topic, which service writes (the source
// of its events) and the correlation id of the request or message that caused it.
import type { EventOrigin } from './events/envelope';
import type { EventWriter } from './events/outbox';

export interface StoreContext extends EventWriter {
  /** The writing service, e.g. `directory`: the `source` of the events it commits. */
  service: string;
  correlationId: string;
}

export function origin(ctx: StoreContext): EventOrigin {
  return { source: ctx.service, correlationId: ctx.correlationId };
}
