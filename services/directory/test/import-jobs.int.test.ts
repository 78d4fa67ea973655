// The import-chunks worker against the emulators: a job's split writes its chunk files, a chunk delivered
// twice (even at once) is counted once, the job ends when its last chunk is counted, and a split or chunk
// that fails on its last attempt ends as failed rows instead of leaving the job running forever.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { loadWorkQueueUrl } from '@liaison/kit/config';
import type { Context, SQSEvent } from 'aws-lambda';
import { newId } from '@liaison/kit/ids';
import { loadUploadsBucket, putObject, readObject } from '@liaison/kit/uploads';
import { createJob, getJob, jobErrors, markQueued } from '../src/store/import-jobs';
import { handler, processChunk, splitJob } from '../src/workers/import-chunks';
import { chunkPlan, IMPORT_CHUNKS, importObjects, type ImportChunkMessage } from '../src/workers/queues';
import { call, organizer } from './invoke';

const table = process.env.LIAISON_TABLE_NAME as string;
const bucket = loadUploadsBucket();
const run = randomBytes(3).toString('hex');
const chunkQueueUrl = loadWorkQueueUrl(IMPORT_CHUNKS.name);
const sqs = new SQSClient({});
afterAll(() => sqs.destroy());

function rows(from: number, count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({ externalId: `ij-${run}-${from + i}`, name: `Chunk Guest ${from + i}`, role: 'guest' }));
}

/** A queued job whose chunks (of `sizes` rows) are written to the bucket; its work messages. */
async function queuedJob(sizes: number[], { writeFiles = true, idsFrom = 1 } = {}): Promise<{ id: string; messages: ImportChunkMessage[] }> {
  const id = newId('imp');
  await createJob(table, id, 'json');
  const messages: ImportChunkMessage[] = [];
  let firstRow = 1;
  for (const [chunk, size] of sizes.entries()) {
    messages.push({ importId: id, chunk, firstRow, rows: size });
    if (writeFiles) await putObject(bucket, importObjects.chunk(id, chunk), JSON.stringify(rows(idsFrom + firstRow - 1, size)), 'application/json');
    firstRow += size;
  }
  await markQueued(table, id, firstRow - 1, sizes.length);
  return { id, messages };
}

/** The continuation message the worker queued for this job's chunk (other tests' messages are left alone). */
async function continuationOf(importId: string): Promise<ImportChunkMessage> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: chunkQueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30 }));
    for (const m of out.Messages ?? []) {
      const body = JSON.parse(m.Body!) as ImportChunkMessage;
      if (body.importId === importId) {
        await sqs.send(new DeleteMessageCommand({ QueueUrl: chunkQueueUrl, ReceiptHandle: m.ReceiptHandle! }));
        return body;
      }
    }
  }
  throw new Error(`no continuation for ${importId} on the queue`);
}

