// The directory's work queues, as the service definition deploys them and as their senders and
// workers see them (no handler path here, so that bundled modules can import it).
import { workQueueSpec } from '@liaison/kit/service';
import * as z from 'zod/mini';

/** One message per chunk of an import job; the worker imports that chunk's rows. */
export const IMPORT_CHUNKS = workQueueSpec({ name: 'import-chunks', batchSize: 1, maxReceiveCount: 3, timeoutSeconds: 120, memoryMb: 1024 });

/** Rows a chunk: one message, one chunk file, well inside the worker's timeout. */
export const ROWS_PER_CHUNK = 500;

export const ImportChunkMessage = z.strictObject({
  importId: z.string().check(z.minLength(1)),
  chunk: z.number().check(z.int(), z.minimum(0)),
  /** File row number of the chunk's first row (1-based, header excluded). */
  firstRow: z.number().check(z.int(), z.minimum(1)),
  rows: z.number().check(z.int(), z.minimum(0)),
});
export type ImportChunkMessage = z.infer<typeof ImportChunkMessage>;

/** Where things of an import job live in the upload bucket. */
export const importObjects = {
  upload: (importId: string) => `imports/${importId}/upload`,
  chunk: (importId: string, chunk: number) => `imports/${importId}/chunks/${String(chunk).padStart(5, '0')}.json`,
};
