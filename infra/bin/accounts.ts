// `pnpm accounts sync -c event=<slug> [--stage dev|prod] [--local]`: gives every organiser and LO of
// the directory their sign-in account (created, or kept and brought in line: group, enabled, email MFA)
// and disables every account whose person is gone or may no longer sign in, printing each.
// Deployed: the table and user pool are the stack's outputs TableName and UserPoolId (read with the AWS
// CLI and the ops engineer's credentials; --table and --user-pool give them by hand). --local: the copy
// that `pnpm dev` serves, in the emulators named by LIAISON_DYNAMODB_ENDPOINT and LIAISON_AWS_ENDPOINT
// (or --dynamodb-endpoint, --aws-endpoint), with its prefix (LIAISON_LOCAL_PREFIX, default `<event>-`).
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { SyncReport } from '@liaison/directory/accounts/sync';
// infra cannot depend on @liaison/local (which depends on infra): its two helpers by path.
import { findLocalCopy } from '../../packages/local/src/cognito';
import { awsEnvironment, LOCAL_REGION } from '../../packages/local/src/local-env';
import { loadEventSettings } from '../src/settings';
import { readArgs, stackNameOf, stackOutputs } from './export';

export class SyncFailed extends Error {}

export interface SyncTarget {
  tableName: string;
  userPoolId: string;
  /** Environment for the SDK clients (the emulators' endpoints when local). */
  env: Record<string, string>;
}

/** The local copy's table and pool, found in the emulators by the copy's prefix (`pnpm dev` names them so). */
export async function localTarget(event: string, stage: string, endpoints: { dynamodb: string; aws: string }, prefix: string): Promise<SyncTarget> {
  try {
    // The pool's name as infra/src/event-stack.ts gives it.
    const found = await findLocalCopy(endpoints, LOCAL_REGION, prefix, `liaison-${event}-${stage}`);
    return { ...found, env: awsEnvironment(endpoints, LOCAL_REGION) };
  } catch (err) {
    throw new SyncFailed(`${(err as Error).message}: is \`pnpm dev\` running on these emulators with prefix ${prefix}?`);
  }
}

export function deployedTarget(event: string, stage: string, given: { table?: string; userPool?: string }): SyncTarget {
  const outputs = given.table && given.userPool ? {} : stackOutputs(stackNameOf(event, stage));
  const tableName = given.table ?? outputs.TableName;
  const userPoolId = given.userPool ?? outputs.UserPoolId;
  if (!tableName || !userPoolId) throw new SyncFailed(`the stack ${stackNameOf(event, stage)} has no TableName or UserPoolId output`);
  return { tableName, userPoolId, env: {} };
}

/** Runs the sync against `target`; the directory's modules are loaded after the environment is set (their clients read it). */
export async function runSync(target: SyncTarget, guestAccounts: boolean, print: (line: string) => void = console.log): Promise<SyncReport> {
  Object.assign(process.env, target.env);
  const { syncAccounts } = await import('@liaison/directory/accounts/sync');
  const { AccountPool } = await import('@liaison/directory/accounts/pool');
  const client = new CognitoIdentityProviderClient({ maxAttempts: 8 });
  try {
    return await syncAccounts({
      tableName: target.tableName,
      pool: new AccountPool(target.userPoolId, client),
      guestAccounts,
      line: (kind, personId, detail) => print(`${kind.padEnd(8)} ${personId}${detail ? `  (${detail})` : ''}`),
    });
  } finally {
    client.destroy();
  }
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'sync') {
    console.error('usage: pnpm accounts sync -c event=<slug> [--stage dev|prod] [--local] [--table <name> --user-pool <id>]');
    return 2;
  }
  const a = readArgs(rest, {
    stage: { type: 'string' },
    local: { type: 'boolean' },
    table: { type: 'string' },
    'user-pool': { type: 'string' },
    'dynamodb-endpoint': { type: 'string' },
    'aws-endpoint': { type: 'string' },
    prefix: { type: 'string' },
  });
  const settings = loadEventSettings(a.event);
  const str = (k: string) => (typeof a.values[k] === 'string' ? (a.values[k] as string) : undefined);
  let target: SyncTarget;
  if (a.values.local) {
    const dynamodb = str('dynamodb-endpoint') ?? process.env.LIAISON_DYNAMODB_ENDPOINT;
    const aws = str('aws-endpoint') ?? process.env.LIAISON_AWS_ENDPOINT;
    if (!dynamodb || !aws) throw new SyncFailed('--local needs the emulators `pnpm dev` uses: LIAISON_DYNAMODB_ENDPOINT and LIAISON_AWS_ENDPOINT (or --dynamodb-endpoint, --aws-endpoint; its start-up line names them)');
    target = await localTarget(a.event, a.stage, { dynamodb, aws }, str('prefix') ?? process.env.LIAISON_LOCAL_PREFIX ?? `${a.event}-`);
  } else {
    target = deployedTarget(a.event, a.stage, { table: str('table'), userPool: str('user-pool') });
  }
  console.log(`Accounts of ${settings.name} (${a.stage}${a.values.local ? ', local' : ''}): table ${target.tableName}, user pool ${target.userPoolId}; guest accounts ${settings.guestAccounts ? 'on' : 'off'}`);
  const report = await runSync(target, settings.guestAccounts);
  console.log(`${report.created.length} created, ${report.kept.length} kept, ${report.disabled.length} disabled${report.skipped.length ? `, ${report.skipped.length} skipped (no account possible: see above)` : ''}`);
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (err: Error) => {
      console.error(`accounts sync failed: ${err instanceof SyncFailed || err.name === 'ExportFailed' || err.name === 'SettingsError' ? err.message : (err.stack ?? err.message)}`);
      process.exit(1);
    },
  );
}
