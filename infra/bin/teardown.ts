// `pnpm teardown -c event=<slug> [--stage dev|prod] [--out dir/] [--token <jwt>] [--dry-run]`: exports
// the event first (and stops there if the export fails), then `cdk destroy`s its stack, then says
// plainly what stays: the resources the template keeps on deletion (a prod stack's table, user pool,
// upload bucket and log groups are retained by design, RemovalPolicy RETAIN) with the commands that
// delete them. The steps run behind an interface, so the plan is tested without AWS; --dry-run prints
// the plan and runs nothing.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ExportFailed, followExport, readArgs, resolveTarget, stackNameOf, type ExportResult } from './export';

type Template = { Resources?: Record<string, { Type: string; DeletionPolicy?: string; Properties?: Record<string, unknown> }> };

export interface Retained {
  logicalId: string;
  type: string;
  /** The physical name or id, when the stack could be asked before it went. */
  physicalId: string | null;
  /** What to run to delete it, once its data is no longer needed. */
  deleteWith: string[];
}

export interface TeardownPlan {
  event: string;
  stage: 'dev' | 'prod';
  stackName: string;
  exportDir: string;
  retained: Retained[];
}

/** What teardown does to the world, so that tests run it without AWS. */
export interface TeardownSteps {
  exportEvent(dir: string): Promise<ExportResult>;
  destroy(plan: TeardownPlan): Promise<void>;
  say(line: string): void;
}

/** The resources a template keeps when its stack is deleted, with how to delete each one. */
export function retainedResources(template: Template, ids: Record<string, string> | null): Retained[] {
  const out: Retained[] = [];
  for (const [logicalId, r] of Object.entries(template.Resources ?? {})) {
    if (r.DeletionPolicy !== 'Retain' && r.DeletionPolicy !== 'RetainExceptOnCreate') continue;
    const physicalId = ids?.[logicalId] ?? null;
    const name = physicalId ?? `<${logicalId}>`;
    out.push({ logicalId, type: r.Type, physicalId, deleteWith: deleteCommands(r.Type, name, r.Properties ?? {}) });
  }
  return out.sort((a, b) => a.type.localeCompare(b.type) || a.logicalId.localeCompare(b.logicalId));
}

function deleteCommands(type: string, name: string, props: Record<string, unknown>): string[] {
  switch (type) {
    case 'AWS::DynamoDB::Table':
      return [
        ...(props.DeletionProtectionEnabled === true ? [`aws dynamodb update-table --table-name ${name} --no-deletion-protection-enabled`] : []),
        `aws dynamodb delete-table --table-name ${name}`,
      ];
    case 'AWS::Cognito::UserPool':
      return [
        ...(props.DeletionProtection === 'ACTIVE' ? [`(deletion protection is on: turn it off in the console, Amazon Cognito › User pools › ${name} › Settings)`] : []),
        `aws cognito-idp delete-user-pool --user-pool-id ${name}`,
      ];
    case 'AWS::S3::Bucket':
      return [`aws s3 rb s3://${name} --force`];
    case 'AWS::Logs::LogGroup':
      return [`aws logs delete-log-group --log-group-name ${name}`];
    default:
      return [`(delete ${type} ${name} in the console)`];
  }
}

export function planTeardown(a: { event: string; stage: 'dev' | 'prod'; out?: string }, template: Template, ids: Record<string, string> | null, now: Date): TeardownPlan {
  const stackName = stackNameOf(a.event, a.stage);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return { event: a.event, stage: a.stage, stackName, exportDir: path.resolve(a.out ?? path.join('exports', `${stackName}-${stamp}`)), retained: retainedResources(template, ids) };
}

export function describePlan(plan: TeardownPlan): string[] {
  return [
    `Teardown of ${plan.stackName}:`,
    `  1. export the event to ${plan.exportDir} (stops here if the export fails)`,
    `  2. cdk destroy ${plan.stackName}`,
    ...(plan.retained.length === 0
      ? ['  3. nothing stays: every resource of this stack is deleted with it']
      : [`  3. what stays (retained by design: ${plan.stage === 'prod' ? 'a prod stack keeps its data' : 'the template says Retain'}):`]),
    ...plan.retained.flatMap((r) => [`     - ${r.type} ${r.physicalId ?? r.logicalId}`, ...r.deleteWith.map((c) => `         ${c}`)]),
  ];
}

/** Runs the plan: export, then destroy, then the note on what stays. The export failing stops everything. */
export async function runTeardown(plan: TeardownPlan, steps: TeardownSteps, dryRun: boolean): Promise<'dry-run' | 'destroyed'> {
  for (const line of describePlan(plan)) steps.say(line);
  if (dryRun) {
    steps.say('Dry run: nothing was exported or destroyed.');
    return 'dry-run';
  }
  let exported: ExportResult;
  try {
    exported = await steps.exportEvent(plan.exportDir);
  } catch (err) {
    throw new ExportFailed(`the export failed, so the stack was left as it is: ${(err as Error).message}`);
  }
  steps.say(`Exported ${exported.records} records in ${exported.pages} pages to ${exported.dir}`);
  await steps.destroy(plan);
  steps.say(`${plan.stackName} is destroyed.`);
  if (plan.retained.length > 0) {
    steps.say('These stay, with the personal data they hold, until you delete them (after the retention period the event agreed):');
    for (const r of plan.retained) steps.say(`  - ${r.type} ${r.physicalId ?? r.logicalId}: ${r.deleteWith.join(' && ')}`);
  }
  return 'destroyed';
}

function awsPhysicalIds(stackName: string): Record<string, string> | null {
  try {
    const text = execFileSync('aws', ['cloudformation', 'describe-stack-resources', '--stack-name', stackName, '--query', 'StackResources[].[LogicalResourceId,PhysicalResourceId]', '--output', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return Object.fromEntries(JSON.parse(text) as [string, string][]);
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const a = readArgs(process.argv.slice(2), { out: { type: 'string' }, stage: { type: 'string' }, url: { type: 'string' }, token: { type: 'string' }, 'dry-run': { type: 'boolean' } });
  const { synthesizeTemplate } = await import('../src/app');
  const template = synthesizeTemplate({ event: a.event, stage: a.stage }) as Template;
  const stackName = stackNameOf(a.event, a.stage);
  const plan = planTeardown({ event: a.event, stage: a.stage, ...(typeof a.values.out === 'string' ? { out: a.values.out } : {}) }, template, awsPhysicalIds(stackName), new Date());
  const steps: TeardownSteps = {
    exportEvent: async (dir) => followExport(await resolveTarget(a), dir),
    destroy: async (p) => {
      execFileSync('npx', ['cdk', 'destroy', p.stackName, '--force', '-c', `event=${p.event}`, '-c', `stage=${p.stage}`], { stdio: 'inherit' });
    },
    say: (line) => process.stdout.write(`${line}\n`),
  };
  await runTeardown(plan, steps, a.values['dry-run'] === true);
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`pnpm teardown: ${err instanceof ExportFailed ? err.message : (err.stack ?? String(err))}\n`);
    process.exit(1);
  });
}
