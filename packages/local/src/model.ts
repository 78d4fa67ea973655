// Reads what the local runtime serves out of the template: the functions (from the metadata infra
// writes on them), the HTTP API's routes, integrations and JWT authorizers, the queue event source
// mappings and the schedules. Nothing here is listed by hand.
import path from 'node:path';
import { STACK_METADATA, type FunctionKind } from '@liaison/kit/stack-metadata';
import { TemplateError, type CfnResource, type TemplateResolver } from './template';

export interface FunctionModel {
  logicalId: string;
  /** The local function name (what `Ref` gives). */
  name: string;
  arn: string;
  /** Absolute path of the handler module. */
  entry: string;
  handler: string;
  kind: FunctionKind | string;
  service: string;
  /** `liaison:name` of consumer and schedule functions. */
  localName: string | undefined;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
}

export interface AuthorizerModel {
  logicalId: string;
  id: string;
  type: 'JWT';
  issuer: string;
  audience: string[];
  /** e.g. `$request.header.Authorization`. */
  identitySource: string[];
}

export interface RouteModel {
  logicalId: string;
  apiId: string;
  routeKey: string;
  function: string; // logical id
  authorizer: AuthorizerModel | null;
  scopes: string[];
}

export interface CorsModel {
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  allowCredentials: boolean;
  maxAge: number | undefined;
}

export interface ApiModel {
  logicalId: string;
  id: string;
  cors: CorsModel | null;
}

export interface ConsumerModel {
  logicalId: string;
  queueArn: string;
  function: string; // logical id
  batchSize: number;
  maxBatchingWindowSeconds: number;
  reportBatchItemFailures: boolean;
  enabled: boolean;
  /** ScalingConfig.MaximumConcurrency: batches of this queue at once, at most. */
  maxConcurrency?: number;
}

export interface ScheduleModel {
  /** `liaison:name` of the rule, else of its function, else the rule's logical id. */
  name: string;
  logicalId: string;
  ruleArn: string;
  expression: string;
  function: string; // logical id
  /** The constant input the rule passes instead of the scheduled event, if any. */
  input: unknown;
  enabled: boolean;
}

export interface StackModel {
  functions: Map<string, FunctionModel>;
  apis: ApiModel[];
  routes: RouteModel[];
  consumers: ConsumerModel[];
  schedules: ScheduleModel[];
}

const DEFAULT_TIMEOUT_SECONDS = 3;
const DEFAULT_MEMORY_MB = 128;

function strings(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  return (Array.isArray(value) ? value : [value]).map(String);
}

function entries(resolver: TemplateResolver, type: string): [string, CfnResource][] {
  return Object.entries(resolver.template.Resources).filter(([id, r]) => r.Type === type && resolver.exists(id));
}

function props(resolver: TemplateResolver, logicalId: string): Record<string, unknown> {
  const resource = resolver.template.Resources[logicalId]!;
  return (resolver.resolve(resource.Properties ?? {}, logicalId) ?? {}) as Record<string, unknown>;
}

/** `arn:aws:lambda:r:a:function:name[:qualifier]`, also inside an API Gateway invocation URI. */
function functionNameInArn(value: string): string | null {
  const m = /arn:[\w-]+:lambda:[\w-]*:\d*:function:([\w-]+)/.exec(value);
  return m ? m[1]! : null;
}

export function readStack(resolver: TemplateResolver, repoRoot: string): StackModel {
  const functions = readFunctions(resolver, repoRoot);
  const byName = new Map<string, string>();
  for (const fn of functions.values()) {
    byName.set(fn.name, fn.logicalId);
    byName.set(fn.arn, fn.logicalId);
  }
  const functionFor = (value: string, where: string): string => {
    const id = byName.get(value) ?? byName.get(functionNameInArn(value) ?? '');
    if (!id) throw new TemplateError(`${where}: ${value} is not a function with ${STACK_METADATA.entry} metadata`);
    return id;
  };
  const { apis, routes } = readApi(resolver, functionFor);
  return { functions, apis, routes, consumers: readConsumers(resolver, functionFor), schedules: readSchedules(resolver, functions, functionFor) };
}

