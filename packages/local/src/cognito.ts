// The stack's Cognito user pools and their groups, made in moto (which emulates the user-pool API) from
// the template like every other resource. moto makes its own pool ids, so a pool is made first and
// the stack is planned with that id: functions' LIAISON_USER_POOL_ID and the authorizer's issuer name
// the pool that exists. A pool is found again by its (prefixed) name, so a copy survives a restart.
//
// What moto does not do (so the local stack does not either): it sends no invitation email (the
// outbox shows none), it ignores email MFA settings (AdminGetUser shows no EMAIL_OTP), and it keeps
// no feature plan. Local tokens still come from the local issuer (POST /_local/tokens), not from moto.
import {
  CognitoIdentityProviderClient,
  CreateGroupCommand,
  CreateUserPoolCommand,
  DeleteUserPoolCommand,
  GroupExistsException,
  ListUserPoolsCommand,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import type { Endpoints } from './emulators';
import { LOCAL_CREDENTIALS } from './local-env';
import { fitName } from './naming';
import { planStack, type StackPlan, type StackPlanOptions } from './stack';
import type { CfnTemplate } from './template';

export interface ProvisionedUserPool {
  /** moto's id, e.g. `ap-southeast-3_0f3c…`. */
  id: string;
  name: string;
  arn: string;
  groups: string[];
}

/** Properties of AWS::Cognito::UserPool that CreateUserPool takes under the same name (moto keeps them). */
const POOL_PROPERTIES = [
  'Policies',
  'Schema',
  'AliasAttributes',
  'UsernameAttributes',
  'AutoVerifiedAttributes',
  'MfaConfiguration',
  'AdminCreateUserConfig',
  'UsernameConfiguration',
  'AccountRecoverySetting',
  'EmailConfiguration',
  'VerificationMessageTemplate',
  'UserPoolTier',
] as const;

export function cognitoClient(endpoints: Pick<Endpoints, 'aws'>, region: string): CognitoIdentityProviderClient {
  return new CognitoIdentityProviderClient({ region, credentials: LOCAL_CREDENTIALS, endpoint: endpoints.aws, maxAttempts: 3 });
}

/** The local name of a pool: the template's UserPoolName (or logical id) behind the copy's prefix. */
export function localPoolName(prefix: string, name: string): string {
  return fitName(`${prefix}${name}`, 128);
}

/** The pool called `name` in moto, or null. */
export async function findUserPool(client: CognitoIdentityProviderClient, name: string): Promise<{ id: string; name: string } | null> {
  let token: string | undefined;
  do {
    const page = await client.send(new ListUserPoolsCommand({ MaxResults: 60, NextToken: token }));
    const hit = page.UserPools?.find((p) => p.Name === name);
    if (hit?.Id) return { id: hit.Id, name };
    token = page.NextToken;
  } while (token);
  return null;
}

interface PoolsOfPlan {
  /** Logical id → local pool name and its creation input. */
  pools: Map<string, { name: string; input: CreateUserPoolCommandInput }>;
  /** Groups: pool logical id → group properties. */
  groups: Map<string, { GroupName: string; Description?: string; Precedence?: number }[]>;
}

function poolsOf(plan: StackPlan): PoolsOfPlan {
  const pools: PoolsOfPlan['pools'] = new Map();
  const groups: PoolsOfPlan['groups'] = new Map();
  const refToPool = new Map<string, string>();
  for (const [id, r] of Object.entries(plan.template.Resources)) {
    if (r.Type !== 'AWS::Cognito::UserPool' || !plan.resolver.exists(id)) continue;
    const p = (plan.resolver.resolve(r.Properties ?? {}, id) ?? {}) as Record<string, unknown>;
    const name = localPoolName(plan.prefix, typeof p.UserPoolName === 'string' ? p.UserPoolName : id);
    const input: Record<string, unknown> = { PoolName: name };
    for (const key of POOL_PROPERTIES) if (p[key] !== undefined) input[key] = p[key];
    pools.set(id, { name, input: input as unknown as CreateUserPoolCommandInput });
    refToPool.set(plan.resolver.resolveString({ Ref: id }, id), id);
  }
  for (const [id, r] of Object.entries(plan.template.Resources)) {
    if (r.Type !== 'AWS::Cognito::UserPoolGroup' || !plan.resolver.exists(id)) continue;
    const p = (plan.resolver.resolve(r.Properties ?? {}, id) ?? {}) as Record<string, unknown>;
    const pool = refToPool.get(String(p.UserPoolId));
    if (!pool) throw new Error(`${id}: a group of ${String(p.UserPoolId)}, which is not a user pool of this stack`);
    const group = { GroupName: String(p.GroupName ?? id), ...(typeof p.Description === 'string' ? { Description: p.Description } : {}), ...(p.Precedence !== undefined ? { Precedence: Number(p.Precedence) } : {}) };
    groups.set(pool, [...(groups.get(pool) ?? []), group]);
  }
  return { pools, groups };
}

/**
 * Makes (or finds) every user pool of the stack in moto, with its groups; `fresh` drops a pool found
 * by name and makes it again (empty, with a new id). Answers the pools by logical id.
 */
export async function ensureUserPools(plan: StackPlan, endpoints: Pick<Endpoints, 'aws'>, opts: { fresh: boolean }): Promise<Record<string, ProvisionedUserPool>> {
  const { pools, groups } = poolsOf(plan);
  if (pools.size === 0) return {};
  const client = cognitoClient(endpoints, plan.region);
  try {
    const out: Record<string, ProvisionedUserPool> = {};
    for (const [logicalId, { name, input }] of pools) {
      let found = await findUserPool(client, name);
      if (found && opts.fresh) {
        await client.send(new DeleteUserPoolCommand({ UserPoolId: found.id }));
        found = null;
      }
      const id = found?.id ?? (await client.send(new CreateUserPoolCommand(input))).UserPool?.Id;
      if (!id) throw new Error(`${logicalId}: moto made no user pool ${name}`);
      const made: string[] = [];
      for (const group of groups.get(logicalId) ?? []) {
        try {
          await client.send(new CreateGroupCommand({ UserPoolId: id, ...group }));
        } catch (err) {
          if (!(err instanceof GroupExistsException)) throw err;
        }
        made.push(group.GroupName);
      }
      out[logicalId] = { id, name, arn: `arn:aws:cognito-idp:${plan.region}:${plan.accountId}:userpool/${id}`, groups: made };
    }
    return out;
  } finally {
    client.destroy();
  }
}

/**
 * Plans the stack with its user pools made first: the plan's references to a pool (environment,
 * issuer) name the pool moto made. Use this plan for provisionPlan and the functions.
 */
export async function planWithUserPools(
  template: CfnTemplate,
  options: StackPlanOptions,
  endpoints: Pick<Endpoints, 'aws'>,
  opts: { fresh: boolean },
): Promise<{ plan: StackPlan; userPools: Record<string, ProvisionedUserPool> }> {
  const draft = planStack(template, options);
  const userPools = await ensureUserPools(draft, endpoints, opts);
  if (Object.keys(userPools).length === 0) return { plan: draft, userPools };
  const plan = planStack(template, { ...options, userPoolIds: Object.fromEntries(Object.entries(userPools).map(([id, p]) => [id, p.id])) });
  return { plan, userPools };
}

/** The plan's pools as they are in moto; a pool whose id differs from the plan's was planned without planWithUserPools. */
export async function checkUserPools(plan: StackPlan, endpoints: Pick<Endpoints, 'aws'>): Promise<Record<string, ProvisionedUserPool>> {
  const pools = await ensureUserPools(plan, endpoints, { fresh: false });
  for (const [logicalId, pool] of Object.entries(pools)) {
    const planned = plan.resolver.resolveString({ Ref: logicalId }, logicalId);
    if (planned !== pool.id) throw new Error(`${logicalId}: the plan names user pool ${planned}, but moto's ${pool.name} is ${pool.id}: plan the stack with planWithUserPools`);
  }
  return pools;
}

/**
 * The table and user pool of a running local copy, found in the emulators by its prefix (for admin
 * tools such as `pnpm accounts sync --local`, without synthesizing the stack again): the one table
 * named `<prefix>Table<hash>` (the stack's table, construct id `Table`) and the pool `<prefix><poolName>`.
 */
export async function findLocalCopy(endpoints: Endpoints, region: string, prefix: string, poolName: string): Promise<{ tableName: string; userPoolId: string }> {
  const dynamodb = new DynamoDBClient({ region, credentials: LOCAL_CREDENTIALS, endpoint: endpoints.dynamodb, maxAttempts: 3 });
  const cognito = cognitoClient(endpoints, region);
  try {
    const tables: string[] = [];
    let start: string | undefined;
    do {
      const page = await dynamodb.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
      tables.push(...(page.TableNames ?? []).filter((t) => t.startsWith(prefix) && /^Table[0-9A-F]{8}$/.test(t.slice(prefix.length))));
      start = page.LastEvaluatedTableName;
    } while (start);
    if (tables.length !== 1) throw new Error(`${tables.length === 0 ? 'no' : 'more than one'} table of a local copy with prefix ${prefix} at ${endpoints.dynamodb}${tables.length ? `: ${tables.join(', ')}` : ''}`);
    const name = localPoolName(prefix, poolName);
    const pool = await findUserPool(cognito, name);
    if (!pool) throw new Error(`no user pool ${name} at ${endpoints.aws}`);
    return { tableName: tables[0]!, userPoolId: pool.id };
  } finally {
    dynamodb.destroy();
    cognito.destroy();
  }
}
