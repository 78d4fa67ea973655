// Import jobs: one item per job with its status and counters, and one marker item per counted chunk.
// A chunk's counts are added in the same transaction that creates its marker, so a chunk delivered
// twice (SQS is at-least-once) is counted once. The job is done when every chunk has its marker.
//
//   item            pk                 sk              what
//   import job      IMPORT#<id>        IMPORT          status, format, rowsTotal, chunksTotal, counters
//   chunk marker    IMPORT#<id>        CHUNK#<00042>   that chunk's counts and its first 100 errors
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '@liaison/kit/clock';
import { ddb } from '@liaison/kit/ddb/client';
import { transact } from '@liaison/kit/ddb/table';
import type { RowError } from '../domain/import';
import type { ImportJob } from '../schemas';

/** Jobs and their markers are kept this long after their last change, then expire. */
const KEEP_SECONDS = 30 * 24 * 3600;
/** Errors a job shows (and a chunk keeps). */
export const MAX_JOB_ERRORS = 100;

export type ImportFormat = 'csv' | 'json';

export const importKeys = {
  job: (id: string) => ({ pk: `IMPORT#${id}`, sk: 'IMPORT' }),
  chunk: (id: string, chunk: number) => ({ pk: `IMPORT#${id}`, sk: `CHUNK#${String(chunk).padStart(5, '0')}` }),
};