function readFunctions(resolver: TemplateResolver, repoRoot: string): Map<string, FunctionModel> {
  const out = new Map<string, FunctionModel>();
  for (const [logicalId, resource] of entries(resolver, 'AWS::Lambda::Function')) {
    const meta = resource.Metadata ?? {};
    const entry = meta[STACK_METADATA.entry];
    // Functions CDK adds for itself (custom resources, log retention) carry no entry: not ours to run.
    if (typeof entry !== 'string') continue;
    const p = props(resolver, logicalId);
    const env = ((p.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
    out.set(logicalId, {
      logicalId,
      name: resolver.resolveString({ Ref: logicalId }, logicalId),
      arn: resolver.resolveString({ 'Fn::GetAtt': [logicalId, 'Arn'] }, logicalId),
      entry: path.isAbsolute(entry) ? entry : path.join(repoRoot, entry),
      handler: typeof meta[STACK_METADATA.handler] === 'string' ? (meta[STACK_METADATA.handler] as string) : 'handler',
      kind: String(meta[STACK_METADATA.kind] ?? 'http'),
      service: String(meta[STACK_METADATA.service] ?? ''),
      localName: typeof meta[STACK_METADATA.name] === 'string' ? (meta[STACK_METADATA.name] as string) : undefined,
      timeoutSeconds: Number(p.Timeout ?? DEFAULT_TIMEOUT_SECONDS),
      memoryMb: Number(p.MemorySize ?? DEFAULT_MEMORY_MB),
      environment: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)])),
    });
  }
  return out;
}

