// Import jobs: POST /imports hands out a presigned upload URL; POST /imports/{importId}/start checks the
// uploaded file (422 naming what is wrong with it), records its size and queues the job, which the worker
// splits into chunk files of ROWS_PER_CHUNK rows; GET /imports/{importId} shows the counters the worker
// adds (workers/import-chunks.ts).
import { clock } from '@liaison/kit/clock';
import { loadWorkQueueUrl } from '@liaison/kit/config';
import { ConflictError, NotFoundError, ValidationError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import { newId } from '@liaison/kit/ids';
import { headObject, loadUploadsBucket, presignUpload, putObject, readObject } from '@liaison/kit/uploads';
import { sendWork } from '@liaison/kit/work/queue';
import { rowsOfFile } from '../domain/import';
import type { DirectoryRoutes } from '../routes';
import { MAX_JOB_BYTES, MAX_JOB_ROWS, type ImportJob } from '../schemas';
import { createJob, getJob, jobErrors, jobView, JobStateError, markQueued, type ImportFormat, type StoredJob } from '../store/import-jobs';
import { chunkPlan, IMPORT_CHUNKS, importObjects, type ImportSplitMessage } from '../workers/queues';
import { table } from './deps';

type R = DirectoryRoutes;

const bucket = loadUploadsBucket();
const chunkQueueUrl = loadWorkQueueUrl(IMPORT_CHUNKS.name);

export const UPLOAD_URL_SECONDS = 15 * 60;
const CONTENT_TYPES: Record<ImportFormat, string> = { csv: 'text/csv', json: 'application/json' };

export const createImportHandler: RouteHandler<R['createImport']> = async (req) => {
  const importId = newId('imp');
  const { format } = req.body;
  const job = await createJob(table, importId, format);
  const contentType = CONTENT_TYPES[format];
  const uploadUrl = await presignUpload(bucket, importObjects.upload(importId), contentType, UPLOAD_URL_SECONDS);
  return {
    status: 201,
    body: { importId: job.id, uploadUrl, uploadContentType: contentType, uploadExpiresAt: new Date(clock.nowMs() + UPLOAD_URL_SECONDS * 1000).toISOString() },
    location: `/imports/${importId}`,
  };
};


async function visibleJob(importId: string): Promise<StoredJob> {
  const job = await getJob(table, importId, true);
  if (!job) throw new NotFoundError('import', importId);
  return job;
}

export const startImportHandler: RouteHandler<R['startImport']> = async (req) => {
  const { importId } = req.params;
  const job = await visibleJob(importId);
  if (job.status !== 'waiting_upload' && job.status !== 'queued') {
    throw new ConflictError(`The import is ${job.status}; start it only once`, [{ kind: 'import_started', message: `the import is ${job.status}`, refs: [importId] }]);
  }
  const key = importObjects.upload(importId);
  const info = await headObject(bucket, key);
  if (!info) {
    throw new ConflictError('Nothing was uploaded for this import yet: PUT the file to its uploadUrl first, then start it', [
      { kind: 'upload_missing', message: 'upload the file to uploadUrl first', refs: [importId] },
    ]);
  }
  if (info.size > MAX_JOB_BYTES) throw new ValidationError([{ path: 'file', message: `is ${info.size} bytes; an import takes at most ${MAX_JOB_BYTES}` }]);
  const file = await readObject(bucket, key);
  if (!file) throw new ConflictError('The upload is gone (uploads expire after a few days): upload the file again', [{ kind: 'upload_missing', message: 'upload the file again', refs: [importId] }]);
  const rows = rowsOfFile(job.format, file.toString('utf8'));
  if (rows.length > MAX_JOB_ROWS) throw new ValidationError([{ path: 'file', message: `has ${rows.length} rows; an import takes at most ${MAX_JOB_ROWS}` }]);

  const queued = await queueRows(importId, rows);
  return { status: 202, body: jobView(queued, []) };
};

/**
 * Records the job's size and queues its split message; the worker writes the chunk files and queues one
 * message per chunk (workers/import-chunks.ts). A start that fails half-way can run again: a queued job
 * queues its split again, and each chunk is counted once.
 */
async function queueRows(importId: string, rows: unknown[]): Promise<StoredJob> {
  let queued: StoredJob;
  try {
    queued = await markQueued(table, importId, rows.length, chunkPlan(importId, rows.length).length);
  } catch (err) {
    if (err instanceof JobStateError) throw new ConflictError(`The import is ${err.status ?? 'gone'}; start it only once`, [{ kind: 'import_started', message: err.message, refs: [importId] }]);
    throw err;
  }
  await sendWork(chunkQueueUrl, [{ importId, split: true } satisfies ImportSplitMessage]);
  return queued;
}

/**
 * A CSV too big for one request (POST /people/import over MAX_IMPORT_ROWS rows) becomes a job: the
 * file is kept as the job's upload and its rows are queued. Answers the job as `start` does.
 */
export async function importAsJob(csv: string, rows: unknown[]): Promise<ImportJob> {
  if (rows.length > MAX_JOB_ROWS) throw new ValidationError([{ path: '', message: `has ${rows.length} rows; an import takes at most ${MAX_JOB_ROWS}` }]);
  const importId = newId('imp');
  await createJob(table, importId, 'csv');
  await putObject(bucket, importObjects.upload(importId), csv, CONTENT_TYPES.csv);
  return jobView(await queueRows(importId, rows), []);
}

export const getImportHandler: RouteHandler<R['getImport']> = async (req) => {
  const job = await visibleJob(req.params.importId);
  const errors = job.failed > 0 ? await jobErrors(table, job.id) : [];
  return { status: 200, body: jobView(job, errors) };
};
