// `pnpm bench`: starts the emulators and the local runtime, then prints the figures of the
// middleware overhead, the cold-start proxy, people search (5,000 and 50,000 people) and the
// 5,000-row CSV import (new, changed, unchanged). Figures, not assertions:
// the machines are shared, so read the ratios, which compare things measured in the same run.
import { startLocalRuntime } from '@liaison/local';
import { benchBroadcast } from './broadcast';
import { benchColdStart } from './cold-start';
import { benchEscalation } from './escalation';
import { benchImport } from './import';
import { benchImportJob } from './import-job';
import { benchLogistics } from './logistics';
import { benchMiddleware } from './middleware';
import { benchSearch } from './search';

async function main() {
  const only = new Set(process.argv.slice(2));
  const want = (name: string) => only.size === 0 || only.has(name);
  console.log(`Liaison benchmarks on Node ${process.version}; pass any of: middleware cold-start search import import-job escalation logistics broadcast`);

  if (want('cold-start')) {
    const only = (process.env.BENCH_FUNCTIONS ?? '').split(',').map((part) => part.trim()).filter(Boolean);
    await benchColdStart({ runs: Number(process.env.BENCH_IMPORT_RUNS ?? 7), only, env: { ...process.env, LIAISON_TABLE_NAME: 't', LIAISON_EVENTS_TOPIC_ARN: 'arn:aws:sns:ap-southeast-3:123456789012:t', LIAISON_LANGUAGES: 'id,en', LIAISON_CORS_ORIGINS: '*', AWS_REGION: 'ap-southeast-3' } });
  }
  if (!want('middleware') && !want('search') && !want('import') && !want('import-job') && !want('escalation') && !want('logistics') && !want('broadcast')) return;

  // The import job floods the consumers' queues with events: one poller a queue lets them back up, and moto
  // slows down with every message waiting (a GetQueueAttributes on a queue 7,000 deep took 17 s). Lambda
  // runs several batches of a queue at once; so does the runtime here, when the job is benched.
  const pollersPerQueue = process.env.LIAISON_LOCAL_POLLERS ? Number(process.env.LIAISON_LOCAL_POLLERS) : want('import-job') ? 4 : 1;
  console.log(`Local runtime: ${pollersPerQueue} poller(s) per queue (LIAISON_LOCAL_POLLERS)`);
  const runtime = await startLocalRuntime({ port: 0, prefix: 'bench-', fresh: true, timers: false, pollersPerQueue, log: () => {} });
  try {
    const token = async (body: unknown) => {
      const res = await fetch(`${runtime.url}/_local/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return ((await res.json()) as { token: string }).token;
    };
    const org = await token({ role: 'organizer' });
    if (want('middleware')) {
      const person = await fetch(`${runtime.url}/people`, {
        method: 'POST',
        headers: { authorization: `Bearer ${org}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Bench Person', role: 'guest', phone: '+6281200000000', email: 'bench@example.org' }),
      });
      const personId = ((await person.json()) as { id: string }).id;
      await benchMiddleware({ url: runtime.url, token: org, personId, tableName: process.env.LIAISON_TABLE_NAME as string, rounds: Number(process.env.BENCH_ROUNDS ?? 300) });
    }
    if (want('search')) {
      const sizes = (process.env.BENCH_SEARCH_PEOPLE ?? '5000,50000').split(',').map(Number);
      await benchSearch({ url: runtime.url, token: org, tableName: process.env.LIAISON_TABLE_NAME as string, rounds: Number(process.env.BENCH_ROUNDS ?? 100), sizes });
    }
    if (want('escalation')) {
      await benchEscalation({ tableName: process.env.LIAISON_TABLE_NAME as string, topicArn: process.env.LIAISON_EVENTS_TOPIC_ARN as string, tickets: Number(process.env.BENCH_TICKETS ?? 10_000), due: 100 });
    }
    if (want('logistics')) {
      await benchLogistics({ tableName: process.env.LIAISON_TABLE_NAME as string, rounds: Number(process.env.BENCH_ROUNDS ?? 50), guests: 5000, trips: 400, stays: 1500 });
    }
    if (want('broadcast')) await benchBroadcast({ url: runtime.url, token: org, tableName: process.env.LIAISON_TABLE_NAME as string, guests: Number(process.env.BENCH_BROADCAST_GUESTS ?? 10_000) });
    if (want('import')) await benchImport({ url: runtime.url, token: org, rows: Number(process.env.BENCH_ROWS ?? 5000) });
    if (want('import-job')) await benchImportJob({ url: runtime.url, token: org, rows: Number(process.env.BENCH_JOB_ROWS ?? 50_000), baselineRows: Number(process.env.BENCH_JOB_BASELINE_ROWS ?? 1000) });
  } finally {
    await runtime.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    console.error(`bench failed: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
