// A large import as a job: 50,000 rows (BENCH_JOB_ROWS) uploaded to the presigned URL, started, and
// polled until done, as a client does; then the same file again (all unchanged). Beside it, in the same
// run, one POST /people/import of 5,000 rows: the rows per second a single request manages.
import { benchCsv, createBenchParty, postCsv } from './csv-import';
import { fmt, table, time } from './stats';

interface Job {
  status: string;
  rowsTotal: number | null;
  rowsDone: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
}

async function call<T>(url: string, token: string, method: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Create, upload, start, poll: seconds from create to done, and the job as it ended. */
async function runJob(opts: { url: string; token: string }, csv: string, deadlineMs: number): Promise<{ seconds: number; uploadS: number; job: Job }> {
  let job: Job | undefined;
  let uploadS = 0;
  const ms = await time(async () => {
    const created = await call<{ importId: string; uploadUrl: string; uploadContentType: string }>(`${opts.url}/imports`, opts.token, 'POST', { format: 'csv' });
    if (created.status !== 201) throw new Error(`POST /imports: ${created.status}`);
    const { importId, uploadUrl, uploadContentType } = created.body;
    uploadS = (await time(async () => {
      const put = await fetch(uploadUrl, { method: 'PUT', headers: { 'content-type': uploadContentType }, body: csv });
      if (put.status !== 200) throw new Error(`upload: ${put.status}`);
    })) / 1000;
    const started = await call<Job>(`${opts.url}/imports/${importId}/start`, opts.token, 'POST');
    if (started.status !== 202) throw new Error(`start: ${started.status} ${JSON.stringify(started.body).slice(0, 300)}`);
    const deadline = Date.now() + deadlineMs;
    for (;;) {
      const got = await call<Job>(`${opts.url}/imports/${importId}`, opts.token, 'GET');
      if (got.body.status === 'done' || got.body.status === 'failed') {
        job = got.body;
        return;
      }
      if (Date.now() > deadline) throw new Error(`job ${importId} not done within ${deadlineMs} ms: ${JSON.stringify(got.body).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  });
  return { seconds: ms / 1000, uploadS, job: job! };
}

export async function benchImportJob(opts: { url: string; token: string; rows: number; baselineRows: number }): Promise<void> {
  const tag = `job${Date.now().toString(36)}`;
  await createBenchParty({ ...opts, tag });
  const csv = benchCsv({ rows: opts.rows, tag });
  const deadlineMs = Number(process.env.BENCH_JOB_DEADLINE_MS ?? 30 * 60_000);

  const baseTag = `base${Date.now().toString(36)}`;
  await createBenchParty({ ...opts, tag: baseTag });
  const baselineS = (await time(() => postCsv(opts, benchCsv({ rows: opts.baselineRows, tag: baseTag })))) / 1000;

  const first = await runJob(opts, csv, deadlineMs);
  if (first.job.status !== 'done' || first.job.created !== opts.rows) throw new Error(`first job: ${JSON.stringify(first.job)}`);
  const again = await runJob(opts, csv, deadlineMs);
  if (again.job.created !== 0 || again.job.unchanged !== opts.rows) throw new Error(`second job: ${JSON.stringify(again.job)}`);

  const rate = (rows: number, s: number) => rows / s;
  const baseRate = rate(opts.baselineRows, baselineS);
  console.log(`\nImport job — ${opts.rows.toLocaleString('en')} rows, ${fmt(Buffer.byteLength(csv) / 1024 / 1024)} MB CSV, presigned upload + start + poll, over HTTP (chunks of 500, as many at once as the runtime has pollers a queue)`);
  console.log(
    table([
      ['run', 'seconds', 'rows/s', 'vs one POST /people/import'],
      [`POST /people/import, ${opts.baselineRows.toLocaleString('en')} new rows (baseline)`, fmt(baselineS), fmt(baseRate, 0), '1.00×'],
      [`job, ${opts.rows.toLocaleString('en')} new rows (upload ${fmt(first.uploadS)} s)`, fmt(first.seconds), fmt(rate(opts.rows, first.seconds), 0), `${fmt(rate(opts.rows, first.seconds) / baseRate)}×`],
      [`job, same file again (all unchanged)`, fmt(again.seconds), fmt(rate(opts.rows, again.seconds), 0), `${fmt(rate(opts.rows, again.seconds) / baseRate)}×`],
    ]),
  );
}
