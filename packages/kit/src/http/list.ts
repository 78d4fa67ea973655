// The paging schemas every list route shares: `limit` and `cursor` in the query, `{ items, nextCursor }`
// in the answer (the cursor comes from @liaison/kit/ddb/table's queryPage).
import * as z from 'zod';

export const Limit = z.coerce
  .number('must be a number')
  .int('must be a whole number')
  .min(1, 'must be at least 1')
  .max(200, 'must be at most 200')
  .default(50);
export const Cursor = z.string().max(2048).optional();

export const listOf = <S extends z.ZodType>(item: S) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page') });
