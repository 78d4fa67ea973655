// The paging schemas every list route shares: `limit` and `cursor` in the query, `{ items, nextCursor }`
// in the answer (the cursor comes from @liaison/kit/ddb/table's queryPage).
import * as z from 'zod/mini';
import type { $ZodType } from 'zod/v4/core';

export const Limit = z._default(
  z.coerce
    .number('must be a number')
    .check(z.int('must be a whole number'), z.minimum(1, 'must be at least 1'), z.maximum(200, 'must be at most 200')),
  50,
);
export const Cursor = z.optional(z.string().check(z.maxLength(2048)));

/** A page of `item`s, built on first use (only the OpenAPI document and the tests read answer schemas). */
export const listOf = <S extends $ZodType>(item: S) =>
  z.lazy(() => z.object({ items: z.array(item), nextCursor: z.nullable(z.string()).check(z.describe('Pass as `cursor` for the next page; null on the last page')) }));
