// cdk-nag, CDK annotations and cfn-lint over the synthesized templates, each with a control that shows the check can fail.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks } from 'cdk-nag';
import { directoryService } from '@liaison/directory/service';
import { buildApp } from '../src/app';
import { fakeService } from './fixtures/fake-service';
import { synth, type Synthesized } from './support/synth';

const stacks: Record<string, Synthesized> = {
  dev: synth('dev'),
  prod: synth('prod'),
  'dev with a consumer, a schedule, SMS and email': synth('dev', [directoryService, fakeService]),
};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-cfn-lint-'));
afterAll(() => {
  for (const s of Object.values(stacks)) s.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function nagViolations(scope: Synthesized['app']): string[] {
  return new AwsSolutionsChecks().validateScope(scope).violations.map((v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
}

describe('cdk-nag AwsSolutions', () => {
  it.each(Object.keys(stacks))('finds nothing unacknowledged in the %s stack', (name) => {
    expect(nagViolations(stacks[name]!.app)).toEqual([]);
  });

  it('does report a problem nobody acknowledged (control)', () => {
    const { app, stack } = buildApp({ event: 'jakarta-summit-2027', stage: 'dev', bundle: false, outdir: path.join(tmp, 'control') });
    new sqs.Queue(stack, 'Unprotected', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    const found = nagViolations(app);
    expect(found).toEqual(expect.arrayContaining([expect.stringMatching(/AwsSolutions-SQS2 at .*\/Unprotected\/Resource/)]));
    // And `cdk synth` (app.synth) stops on it.
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS2/);
  });

  it('records a reason for every acknowledgment', () => {
    const acks = stacks.prod!.stack.node
      .findAll()
      .flatMap((c) => c.node.metadata.filter((m) => m.type === 'aws:cdk:acknowledged-rules').map((m) => m.data as Record<string, string>))
      .flatMap((data) => Object.entries(data));
    expect(acks.length).toBeGreaterThan(0);
    for (const [id, reason] of acks) {
      expect(id).toMatch(/AwsSolutions-/);
      expect(reason.length).toBeGreaterThan(40);
    }
  });
});

describe('CDK annotations', () => {
  it.each(Object.keys(stacks))('has no error or warning in the %s stack', (name) => {
    const annotations = Annotations.fromStack(stacks[name]!.stack);
    expect(annotations.findError('*', Match.anyValue())).toEqual([]);
    expect(annotations.findWarning('*', Match.anyValue())).toEqual([]);
  });
});

/**
 * W3005 is ignored: lambda.Function always makes the function DependsOn its whole role construct (the
 * role and its default policy). The policy dependency matters (the function must not start before its
 * grants exist); the role one is redundant with the GetAtt, which is all W3005 says.
 */
const IGNORED_CFN_LINT_CHECKS = ['W3005'];

function cfnLint(files: string[]): { status: number | null; output: string } {
  const run = spawnSync('cfn-lint', ['--ignore-checks', ...IGNORED_CFN_LINT_CHECKS, '--', ...files], { encoding: 'utf8', timeout: 120_000 });
  if (run.error) throw run.error;
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('cfn-lint', () => {
  it('finds no error and no warning in the synthesized templates', () => {
    const files = Object.entries(stacks).map(([name, s]) => {
      const file = path.join(tmp, `${name.replace(/\W+/g, '-')}.template.json`);
      fs.writeFileSync(file, JSON.stringify(s.json, null, 1));
      return file;
    });
    const { status, output } = cfnLint(files);
    expect({ status, output }).toEqual({ status: 0, output: '' });
  }, 120_000);

  it('does fail a broken template (control)', () => {
    const broken = structuredClone(stacks.dev!.json);
    const fn = Object.values(broken.Resources as Record<string, any>).find((r) => r.Type === 'AWS::Lambda::Function');
    fn.Properties.Runtime = 'nodejs99.x';
    const file = path.join(tmp, 'broken.template.json');
    fs.writeFileSync(file, JSON.stringify(broken));
    const { status, output } = cfnLint([file]);
    expect(status! & 2).toBe(2);
    expect(output).toMatch(/nodejs99\.x/);
  }, 120_000);
});