function sqsEvent(message: ImportChunkMessage, receiveCount: number): SQSEvent {
  return {
    Records: [
      {
        messageId: `m-${message.chunk}-${receiveCount}`,
        receiptHandle: 'rh',
        body: JSON.stringify(message),
        attributes: { ApproximateReceiveCount: String(receiveCount), SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:ap-southeast-3:123456789012:import-chunks',
        awsRegion: 'ap-southeast-3',
      },
    ],
  };
}

describe('the import-chunks worker', () => {
  it('counts a redelivered chunk once, and ends the job when every chunk is counted', async () => {
    const { id, messages } = await queuedJob([3, 2]);
    expect(await processChunk(messages[0]!, false)).toBe('counted');
    expect(await processChunk(messages[0]!, false)).toBe('repeated');
    expect(await getJob(table, id, true)).toMatchObject({ status: 'running', rowsDone: 3, created: 3, unchanged: 0 });

    expect(await processChunk(messages[1]!, false)).toBe('counted');
    expect(await getJob(table, id, true)).toMatchObject({ status: 'done', rowsTotal: 5, rowsDone: 5, created: 5, failed: 0, finishedAt: expect.any(String) });
    // Late duplicates of a finished job change nothing.
    expect(await processChunk(messages[1]!, false)).toBe('skipped');
    expect(await getJob(table, id, true)).toMatchObject({ rowsDone: 5, created: 5 });
  });

  it('counts a chunk once when two deliveries of it run at the same time', async () => {
    const { id, messages } = await queuedJob([4, 1]);
    const outcomes = await Promise.all([processChunk(messages[0]!, false), processChunk(messages[0]!, false), processChunk(messages[0]!, false)]);
    expect(outcomes.filter((o) => o === 'counted')).toHaveLength(1);
    expect(await getJob(table, id, true)).toMatchObject({ status: 'running', rowsDone: 4 });
  });

  it('retries a failing chunk through SQS, and on its last attempt records its rows as failed so the job ends', async () => {
    const { id, messages } = await queuedJob([2], { writeFiles: false });
    const context = {} as Context;
    // Not the last attempt: the message fails and SQS brings it back.
    expect((await handler(sqsEvent(messages[0]!, 1), context)).batchItemFailures).toEqual([{ itemIdentifier: 'm-0-1' }]);
    expect(await getJob(table, id, true)).toMatchObject({ status: 'queued', rowsDone: 0 });
    // Last attempt (maxReceiveCount 3): acknowledged, the rows counted as failed, the job over.
    expect((await handler(sqsEvent(messages[0]!, 3), context)).batchItemFailures).toEqual([]);
    const job = await getJob(table, id, true);
    expect(job).toMatchObject({ status: 'failed', rowsDone: 2, failed: 2, created: 0 });
  });

  it('goes on in a new message when time runs out mid-chunk, and the job counts every row once, as created', async () => {
    const { id, messages } = await queuedJob([300], { idsFrom: 20_000 });
    // Time for the first two transactions to start, then none: the rest of the chunk is cut.
    let checks = 0;
    const timeLeft = () => (++checks <= 2 ? 60_000 : 0);
    expect(await processChunk(messages[0]!, false, timeLeft)).toBe('continued');
    expect(await getJob(table, id, true)).toMatchObject({ status: 'queued', rowsDone: 0 });
    const next = await continuationOf(id);
    expect(next).toMatchObject({ importId: id, chunk: 0, firstRow: 1, rows: 300, carried: { created: expect.any(Number), updated: 0 } });
    expect(next.carried!.created).toBeGreaterThan(0);
    expect(next.carried!.created).toBeLessThan(300);
    // The next part, with time enough: the rows the first part wrote are not counted as unchanged.
    expect(await processChunk(next, false, () => 60_000)).toBe('counted');
    expect(await getJob(table, id, true)).toMatchObject({ status: 'done', rowsDone: 300, created: 300, updated: 0, unchanged: 0, failed: 0 });
  });

  it('gives up a later part of a chunk on its last attempt without counting what its earlier parts wrote as failed', async () => {
    const { id, messages } = await queuedJob([10], { writeFiles: false });
    const later = { ...messages[0]!, carried: { created: 4, updated: 1 } };
    expect((await handler(sqsEvent(later, 3), {} as Context)).batchItemFailures).toEqual([]);
    expect(await getJob(table, id, true)).toMatchObject({ status: 'failed', rowsDone: 10, created: 4, updated: 1, failed: 5 });
    expect((await jobErrors(table, id))[0]!.message).toMatch(/^5 of rows 1 to 10 could not be imported/);
  });

  it('throws when a part of a chunk writes nothing in its time, so SQS tries it again', async () => {
    const { id, messages } = await queuedJob([5], { idsFrom: 30_000 });
    await expect(processChunk(messages[0]!, false, () => 0)).rejects.toThrow('chunk 0 ran out of time before writing a row');
    expect(await getJob(table, id, true)).toMatchObject({ status: 'queued', rowsDone: 0 });
  });

  it('splits a queued job\'s upload into chunk files of 500 rows, and the chunks import it; a second split changes nothing', async () => {
    const id = newId('imp');
    await createJob(table, id, 'json');
    await putObject(bucket, importObjects.upload(id), JSON.stringify(rows(10_000, 501)), 'application/json');
    await markQueued(table, id, 501, 2);
    expect(await splitJob(id, false)).toBe('split');
    const plan = chunkPlan(id, 501);
    expect(plan.map((m) => [m.chunk, m.firstRow, m.rows])).toEqual([[0, 1, 500], [1, 501, 1]]);
    const last = JSON.parse((await readObject(bucket, importObjects.chunk(id, 1)))!.toString('utf8')) as { externalId: string }[];
    expect(last.map((r) => r.externalId)).toEqual([`ij-${run}-10500`]);
    expect(await splitJob(id, false)).toBe('split');
    for (const m of plan) expect(await processChunk(m, false)).toBe('counted');
    expect(await getJob(table, id, true)).toMatchObject({ status: 'done', rowsTotal: 501, rowsDone: 501, created: 501, failed: 0 });
    expect(await splitJob(id, false)).toBe('skipped');
  });

  it('retries a split whose upload is gone, and on its last attempt records every chunk\'s rows as failed so the job ends', async () => {
    const id = newId('imp');
    await createJob(table, id, 'json');
    await markQueued(table, id, 700, 2);
    const split = (receiveCount: number) => {
      const event = sqsEvent({ importId: id, chunk: 0, firstRow: 1, rows: 1 }, receiveCount);
      event.Records[0]!.body = JSON.stringify({ importId: id, split: true });
      return handler(event, {} as Context);
    };
    expect((await split(1)).batchItemFailures).toHaveLength(1);
    expect(await getJob(table, id, true)).toMatchObject({ status: 'queued', rowsDone: 0 });
    expect((await split(3)).batchItemFailures).toEqual([]);
    expect(await getJob(table, id, true)).toMatchObject({ status: 'failed', rowsDone: 700, failed: 700, created: 0 });
  });

  it('reports a message that is not a chunk message as a failure', async () => {
    const bad = { ...sqsEvent({ importId: 'x', chunk: 0, firstRow: 1, rows: 1 }, 1) };
    bad.Records[0]!.body = '{"importId":1}';
    expect((await handler(bad, {} as Context)).batchItemFailures).toHaveLength(1);
  });

  // Here rather than in e2e: nobody polls the int stack's work queue, so the 11 chunks of this job
  // do not run in the background of the shared e2e runtime (5,001 people and their events).
  it('turns a CSV of more than 5,000 rows sent to POST /people/import into a queued job, answered 202 with its Location', async () => {
    const lines = ['externalId,name,role'];
    for (let i = 1; i <= 5_001; i++) lines.push(`big-${run}-${i},Big Guest ${i},guest`);
    const res = await call({ method: 'POST', url: '/people/import', body: lines.join('\n'), headers: { 'content-type': 'text/csv' }, claims: organizer });
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe(`/imports/${res.body.importId}`);
    expect(res.body).toMatchObject({ status: 'queued', rowsTotal: 5_001, rowsDone: 0 });
    expect(await getJob(table, res.body.importId, true)).toMatchObject({ status: 'queued', rowsTotal: 5_001 });
  });
});
