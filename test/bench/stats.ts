// Small statistics for benchmarks: medians and percentiles of repeated timings.
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mapLimit } from '@liaison/kit/concurrency';
import { ddb } from '@liaison/kit/ddb/client';
import type { Item } from '@liaison/kit/ddb/table';

/** Loads bench data straight into the table, 25 items a BatchWrite, 8 in flight, retrying what is left unprocessed. */
export async function loadItems(tableName: string, items: Item[]): Promise<void> {
  const requests: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) requests.push(items.slice(i, i + 25));
  await mapLimit(requests, 8, async (batch) => {
    let pending: Record<string, unknown>[] = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
      pending = (out.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined) ?? [];
    }
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] as number;
}

export const median = (values: number[]) => percentile(values, 50);

export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

export function fmt(n: number, digits = 2): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '—';
}

export function table(rows: (string | number)[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i]!)).join('  ')).join('\n');
}
