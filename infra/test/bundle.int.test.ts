// The deployed code as infra builds it (split ESM: index.mjs, chunks loaded by `import()`), run in a
// plain Node process against the emulators: the chunks resolve and load, and a cold start does not
// parse what its route does not use.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Metafile } from 'esbuild';
import { buildHttpEvent } from '@liaison/kit/http/gateway-event';
import { claimsFor } from '@liaison/kit/http/invoke';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { buildApp } from '../src/app';
import { bundleFunction, REPO_ROOT } from '../src/function';

const ENTRY = path.join(REPO_ROOT, 'services/directory/src/handlers/http.ts');
let outdir: string;
let metafile: Metafile;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bundle-'));
  metafile = bundleFunction(ENTRY, outdir, { metafile: true })!;
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** The source files that end up in the outputs `keys`. */
function inputsOf(keys: string[]): string[] {
  return keys.flatMap((k) => Object.keys(metafile.outputs[k]!.inputs));
}

/** The entry and what it imports statically: what Lambda's init loads. */
function initOutputs(): string[] {
  const entry = Object.keys(metafile.outputs).find((k) => k.endsWith('/index.mjs'))!;
  const seen = new Set<string>();
  const walk = (k: string) => {
    if (seen.has(k) || !metafile.outputs[k]) return;
    seen.add(k);
    for (const i of metafile.outputs[k]!.imports) if (i.kind === 'import-statement' && !i.external) walk(i.path);
  };
  walk(entry);
  return [...seen];
}

/** Imports the built index.mjs in a fresh Node process and hands it one API Gateway event per request, in order. */
function run(requests: { method: string; path: string; body?: unknown }[]): { statusCode: number; body?: string }[] {
  const events = requests.map((r, i) => {
    const text = r.body === undefined ? null : JSON.stringify(r.body);
    return buildHttpEvent(
      { method: r.method, url: r.path, headers: { host: 'localhost', ...(text ? { 'content-type': 'application/json', 'idempotency-key': `bundle-${Date.now()}-${i}` } : {}) }, body: text === null ? null : Buffer.from(text), sourceIp: '127.0.0.1', protocol: 'HTTP/1.1', port: 443 },
      { routeKey: `${r.method} ${r.path}`, pathParameters: {}, apiId: 'local', accountId: '123456789012', authorizer: { claims: claimsFor('organizer'), scopes: null } },
    );
  });
  const script = `
    const { handler } = await import(process.argv[1]);
    const context = { functionName: 'bundle-test', awsRequestId: 'bundle-test', getRemainingTimeInMillis: () => 29000 };
    const out = [];
    for (const event of JSON.parse(process.argv[2])) out.push(await handler(event, context));
    process.stdout.write(JSON.stringify(out));`;
  const env = {
    ...process.env,
    NODE_OPTIONS: '',
    LIAISON_LOG_LEVEL: 'error',
    LIAISON_USER_POOL_ID: process.env.LIAISON_USER_POOL_ID ?? 'ap-southeast-3_bundle',
    LIAISON_GUEST_ACCOUNTS: '0',
    LIAISON_WORK_QUEUE_IMPORT_CHUNKS_URL: process.env.LIAISON_WORK_QUEUE_IMPORT_CHUNKS_URL ?? 'http://localhost/queue/bundle',
    LIAISON_UPLOADS_BUCKET: process.env.LIAISON_UPLOADS_BUCKET ?? 'bundle',
  };
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script, path.join(outdir, 'index.mjs'), JSON.stringify(events)], { env, encoding: 'utf8' });
  return JSON.parse(stdout) as { statusCode: number; body?: string }[];
}

