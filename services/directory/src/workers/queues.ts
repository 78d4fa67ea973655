// The directory's work queues, as the service definition deploys them and as their senders and
// workers see them (no handler path here, so that bundled modules can import it).
import { workQueueSpec } from '@liaison/kit/service';
import * as z from 'zod/mini';

/**
 * An import job's work: first one split message (the worker writes the upload back as chunk files and
 * queues their messages, so `start` answers at once whatever the file's size), then one message per chunk
 * (the worker imports that chunk's rows).
 */
export const IMPORT_CHUNKS = workQueueSpec({ name: 'import-chunks', batchSize: 1, maxReceiveCount: 3, timeoutSeconds: 120, memoryMb: 1024 });

/** Rows a chunk: one message, one chunk file, well inside the worker's timeout. */
export const ROWS_PER_CHUNK = 500;

export const ImportChunkMessage = z.strictObject({
  importId: z.string().check(z.minLength(1)),
  chunk: z.number().check(z.int(), z.minimum(0)),
  /** File row number of the chunk's first row (1-based, header excluded). */
  firstRow: z.number().check(z.int(), z.minimum(1)),
  rows: z.number().check(z.int(), z.minimum(0)),
  /**
   * A chunk that ran out of time goes on in a new message: what its earlier parts created and updated
   * (those rows are unchanged when the chunk runs again, so the counts stay true).
   */
  carried: z.optional(z.strictObject({ created: z.number().check(z.int(), z.minimum(0)), updated: z.number().check(z.int(), z.minimum(0)) })),
});
export type ImportChunkMessage = z.infer<typeof ImportChunkMessage>;

export const ImportSplitMessage = z.strictObject({ importId: z.string().check(z.minLength(1)), split: z.literal(true) });
export type ImportSplitMessage = z.infer<typeof ImportSplitMessage>;

export const ImportWorkMessage = z.union([ImportSplitMessage, ImportChunkMessage]);
export type ImportWorkMessage = z.infer<typeof ImportWorkMessage>;

/** The chunks of a job of `rowsTotal` rows, in order. */
export function chunkPlan(importId: string, rowsTotal: number): ImportChunkMessage[] {
  const messages: ImportChunkMessage[] = [];
  for (let start = 0, chunk = 0; start < rowsTotal; start += ROWS_PER_CHUNK, chunk++) {
    messages.push({ importId, chunk, firstRow: start + 1, rows: Math.min(ROWS_PER_CHUNK, rowsTotal - start) });
  }
  return messages;
}

/** Where things of an import job live in the upload bucket. */
export const importObjects = {
  upload: (importId: string) => `imports/${importId}/upload`,
  chunk: (importId: string, chunk: number) => `imports/${importId}/chunks/${String(chunk).padStart(5, '0')}.json`,
};
