// Large imports as jobs (API.md, Directory): create a job, PUT the file to its presigned URL (moto's
// S3 locally), start it, and poll its progress until it ends; the same file again creates nothing.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { api, tokenFor, waitFor } from '../support/e2e';

const run = randomBytes(3).toString('hex');
let org: string;

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
});

const ROWS = 1_203; // three chunks of 500 and a short one
function csvFile(): string {
  const lines = ['externalId,name,role,email,language'];
  for (let i = 1; i <= ROWS; i++) lines.push(`job-${run}-${i},Job Guest ${i},guest,job.${run}.${i}@example.org,en`);
  lines.push(`,No Key,guest,,en`); // a bad row: no externalId and no email
  return `${lines.join('\n')}\n`;
}

async function createJob(format: 'csv' | 'json' = 'csv') {
  const res = await api('/imports', { method: 'POST', token: org, body: { format } });
  expect(res.status).toBe(201);
  expect(res.headers.get('location')).toBe(`/imports/${res.body.importId}`);
  return res.body as { importId: string; uploadUrl: string; uploadContentType: string };
}

async function upload(job: { uploadUrl: string; uploadContentType: string }, body: string): Promise<void> {
  const put = await fetch(job.uploadUrl, { method: 'PUT', headers: { 'content-type': job.uploadContentType }, body });
  expect(put.status).toBe(200);
}

async function runToEnd(importId: string) {
  return waitFor(
    async () => {
      const got = await api(`/imports/${importId}`, { token: org });
      expect(got.status).toBe(200);
      return got.body.status === 'done' || got.body.status === 'failed' ? got.body : undefined;
    },
    { timeoutMs: 240_000, intervalMs: 500 },
  );
}

describe('an import job', () => {
  it('imports an uploaded CSV in chunks with progress, and the same file again creates nothing', async () => {
    const file = csvFile();
    const job = await createJob();
    expect((await api(`/imports/${job.importId}`, { token: org })).body).toMatchObject({ status: 'waiting_upload', rowsTotal: null, rowsDone: 0 });
    await upload(job, file);

    const started = await api(`/imports/${job.importId}/start`, { method: 'POST', token: org });
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'queued', rowsTotal: ROWS + 1 });

    const done = await runToEnd(job.importId);
    expect(done).toMatchObject({ status: 'done', rowsTotal: ROWS + 1, rowsDone: ROWS + 1, created: ROWS, updated: 0, failed: 1 });
    expect(done.errors).toEqual([{ row: ROWS + 1, path: 'externalId', message: expect.any(String) }]);

    const again = await createJob();
    await upload(again, file);
    expect((await api(`/imports/${again.importId}/start`, { method: 'POST', token: org })).status).toBe(202);
    expect(await runToEnd(again.importId)).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: ROWS, failed: 1 });
  });

  it('cannot start before its file is uploaded, nor twice once it runs', async () => {
    const job = await createJob('json');
    const early = await api(`/imports/${job.importId}/start`, { method: 'POST', token: org });
    expect(early.status).toBe(409);
    expect(early.body.detail).toMatch(/upload/i);
    await upload(job, JSON.stringify([{ externalId: `json-${run}`, name: 'Json Row', role: 'guest' }]));
    expect((await api(`/imports/${job.importId}/start`, { method: 'POST', token: org })).status).toBe(202);
    expect(await runToEnd(job.importId)).toMatchObject({ status: 'done', created: 1 });
    expect((await api(`/imports/${job.importId}/start`, { method: 'POST', token: org })).status).toBe(409);
  });

  it('refuses a file that is not what its format says, naming the problem', async () => {
    const job = await createJob('json');
    await upload(job, '{"not":"an array"}');
    const res = await api(`/imports/${job.importId}/start`, { method: 'POST', token: org });
    expect(res).toMatchObject({ status: 422, body: { errors: [{ path: 'file' }] } });
    expect((await api(`/imports/${job.importId}`, { token: org })).body.status).toBe('waiting_upload');
  });

  it('is for organisers only, and refuses an unknown format', async () => {
    const lo = await tokenFor({ role: 'lo' });
    expect((await api('/imports', { method: 'POST', token: lo, body: { format: 'csv' } })).status).toBe(403);
    expect(await api('/imports', { method: 'POST', token: org, body: { format: 'xlsx' } })).toMatchObject({ status: 422, body: { errors: [{ path: 'format' }] } });
    expect((await api('/imports/imp_01JZZZZZZZZZZZZZZZZZZZZZZZ', { token: org })).status).toBe(404);
  });
});
