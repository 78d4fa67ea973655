// One local copy of the stack, planned from its template: names for everything, the resolver that
// turns references into them, and the functions, routes, consumers and schedules to run.
import path from 'node:path';
import { LOCAL_ACCOUNT_ID, LOCAL_REGION } from './aws';
import type { Endpoints } from './emulators';
import { readStack, unionEnvironment, type StackModel } from './model';
import { localResolver } from './naming';
import type { CfnTemplate, TemplateResolver } from './template';

/** The repository root: handler entries in the template are relative to it. */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface StackPlanOptions {
  /** Put before every name, so that copies of the stack do not meet, e.g. `int-w1-`. */
  prefix: string;
  /** e.g. `Liaison-jakarta-summit-2027-dev`; `AWS::StackName` resolves to it. */
  stackName?: string;
  region?: string;
  accountId?: string;
  endpoints?: Partial<Endpoints>;
  /** The local API's base URL, for the HTTP API's `ApiEndpoint`. */
  apiUrl?: string;
  /** Ids of the user pools that moto made, by logical id (cognito.ts, planWithUserPools). */
  userPoolIds?: Readonly<Record<string, string>>;
  repoRoot?: string;
}

export interface StackPlan {
  template: CfnTemplate;
  prefix: string;
  stackName: string;
  region: string;
  accountId: string;
  resolver: TemplateResolver;
  model: StackModel;
  /** The union of every function's resolved environment variables. */
  functionEnvironment: Record<string, string>;
}

export function planStack(template: CfnTemplate, options: StackPlanOptions): StackPlan {
  const region = options.region ?? LOCAL_REGION;
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const stackName = options.stackName ?? `${options.prefix.replace(/-+$/, '') || 'Liaison'}-local`;
  const resolver = localResolver(template, {
    prefix: options.prefix,
    region,
    accountId,
    stackName,
    ...(options.endpoints?.aws ? { awsEndpoint: options.endpoints.aws } : {}),
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    ...(options.userPoolIds ? { userPoolIds: options.userPoolIds } : {}),
  });
  const model = readStack(resolver, options.repoRoot ?? REPO_ROOT);
  return {
    template,
    prefix: options.prefix,
    stackName,
    region,
    accountId,
    resolver,
    model,
    functionEnvironment: unionEnvironment(model.functions.values()),
  };
}
