// What every write needs: the table, the events topic, and the request's correlation id.
import type { EventOrigin } from '@liaison/kit/events/envelope';
import type { EventWriter } from '@liaison/kit/events/outbox';

export interface StoreContext extends EventWriter {
  correlationId: string;
}

export const SERVICE = 'directory';

export function origin(ctx: StoreContext): EventOrigin {
  return { source: SERVICE, correlationId: ctx.correlationId };
}
