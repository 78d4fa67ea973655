import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { synthesizeTemplate } from '../src/app';
import { REPO_ROOT } from '../src/function';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-app-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('synthesizeTemplate', () => {
  it('returns the template without bundling and without leaving files behind', () => {
    const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('liaison-synth-')).length;
    // How fast is for `pnpm bench`, not an assertion (the machine is shared).
    const template = synthesizeTemplate({ event: 'jakarta-summit-2027', stage: 'dev' });
    const fns = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(fns.map((f) => f.Metadata?.[STACK_METADATA.entry]).sort()).toEqual(
      expect.arrayContaining(['infra/src/functions/api.ts', 'packages/kit/src/events/relay.ts', 'services/directory/src/handlers/http.ts', 'services/directory/src/workers/import-chunks.ts']),
    );
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('liaison-synth-')).length).toBe(before);
  });

  it('throws on a bad event, like cdk synth', () => {
    expect(() => synthesizeTemplate({ event: 'no-such-event', stage: 'dev' })).toThrow(/Unknown event "no-such-event".*Known events: .*jakarta-summit-2027/s);
  });
});

/** Runs infra/bin/app.ts the way the CDK CLI does: context in CDK_CONTEXT_JSON, assembly into CDK_OUTDIR. */
function runBin(context: Record<string, unknown>, outdir: string) {
  return spawnSync(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['infra/bin/app.ts'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context), CDK_OUTDIR: outdir },
  });
}

describe('infra/bin/app.ts', () => {
  it('synthesizes the stack named by -c event and -c stage', () => {
    const outdir = path.join(tmp, 'good');
    const run = runBin({ event: 'jakarta-summit-2027', stage: 'prod', 'aws:cdk:bundling-stacks': [] }, outdir);
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: expect.any(String) });
    // The artifact id is the stack name (the manifest only records stackName when they differ).
    const manifest = JSON.parse(fs.readFileSync(path.join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; properties?: { stackName?: string } }> };
    const stacks = Object.entries(manifest.artifacts).filter(([, a]) => a.type === 'aws:cloudformation:stack');
    expect(stacks.map(([id, a]) => a.properties?.stackName ?? id)).toEqual(['Liaison-jakarta-summit-2027-prod']);
    const template = JSON.parse(fs.readFileSync(path.join(outdir, 'Liaison-jakarta-summit-2027-prod.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; DeletionPolicy?: string }> };
    expect(Object.values(template.Resources).find((r) => r.Type === 'AWS::DynamoDB::Table')?.DeletionPolicy).toBe('Retain');
  }, 120_000);

  it('exits non-zero with the known events when the stage is missing', () => {
    const run = runBin({ event: 'jakarta-summit-2027' }, path.join(tmp, 'bad'));
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/Invalid no stage: pass -c stage=dev\|prod\. Known events: .*jakarta-summit-2027/);
  }, 120_000);
});