export interface StoredJob {
  id: string;
  status: ImportJob['status'];
  format: ImportFormat;
  rowsTotal: number | null;
  chunksTotal: number | null;
  chunksDone: number;
  chunksFailed: number;
  rowsDone: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export class JobStateError extends Error {
  constructor(readonly status: string | null) {
    super(status === null ? 'no such import job' : `the import job is ${status}`);
  }
}

const COUNTERS = ['chunksDone', 'chunksFailed', 'rowsDone', 'created', 'updated', 'unchanged', 'failed'] as const;

function toJob(item: Record<string, unknown>): StoredJob {
  const n = (k: string) => Number(item[k] ?? 0);
  return {
    id: String(item.id),
    status: item.status as StoredJob['status'],
    format: item.format as ImportFormat,
    rowsTotal: item.rowsTotal === undefined || item.rowsTotal === null ? null : n('rowsTotal'),
    chunksTotal: item.chunksTotal === undefined || item.chunksTotal === null ? null : n('chunksTotal'),
    chunksDone: n('chunksDone'),
    chunksFailed: n('chunksFailed'),
    rowsDone: n('rowsDone'),
    created: n('created'),
    updated: n('updated'),
    unchanged: n('unchanged'),
    failed: n('failed'),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    startedAt: (item.startedAt as string | undefined) ?? null,
    finishedAt: (item.finishedAt as string | undefined) ?? null,
  };
}

export async function createJob(tableName: string, id: string, format: ImportFormat): Promise<StoredJob> {
  const now = clock.iso();
  const item = {
    ...importKeys.job(id),
    id,
    status: 'waiting_upload',
    format,
    ...Object.fromEntries(COUNTERS.map((c) => [c, 0])),
    createdAt: now,
    updatedAt: now,
    expiresAt: clock.epochSeconds() + KEEP_SECONDS,
  };
  await ddb.send(new PutCommand({ TableName: tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
  return toJob(item);
}

export async function getJob(tableName: string, id: string, consistent = false): Promise<StoredJob | null> {
  const out = await ddb.send(new GetCommand({ TableName: tableName, Key: importKeys.job(id), ConsistentRead: consistent }));
  return out.Item ? toJob(out.Item) : null;
}

/**
 * Waiting (or queued, when `start` runs again) → queued, with the size of the file. A file without
 * rows ends the job at once. Throws JobStateError when the job runs, ended, or does not exist.
 */
export async function markQueued(tableName: string, id: string, rowsTotal: number, chunksTotal: number): Promise<StoredJob> {
  const now = clock.iso();
  const empty = chunksTotal === 0;
  try {
    const out = await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: importKeys.job(id),
        UpdateExpression: `SET #s = :next, rowsTotal = :rows, chunksTotal = :chunks, startedAt = if_not_exists(startedAt, :now), updatedAt = :now, expiresAt = :exp${empty ? ', finishedAt = :now' : ''}`,
        ConditionExpression: '#s IN (:waiting, :queued)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: {
          ':next': empty ? 'done' : 'queued',
          ':rows': rowsTotal,
          ':chunks': chunksTotal,
          ':now': now,
          ':exp': clock.epochSeconds() + KEEP_SECONDS,
          ':waiting': 'waiting_upload',
          ':queued': 'queued',
        },
        ReturnValues: 'ALL_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return toJob(out.Attributes!);
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) throw new JobStateError(((err.Item as { status?: { S?: string } } | undefined)?.status?.S) ?? null);
    throw err;
  }
}

export interface ChunkOutcome {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: RowError[];
  /** The chunk could not be processed at all (a poison chunk on its last attempt): all its rows failed. */
  poison?: boolean;
}

/**
 * Adds a chunk's counts to its job, once: the marker item and the counters commit together, and a
 * second delivery of the chunk finds the marker and adds nothing. `false` when it was counted before.
 */
export async function recordChunk(tableName: string, id: string, chunk: number, outcome: ChunkOutcome): Promise<boolean> {
  const now = clock.iso();
  const expiresAt = clock.epochSeconds() + KEEP_SECONDS;
  let repeated = false;
  await transact(
    [
      {
        Put: {
          TableName: tableName,
          Item: {
            ...importKeys.chunk(id, chunk),
            chunk,
            rows: outcome.rows,
            created: outcome.created,
            updated: outcome.updated,
            unchanged: outcome.unchanged,
            failed: outcome.failed,
            poison: outcome.poison === true,
            errors: outcome.errors.slice(0, MAX_JOB_ERRORS),
            errorCount: outcome.errors.length,
            at: now,
            expiresAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: importKeys.job(id),
          UpdateExpression:
            'ADD chunksDone :one, chunksFailed :poison, rowsDone :rows, created :created, updated :updated, unchanged :unchanged, failed :failed SET #s = :running, updatedAt = :now, expiresAt = :exp',
          ConditionExpression: '#s IN (:queued, :running)',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':one': 1,
            ':poison': outcome.poison ? 1 : 0,
            ':rows': outcome.rows,
            ':created': outcome.created,
            ':updated': outcome.updated,
            ':unchanged': outcome.unchanged,
            ':failed': outcome.failed,
            ':running': 'running',
            ':queued': 'queued',
            ':now': now,
            ':exp': expiresAt,
          },
        },
      },
    ],
    (reasons) => {
      if (reasons[0]?.code === 'ConditionalCheckFailed') {
        repeated = true;
        return new ChunkCountedError();
      }
      if (reasons[1]?.code === 'ConditionalCheckFailed') return new JobStateError(null);
      return null;
    },
  ).catch((err) => {
    if (!(err instanceof ChunkCountedError)) throw err;
  });
  return !repeated;
}

class ChunkCountedError extends Error {}

/** Running → done (or failed, when no chunk could be processed) once every chunk is counted. */
export async function finishIfComplete(tableName: string, id: string): Promise<boolean> {
  const now = clock.iso();
  const job = await getJob(tableName, id, true);
  if (!job || job.status !== 'running' || job.chunksTotal === null || job.chunksDone < job.chunksTotal) return false;
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: importKeys.job(id),
        UpdateExpression: 'SET #s = :end, finishedAt = :now, updatedAt = :now',
        ConditionExpression: '#s = :running AND chunksDone >= chunksTotal',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':end': job.chunksFailed >= job.chunksTotal ? 'failed' : 'done', ':now': now, ':running': 'running' },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false; // another chunk finished it
    throw err;
  }
}

/** The first `MAX_JOB_ERRORS` row errors of the job, in file order (chunk markers are sorted by number). */
export async function jobErrors(tableName: string, id: string): Promise<RowError[]> {
  const errors: RowError[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await ddb.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :chunk)',
        FilterExpression: 'errorCount > :zero',
        ProjectionExpression: 'errors',
        ExpressionAttributeValues: { ':pk': importKeys.job(id).pk, ':chunk': 'CHUNK#', ':zero': 0 },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) errors.push(...((item.errors ?? []) as RowError[]));
    start = page.LastEvaluatedKey;
  } while (start && errors.length < MAX_JOB_ERRORS);
  return errors.slice(0, MAX_JOB_ERRORS);
}

export function jobView(job: StoredJob, errors: RowError[]): ImportJob {
  return {
    importId: job.id,
    status: job.status,
    format: job.format,
    rowsTotal: job.rowsTotal,
    rowsDone: job.rowsDone,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    failed: job.failed,
    errors,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
  };
}
