import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { packBatches } from '../src/store/import';

describe('import transactions', () => {
  it('hold at most the item limit, counting one counter item per party, and keep every row once in order', () => {
    const row = fc.record({ items: fc.integer({ min: 1, max: 40 }), parties: fc.uniqueArray(fc.constantFrom('p1', 'p2', 'p3', 'p4'), { maxLength: 2 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 200 }), fc.integer({ min: 42, max: 98 }), (rows, limit) => {
        const batches = packBatches(rows.map((r, i) => ({ row: i, value: i, ...r })), limit);
        for (const b of batches) {
          const size = b.reduce((n, r) => n + r.items, 0) + new Set(b.flatMap((r) => r.parties)).size;
          expect(size).toBeLessThanOrEqual(limit);
        }
        expect(batches.flat().map((r) => r.row)).toEqual(rows.map((_, i) => i));
      }),
    );
  });
});