function readApi(resolver: TemplateResolver, functionFor: (v: string, where: string) => string): { apis: ApiModel[]; routes: RouteModel[] } {
  const apis: ApiModel[] = [];
  for (const [logicalId] of entries(resolver, 'AWS::ApiGatewayV2::Api')) {
    const p = props(resolver, logicalId);
    if (p.ProtocolType !== undefined && p.ProtocolType !== 'HTTP') continue;
    const cors = p.CorsConfiguration as Record<string, unknown> | undefined;
    apis.push({
      logicalId,
      id: resolver.resolveString({ Ref: logicalId }, logicalId),
      cors: cors
        ? {
            allowOrigins: strings(cors.AllowOrigins),
            allowMethods: strings(cors.AllowMethods).map((m) => m.toUpperCase()),
            allowHeaders: strings(cors.AllowHeaders).map((h) => h.toLowerCase()),
            exposeHeaders: strings(cors.ExposeHeaders).map((h) => h.toLowerCase()),
            allowCredentials: cors.AllowCredentials === true,
            maxAge: cors.MaxAge === undefined ? undefined : Number(cors.MaxAge),
          }
        : null,
    });
  }
  const apiIds = new Set(apis.map((a) => a.id));

  const integrations = new Map<string, string>(); // integration id -> function logical id
  for (const [logicalId] of entries(resolver, 'AWS::ApiGatewayV2::Integration')) {
    const p = props(resolver, logicalId);
    if (p.IntegrationType !== 'AWS_PROXY') continue;
    if (p.PayloadFormatVersion !== undefined && String(p.PayloadFormatVersion) !== '2.0') {
      throw new TemplateError(`${logicalId}: payload format ${String(p.PayloadFormatVersion)} is not served locally (only 2.0)`);
    }
    integrations.set(resolver.resolveString({ Ref: logicalId }, logicalId), functionFor(String(p.IntegrationUri), `${logicalId}.IntegrationUri`));
  }

  const authorizers = new Map<string, AuthorizerModel>();
  for (const [logicalId] of entries(resolver, 'AWS::ApiGatewayV2::Authorizer')) {
    const p = props(resolver, logicalId);
    if (p.AuthorizerType !== 'JWT') continue;
    const jwt = (p.JwtConfiguration ?? {}) as { Issuer?: unknown; Audience?: unknown };
    const id = resolver.resolveString({ Ref: logicalId }, logicalId);
    authorizers.set(id, { logicalId, id, type: 'JWT', issuer: String(jwt.Issuer ?? ''), audience: strings(jwt.Audience), identitySource: strings(p.IdentitySource) });
  }

  const routes: RouteModel[] = [];
  for (const [logicalId] of entries(resolver, 'AWS::ApiGatewayV2::Route')) {
    const p = props(resolver, logicalId);
    const apiId = String(p.ApiId);
    if (!apiIds.has(apiId)) continue;
    const target = String(p.Target ?? '');
    const integration = integrations.get(target.replace(/^integrations\//, ''));
    if (!integration) throw new TemplateError(`${logicalId} (${String(p.RouteKey)}): target ${target} is not a Lambda proxy integration`);
    const type = String(p.AuthorizationType ?? 'NONE');
    let authorizer: AuthorizerModel | null = null;
    if (type === 'JWT') {
      authorizer = authorizers.get(String(p.AuthorizerId)) ?? null;
      if (!authorizer) throw new TemplateError(`${logicalId}: JWT authorizer ${String(p.AuthorizerId)} not found`);
    } else if (type !== 'NONE') {
      throw new TemplateError(`${logicalId}: authorization type ${type} is not served locally`);
    }
    routes.push({ logicalId, apiId, routeKey: String(p.RouteKey), function: integration, authorizer, scopes: strings(p.AuthorizationScopes) });
  }
  return { apis, routes };
}

function readConsumers(resolver: TemplateResolver, functionFor: (v: string, where: string) => string): ConsumerModel[] {
  const out: ConsumerModel[] = [];
  for (const [logicalId] of entries(resolver, 'AWS::Lambda::EventSourceMapping')) {
    const p = props(resolver, logicalId);
    const source = String(p.EventSourceArn ?? '');
    if (!/^arn:[\w-]+:sqs:/.test(source)) continue; // streams, Kafka...: not emulated
    out.push({
      logicalId,
      queueArn: source,
      function: functionFor(String(p.FunctionName), `${logicalId}.FunctionName`),
      batchSize: Number(p.BatchSize ?? 10),
      maxBatchingWindowSeconds: Number(p.MaximumBatchingWindowInSeconds ?? 0),
      reportBatchItemFailures: strings(p.FunctionResponseTypes).includes('ReportBatchItemFailures'),
      enabled: p.Enabled !== false && p.Enabled !== 'false',
      ...((p.ScalingConfig as { MaximumConcurrency?: unknown } | undefined)?.MaximumConcurrency !== undefined
        ? { maxConcurrency: Number((p.ScalingConfig as { MaximumConcurrency: unknown }).MaximumConcurrency) }
        : {}),
    });
  }
  return out;
}

function readSchedules(
  resolver: TemplateResolver,
  functions: Map<string, FunctionModel>,
  functionFor: (v: string, where: string) => string,
): ScheduleModel[] {
  const out: ScheduleModel[] = [];
  const add = (logicalId: string, expression: unknown, targetArn: unknown, input: unknown, enabled: boolean) => {
    if (typeof expression !== 'string') return;
    const fn = functionFor(String(targetArn), `${logicalId}.Targets`);
    const meta = resolver.template.Resources[logicalId]!.Metadata ?? {};
    const name = (meta[STACK_METADATA.name] as string | undefined) ?? functions.get(fn)?.localName ?? logicalId;
    out.push({
      name,
      logicalId,
      ruleArn: resolver.resolveString({ 'Fn::GetAtt': [logicalId, 'Arn'] }, logicalId),
      expression,
      function: fn,
      input: typeof input === 'string' ? JSON.parse(input) : undefined,
      enabled,
    });
  };
  for (const [logicalId] of entries(resolver, 'AWS::Events::Rule')) {
    const p = props(resolver, logicalId);
    const targets = (p.Targets ?? []) as { Arn?: unknown; Input?: unknown }[];
    for (const target of targets) {
      if (!String(target.Arn).includes(':lambda:')) continue;
      add(logicalId, p.ScheduleExpression, target.Arn, target.Input, p.State !== 'DISABLED');
    }
  }
  for (const [logicalId] of entries(resolver, 'AWS::Scheduler::Schedule')) {
    const p = props(resolver, logicalId);
    const target = (p.Target ?? {}) as { Arn?: unknown; Input?: unknown };
    if (!String(target.Arn).includes(':lambda:')) continue;
    add(logicalId, p.ScheduleExpression, target.Arn, target.Input, p.State !== 'DISABLED');
  }
  const seen = new Set<string>();
  for (const s of out) {
    if (seen.has(s.name)) throw new TemplateError(`two schedules are named ${s.name}`);
    seen.add(s.name);
  }
  return out;
}

/**
 * The one environment that all functions share in one process: the union of their variables.
 * Two functions giving one name different values cannot share a process, so that is an error.
 */
export function unionEnvironment(functions: Iterable<FunctionModel>): Record<string, string> {
  const out: Record<string, string> = {};
  const from: Record<string, string> = {};
  const clashes: string[] = [];
  for (const fn of functions) {
    for (const [name, value] of Object.entries(fn.environment)) {
      if (name in out && out[name] !== value) {
        clashes.push(`${name}: ${from[name]} sets ${JSON.stringify(out[name])} but ${fn.logicalId} sets ${JSON.stringify(value)}`);
        continue;
      }
      out[name] = value;
      from[name] ??= fn.logicalId;
    }
  }
  if (clashes.length > 0) {
    throw new TemplateError(`functions disagree on environment variables, so they cannot run in one process:\n  ${clashes.join('\n  ')}`);
  }
  return out;
}
