// What an event is on the wire (the envelope every event shares) and what an event contract is: the
// event's type, version, owning service and the zod schema of its data.
// Each service's contracts are in its own registry (directory-events.ts, logistics-events.ts,
// feedback-events.ts), so that a publisher loads its own schemas only; events.ts joins them.
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';
import { Id, IsoDateTime } from './fields';

export interface EventContract<T extends string = string, D extends $ZodType = $ZodType> {
  type: T;
  version: number;
  owner: string;
  description: string;
  data: D;
}

export function contract<const T extends string, D extends $ZodType>(c: EventContract<T, D>): EventContract<T, D> {
  return c;
}

/** The data of a change event: the record before and after, and the top-level fields that changed. */
export const changeOf = <S extends $ZodType>(entity: S) =>
  z.object({
    before: entity,
    after: entity,
    changed: z.array(z.string()).check(z.minLength(1), z.describe('Top-level fields whose value changed')),
  });

/** The envelope every domain event shares; `data` is checked against the type's contract. */
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
