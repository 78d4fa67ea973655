// The import-chunks worker: imports one chunk of an import job (its rows, from the chunk file that
// `start` wrote) and adds the chunk's counts to the job exactly once.
//
// Retries and poison chunks: a chunk that throws is retried by SQS (the message comes back after the
// visibility timeout). On its last attempt (receive count = maxReceiveCount) a chunk that still throws
// is recorded as failed — every row of it counts as failed, with one error naming the rows and the
// cause — and acknowledged, so the job ends instead of waiting forever; running the file again retries
// those rows (rows are keyed, so the rest is unchanged). Only a chunk whose last attempt crashes or
// times out before it can be recorded reaches the dead-letter queue, whose alarm calls a human.
import { log } from '@liaison/kit/log';
import { readObject, loadUploadsBucket } from '@liaison/kit/uploads';
import { worker } from '@liaison/kit/work/queue';
import { defaultLanguage, storeContext, table } from '../handlers/deps';
import { importRows } from '../store/import';
import { finishIfComplete, getJob, recordChunk, type ChunkOutcome } from '../store/import-jobs';
import { SERVICE } from '../store/context';
import { IMPORT_CHUNKS, ImportChunkMessage, importObjects } from './queues';

const bucket = loadUploadsBucket();

export async function processChunk(message: ImportChunkMessage, lastAttempt: boolean): Promise<'counted' | 'repeated' | 'skipped'> {
  const { importId, chunk, firstRow, rows } = message;
  const job = await getJob(table, importId, true);
  // Gone (expired) or ended: nothing to add to.
  if (!job || job.status === 'done' || job.status === 'failed') return 'skipped';
  let outcome: ChunkOutcome;
  try {
    const file = await readObject(bucket, importObjects.chunk(importId, chunk));
    if (!file) throw new Error(`chunk file ${chunk} is missing`);
    const parsed = JSON.parse(file.toString('utf8')) as unknown[];
    const result = await importRows(storeContext({ correlationId: `import-${importId}-${chunk}` }), parsed, { eventLanguage: defaultLanguage, firstRow });
    outcome = { rows: parsed.length, created: result.created, updated: result.updated, unchanged: result.unchanged, failed: result.failed, errors: result.errors };
  } catch (err) {
    if (!lastAttempt) throw err;
    log.error('import chunk gave up', { importId, chunk, err });
    outcome = {
      rows,
      created: 0,
      updated: 0,
      unchanged: 0,
      failed: rows,
      poison: true,
      errors: [{ row: firstRow, path: '', message: `rows ${firstRow} to ${firstRow + rows - 1} could not be imported (${(err as Error).name}); run the import again to retry them` }],
    };
  }
  const counted = await recordChunk(table, importId, chunk, outcome);
  await finishIfComplete(table, importId);
  return counted ? 'counted' : 'repeated';
}

export const handler = worker({
  service: SERVICE,
  spec: IMPORT_CHUNKS,
  parse: (body) => ImportChunkMessage.parse(body),
  handle: async (message, info) => {
    const state = await processChunk(message, info.lastAttempt);
    log.info('import chunk', { importId: message.importId, chunk: message.chunk, state, receiveCount: info.receiveCount });
  },
});
