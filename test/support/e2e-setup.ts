// Global setup of the `e2e` project: the emulators (reused if int-setup already started them in this
// jest run), then the local runtime started as a user starts it, `tsx packages/local/src/cli.ts`, as
// a child on a free port; its base URL goes to the tests in LIAISON_E2E_URL once /_local/health is ready.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort, REPO_ROOT } from '@liaison/local';
import { ensureEmulators, harness } from './harness';

export const E2E_PREFIX = 'e2e-';
const READY_TIMEOUT_MS = 120_000;

export default async function e2eSetup(): Promise<void> {
  const endpoints = await ensureEmulators();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = path.join(os.tmpdir(), `liaison-e2e-runtime-${process.pid}.log`);
  const log = fs.createWriteStream(logFile);
  const bin = path.join(REPO_ROOT, 'node_modules/.bin');
  // As a user's shell would have it: nothing of jest's own (in band, jest sets JEST_WORKER_ID here).
  const { JEST_WORKER_ID: _worker, ...env } = process.env;
  const child = spawn(path.join(bin, 'tsx'), ['packages/local/src/cli.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...env,
      PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}`,
      PORT: String(port),
      LIAISON_DYNAMODB_ENDPOINT: endpoints.dynamodb,
      LIAISON_AWS_ENDPOINT: endpoints.aws,
      LIAISON_LOCAL_PREFIX: E2E_PREFIX,
      LIAISON_LOCAL_FRESH: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: `tsx` is a shell shim over node over node, and teardown must reach them all.
    detached: true,
  });
  harness().runtime = child;
  child.stdout.pipe(log);
  child.stderr.pipe(log);

  const deadline = Date.now() + READY_TIMEOUT_MS;
  let exited: string | null = null;
  child.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  for (;;) {
    if (exited) throw new Error(`the local runtime exited (${exited}) before it was ready:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${url}/_local/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the local runtime was not ready within ${READY_TIMEOUT_MS} ms:\n${tail(logFile)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  process.env.LIAISON_E2E_URL = url;
  process.env.LIAISON_E2E_LOG = logFile;
}

function tail(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-40).join('\n');
  } catch {
    return '(no output)';
  }
}
