// Builds the CDK app of one event and stage, with cdk-nag; and the fast, bundling-free template that
// the local runtime reads to provision the emulators and route requests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { App, Tags } from 'aws-cdk-lib';
import type { ServiceDefinition } from '@liaison/kit/service';
import { checkDefinitions, EventStack, stackName } from './event-stack';
import { applyNag } from './nag';
import { SERVICES } from './services';
import { loadEventSettings, parseStage } from './settings';

export interface BuildAppOptions {
  /** Event slug: `infra/events/<event>.json` must exist. */
  event: string;
  /** `dev` or `prod`. */
  stage: string;
  /** Run esbuild for every function (default). `false` skips it: the template is the same, the assets are placeholders. */
  bundle?: boolean;
  /** Cloud assembly directory; default: the CLI's, or a temporary directory. */
  outdir?: string;
  /** The services to deploy; default: all of them (`SERVICES`). Tests pass fakes. */
  services?: readonly ServiceDefinition[];
}

export interface BuiltApp {
  app: App;
  stack: EventStack;
}

/** CloudFormation template JSON. */
export type Template = Record<string, unknown> & { Resources: Record<string, { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> }> };

export function buildApp({ event, stage, bundle = true, outdir, services = SERVICES }: BuildAppOptions): BuiltApp {
  const settings = loadEventSettings(event);
  const parsedStage = parseStage(stage);
  checkDefinitions(services); // before the App, which makes its temporary directory
  const app = new App({
    ...(outdir !== undefined ? { outdir } : {}),
    // An empty list of stacks to bundle: NodejsFunction skips esbuild and uses a placeholder asset.
    ...(bundle ? {} : { context: { 'aws:cdk:bundling-stacks': [] } }),
  });
  const name = stackName(settings.slug, parsedStage);
  const stack = new EventStack(app, name, {
    stackName: name,
    description: `Liaison back end of ${settings.name} (${parsedStage})`,
    terminationProtection: parsedStage === 'prod',
    settings,
    stage: parsedStage,
    services,
  });
  // Dashboards take Tags only in CloudFormation's newest schema; cfn-lint (and some regions) refuse them.
  const untagged = { excludeResourceTypes: ['AWS::CloudWatch::Dashboard'] };
  Tags.of(stack).add('liaison:event', settings.slug, untagged);
  Tags.of(stack).add('liaison:stage', parsedStage, untagged);
  applyNag(app);
  return { app, stack };
}

/**
 * The stack's template without bundling: a few seconds, no network, nothing left on disk.
 * Throws like `cdk synth` does when settings are bad or cdk-nag finds an unacknowledged problem.
 */
export function synthesizeTemplate({ event, stage }: { event: string; stage: string }): Template {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-synth-'));
  try {
    const { app, stack } = buildApp({ event, stage, bundle: false, outdir });
    return app.synth().getStackByName(stack.stackName).template as Template;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
