// Functions run without --enable-source-maps (it parses every chunk's map at load, a tenth of a cold
// start); @liaison/kit/stack maps a stack through the maps beside the bundle when it is rendered, so a
// logged error still names our TypeScript file and line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bundleFunction, NODE_OPTIONS } from '../src/function';

const FIXTURE = path.join(__dirname, 'fixtures/throws.ts');
const THROW_LINE = fs.readFileSync(FIXTURE, 'utf8').split('\n').findIndex((l) => l.includes('THROW_LINE')) + 1;
let outdir: string;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-stack-'));
  bundleFunction(FIXTURE, outdir);
});
afterAll(() => fs.rmSync(outdir, { recursive: true, force: true }));

/** Runs the bundled handler in a fresh Node with the functions' options: its answer (the stack) and its log line. */
function run(): { stack: string; logged: { msg: string; err: { message: string; stack: string } } } {
  const script = `const { handler } = await import(process.argv[1]); process.stdout.write(await handler());`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script, path.join(outdir, 'index.mjs')], { env: { ...process.env, NODE_OPTIONS }, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`the bundle failed: ${out.stderr}`);
  return { stack: out.stdout, logged: JSON.parse(out.stderr.trim().split('\n').pop()!) };
}

describe('stack traces of a bundled function', () => {
  it('run without --enable-source-maps', () => {
    expect(NODE_OPTIONS).not.toContain('--enable-source-maps');
  });

  it('name the TypeScript file and line of the throw, in the error and in its log line, with the message kept', () => {
    const { stack, logged } = run();
    expect(stack.split('\n')[0]).toBe('Error: fixture failure');
    expect(stack).toContain(`infra/test/fixtures/throws.ts:${THROW_LINE}:`);
    expect(stack).not.toMatch(/index\.mjs:\d+:\d+/);
    expect(logged).toMatchObject({ msg: 'fixture failed', err: { message: 'fixture failure', stack } });
  });
});