describe('a split function bundle', () => {
  it('is an index.mjs with chunks, and its init leaves the Cognito client and the import code to the routes that use them', () => {
    const files = fs.readdirSync(outdir).filter((f) => f.endsWith('.mjs'));
    expect(files).toContain('index.mjs');
    expect(files.length).toBeGreaterThan(2);
    const init = inputsOf(initOutputs());
    const all = inputsOf(Object.keys(metafile.outputs));
    const cognito = (files: string[]) => files.filter((f) => f.includes('client-cognito-identity-provider'));
    expect(cognito(all).length).toBeGreaterThan(0);
    expect(cognito(init)).toEqual([]);
    expect(all).toContain('services/directory/src/domain/import.ts');
    expect(init).not.toContain('services/directory/src/domain/import.ts');
  });

  it("carries the directory's own event contracts and no other service's (a write checks its events against its own)", () => {
    const all = new Set(inputsOf(Object.keys(metafile.outputs)));
    expect(all).toContain('packages/contracts/src/directory-events.ts');
    for (const other of ['logistics-events.ts', 'feedback-events.ts', 'logistics.ts', 'feedback.ts', 'events.ts']) {
      expect(all).not.toContain(`packages/contracts/src/${other}`);
    }
  });

  it("leaves out the records of services a consumer does not read (the joined CONTRACTS registry is dropped when unused)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bundle-consumer-'));
    try {
      const consumer = bundleFunction(path.join(REPO_ROOT, 'services/directory/src/consumers/accounts.ts'), dir, { metafile: true })!;
      const emitted = new Set(Object.values(consumer.outputs).flatMap((o) => Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([file]) => file)));
      expect(emitted).toContain('packages/contracts/src/directory-events.ts');
      for (const other of ['logistics-events.ts', 'feedback-events.ts', 'logistics.ts', 'feedback.ts', 'notifications.ts']) {
        expect(emitted).not.toContain(`packages/contracts/src/${other}`);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers requests in plain Node: the route chunks and the SDK chunks they import load from beside index.mjs', () => {
    const name = `Bundle Delegation ${Date.now()}`;
    const [created, listed, missing] = run([
      { method: 'POST', path: '/parties', body: { name, type: 'delegation' } },
      { method: 'GET', path: '/parties' },
      { method: 'GET', path: '/nowhere' },
    ]);
    expect(created!.statusCode).toBe(201);
    expect(JSON.parse(created!.body!)).toMatchObject({ name, type: 'delegation' });
    expect(listed!.statusCode).toBe(200);
    expect((JSON.parse(listed!.body!) as { items: { name: string }[] }).items.map((p) => p.name)).toContain(name);
    expect(missing!.statusCode).toBe(404);
  });

  it('is built for each function from its own entry when the stack synthesizes (no two functions share code)', () => {
    const cdkOut = path.join(outdir, 'cdk.out');
    const assembly = buildApp({ event: 'jakarta-summit-2027', stage: 'dev', outdir: cdkOut }).app.synth();
    const template = assembly.stacks[0]!.template as { Resources: Record<string, { Type: string; Properties?: { Code?: { S3Key?: string } }; Metadata?: Record<string, string> }> };
    const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function' && r.Metadata?.[STACK_METADATA.entry]);
    const assetOf = (entry: string) => {
      const fn = functions.find((f) => f.Metadata![STACK_METADATA.entry] === entry)!;
      return fs.readFileSync(path.join(assembly.directory, `asset.${fn.Properties!.Code!.S3Key!.replace(/\.zip$/, '')}`, 'index.mjs'), 'utf8');
    };
    expect(functions.length).toBeGreaterThan(10);
    const entries = new Set(functions.map((f) => f.Metadata![STACK_METADATA.entry]));
    expect(new Set(functions.map((f) => f.Properties!.Code!.S3Key)).size).toBe(entries.size);
    // The directory's HTTP code carries its own route table, and logistics' does not.
    expect(assetOf('services/directory/src/handlers/http.ts')).toContain('/people/{personId}/account');
    expect(assetOf('services/logistics/src/handlers/http.ts')).not.toContain('/people/{personId}/account');
    expect(assetOf('services/logistics/src/handlers/http.ts')).toContain('/trips/{tripId}/complete');
  });
});
