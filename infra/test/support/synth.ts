// Synthesizes a stack for assertions, without bundling, into a temporary cloud assembly that is removed afterwards.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Template } from 'aws-cdk-lib/assertions';
import type { App } from 'aws-cdk-lib';
import type { ServiceDefinition } from '@liaison/kit/service';
import { buildApp } from '../../src/app';
import type { EventStack } from '../../src/event-stack';

export const EVENT = 'jakarta-summit-2027';

export interface Synthesized {
  app: App;
  stack: EventStack;
  template: Template;
  json: Record<string, any>;
  cleanup(): void;
}

export function synth(stage: 'dev' | 'prod', services?: readonly ServiceDefinition[]): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-infra-test-'));
  const { app, stack } = buildApp({ event: EVENT, stage, bundle: false, outdir, ...(services ? { services } : {}) });
  const json = app.synth().getStackByName(stack.stackName).template as Record<string, any>;
  return { app, stack, template: Template.fromJSON(json), json, cleanup: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}

type Resource = { Type: string; Properties: Record<string, any>; Metadata?: Record<string, any>; DeletionPolicy?: string; UpdateReplacePolicy?: string; DependsOn?: string[] };

export function resources(json: Record<string, any>, type: string): [string, Resource][] {
  return Object.entries(json.Resources as Record<string, Resource>).filter(([, r]) => r.Type === type);
}

/** The logical id of the Lambda function whose metadata matches. */
export function functionId(json: Record<string, any>, match: Record<string, string>): string {
  const found = resources(json, 'AWS::Lambda::Function').filter(([, r]) => Object.entries(match).every(([k, v]) => r.Metadata?.[k] === v));
  if (found.length !== 1) throw new Error(`expected one function matching ${JSON.stringify(match)}, found ${found.length}`);
  return found[0]![0];
}

/** Every IAM statement that applies to the function's role (inline policies and managed policy ARNs). */
export function roleStatements(json: Record<string, any>, fnId: string): { statements: Record<string, any>[]; managed: unknown[] } {
  const fn = json.Resources[fnId];
  const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
  const role = json.Resources[roleId];
  const statements = resources(json, 'AWS::IAM::Policy')
    .filter(([, p]) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })))
    .flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Record<string, any>[]);
  return { statements, managed: role.Properties.ManagedPolicyArns ?? [] };
}

export function asArray<T>(value: T | T[]): T[] {
  return Array.isArray(value) ? value : [value];
}
