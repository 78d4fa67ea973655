import { describe, expect, it } from '@jest/globals';
import * as z from 'zod/mini';
import { Cursor, Limit, listOf } from '../src/http/list';

describe('paging schemas', () => {
  it('read limit from a query string, 50 when absent, 1 to 200 only', () => {
    expect(Limit.parse('7')).toBe(7);
    expect(Limit.parse(undefined)).toBe(50);
    for (const bad of ['0', '201', '2.5', 'x']) expect(Limit.safeParse(bad).success).toBe(false);
  });

  it('take an optional cursor of bounded length', () => {
    expect(Cursor.parse(undefined)).toBeUndefined();
    expect(Cursor.safeParse('c'.repeat(2049)).success).toBe(false);
  });

  it('describe a page as items and a nullable next cursor', () => {
    const Page = listOf(z.object({ id: z.string() }));
    expect(Page.parse({ items: [{ id: 'a' }], nextCursor: null })).toEqual({ items: [{ id: 'a' }], nextCursor: null });
    expect(Page.safeParse({ items: [] }).success).toBe(false);
  });
});
