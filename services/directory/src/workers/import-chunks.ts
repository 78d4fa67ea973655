// The import-chunks worker. A job's split message: write the upload back as chunk files and queue one
// message per chunk (here, not in `start`, so that a 50,000-row file never holds up a request). A chunk
// message: import that chunk's rows and add its counts to the job exactly once.
//
// Retries and poison chunks: a chunk that throws is retried by SQS (the message comes back after the
// visibility timeout). On its last attempt (receive count = maxReceiveCount) a chunk that still throws
// is recorded as failed — every row of it counts as failed, with one error naming the rows and the
// cause — and acknowledged, so the job ends instead of waiting forever; running the file again retries
// those rows (rows are keyed, so the rest is unchanged). Only a chunk whose last attempt crashes or
// times out before it can be recorded reaches the dead-letter queue, whose alarm calls a human.
import { loadWorkQueueUrl } from '@liaison/kit/config';
import { mapLimit } from '@liaison/kit/concurrency';
import { log } from '@liaison/kit/log';
import { loadUploadsBucket, putObject, readObject } from '@liaison/kit/uploads';
import { sendWork, worker } from '@liaison/kit/work/queue';
import { rowsOfFile } from '../domain/import';
import { defaultLanguage, storeContext, table } from '../handlers/deps';
import { CUT_FOR_TIME, importRows } from '../store/import';
import { finishIfComplete, getJob, recordChunk, type ChunkOutcome } from '../store/import-jobs';
import { SERVICE } from '../store/context';
import { chunkPlan, IMPORT_CHUNKS, importObjects, ImportWorkMessage, type ImportChunkMessage } from './queues';

const bucket = loadUploadsBucket();
const chunkQueueUrl = loadWorkQueueUrl(IMPORT_CHUNKS.name);

/**
 * A chunk given up on its last attempt: its rows failed (but for those its earlier parts wrote, when it
 * went on in several messages), with one error naming the rows and the cause.
 */
function givenUp({ firstRow, rows, carried }: ImportChunkMessage, err: unknown): ChunkOutcome {
  const created = carried?.created ?? 0;
  const updated = carried?.updated ?? 0;
  const failed = rows - created - updated;
  const which = `${failed < rows ? `${failed} of ` : ''}rows ${firstRow} to ${firstRow + rows - 1}`;
  return {
    rows,
    created,
    updated,
    unchanged: 0,
    failed,
    poison: true,
    errors: [{ row: firstRow, path: '', message: `${which} could not be imported (${(err as Error).name}); run the import again to retry them` }],
  };
}

/**
 * Writes a queued job's chunk files from its upload and queues one message per chunk. Run again (a
 * redelivery, a start sent twice) it writes the same files and queues the same chunks, each counted once.
 * On its last attempt a split that still fails records every chunk as failed rows, so the job ends.
 */
export async function splitJob(importId: string, lastAttempt: boolean): Promise<'split' | 'skipped'> {
  const job = await getJob(table, importId, true);
  if (!job || job.status === 'done' || job.status === 'failed' || job.rowsTotal === null) return 'skipped';
  const messages = chunkPlan(importId, job.rowsTotal);
  try {
    const file = await readObject(bucket, importObjects.upload(importId));
    if (!file) throw new Error('the upload is missing');
    const rows = rowsOfFile(job.format, file.toString('utf8'));
    if (rows.length !== job.rowsTotal) throw new Error(`the upload has ${rows.length} rows, not the ${job.rowsTotal} counted at start`);
    await mapLimit(messages, 8, (m) =>
      putObject(bucket, importObjects.chunk(importId, m.chunk), JSON.stringify(rows.slice(m.firstRow - 1, m.firstRow - 1 + m.rows)), 'application/json'),
    );
    await sendWork(chunkQueueUrl, messages);
  } catch (err) {
    if (!lastAttempt) throw err;
    log.error('import split gave up', { importId, err });
    for (const m of messages) await recordChunk(table, importId, m.chunk, givenUp(m, err));
    await finishIfComplete(table, importId);
  }
  return 'split';
}

/**
 * Imports a chunk's rows and adds its counts to the job once. With `timeLeftMs` (the worker's remaining
 * time) a chunk that cannot finish in time stops starting transactions, leaves its unpublished events to
 * the outbox relay, and goes on in a new message carrying what it wrote ('continued'): a slow table or
 * topic makes a chunk take more messages, never fail good rows. A part that wrote nothing throws, so SQS
 * retries it (and the last attempt records the rows as failed, as for any failure).
 */
export async function processChunk(message: ImportChunkMessage, lastAttempt: boolean, timeLeftMs?: () => number): Promise<'counted' | 'repeated' | 'skipped' | 'continued'> {
  const { importId, chunk, firstRow } = message;
  const job = await getJob(table, importId, true);
  // Gone (expired) or ended: nothing to add to.
  if (!job || job.status === 'done' || job.status === 'failed') return 'skipped';
  const carried = message.carried ?? { created: 0, updated: 0 };
  let outcome: ChunkOutcome;
  try {
    const file = await readObject(bucket, importObjects.chunk(importId, chunk));
    if (!file) throw new Error(`chunk file ${chunk} is missing`);
    const parsed = JSON.parse(file.toString('utf8')) as unknown[];
    const result = await importRows(storeContext({ correlationId: `import-${importId}-${chunk}` }), parsed, { eventLanguage: defaultLanguage, firstRow, ...(timeLeftMs ? { timeLeftMs } : {}) });
    const cut = result.errors.filter((e) => e.message === CUT_FOR_TIME).length;
    if (cut > 0) {
      if (result.created + result.updated === 0) throw new Error(`chunk ${chunk} ran out of time before writing a row`);
      await sendWork(chunkQueueUrl, [{ ...message, carried: { created: carried.created + result.created, updated: carried.updated + result.updated } } satisfies ImportChunkMessage]);
      log.info('import chunk continues', { importId, chunk, written: result.created + result.updated, left: cut });
      return 'continued';
    }
    // Rows earlier parts wrote are unchanged now: they count as what those parts made of them.
    outcome = {
      rows: parsed.length,
      created: carried.created + result.created,
      updated: carried.updated + result.updated,
      unchanged: Math.max(0, result.unchanged - carried.created - carried.updated),
      failed: result.failed,
      errors: result.errors,
    };
  } catch (err) {
    if (!lastAttempt) throw err;
    log.error('import chunk gave up', { importId, chunk, err });
    outcome = givenUp(message, err);
  }
  const counted = await recordChunk(table, importId, chunk, outcome);
  await finishIfComplete(table, importId);
  return counted ? 'counted' : 'repeated';
}

export const handler = worker({
  service: SERVICE,
  spec: IMPORT_CHUNKS,
  parse: (body) => ImportWorkMessage.parse(body),
  handle: async (message, info) => {
    if ('split' in message) {
      const state = await splitJob(message.importId, info.lastAttempt);
      log.info('import split', { importId: message.importId, state, receiveCount: info.receiveCount });
      return;
    }
    const remaining = info.context.getRemainingTimeInMillis;
    const state = await processChunk(message, info.lastAttempt, typeof remaining === 'function' ? () => remaining.call(info.context) : undefined);
    log.info('import chunk', { importId: message.importId, chunk: message.chunk, state, receiveCount: info.receiveCount });
  },
});
