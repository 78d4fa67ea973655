// The local runtime: emulators, the stack provisioned from its template, every function loaded in
// this process, the HTTP API, the queue pollers, the schedules and the outbox, started together.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ENV } from '@liaison/kit/config';
import { awsEnvironment, localClients, type LocalClients } from './aws';
import { checkTools, endpointsFromEnv, startEmulators, type Endpoints } from './emulators';
import { allowRequireOfImportOnlyPackages } from './esm-interop';
import { createGateway, type GatewayState, type ServedApi } from './gateway';
import { RouteMatcher } from '@liaison/kit/http/route-match';
import { createLocalIssuer, type LocalIssuer } from './jwt';
import { loadFunctions, type LocalFunction } from './lambda';
import type { LocalRouteDeps } from './local-routes';
import { SentMessages } from './sent-messages';
import { QueuePoller } from './poller';
import { provisionPlan, type ProvisionedStack } from './provision';
import { Scheduler } from './schedules';
import { planWithUserPools } from './cognito';
import type { StackPlan } from './stack';
import type { CfnTemplate } from './template';
import { DEFAULT_EVENT, loadTemplate, stackNameFor, type TemplateSource } from './template-source';

export class PortInUseError extends Error {}

export interface LocalRuntimeOptions {
  /** Default: PORT, else 3000; 0 picks a free port. */
  port?: number;
  /** Default: LIAISON_HOST, else 127.0.0.1. */
  host?: string;
  /** Emulators to use; what is missing (and not in LIAISON_*_ENDPOINT) is started. */
  endpoints?: Partial<Endpoints>;
  /** Default: LIAISON_EVENT, else jakarta-summit-2027. */
  event?: string;
  stage?: string;
  /** Serve this template instead of synthesizing one (tests). */
  template?: CfnTemplate;
  /** Name prefix of this copy; default LIAISON_LOCAL_PREFIX, else `<event>-`. */
  prefix?: string;
  /** Empty the tables and queues of this copy first; default LIAISON_LOCAL_FRESH=1. */
  fresh?: boolean;
  /** Run the schedules on their timers (on-demand runs always work). Default true. */
  timers?: boolean;
  /**
   * Pollers per queue, each taking a batch at a time, as Lambda runs several batches of one queue at once
   * (capped by the event source's maximum concurrency). Default LIAISON_LOCAL_POLLERS, else 1: one batch
   * at a time, in arrival order, which keeps what the tests see predictable. Bulk work (a 50,000-row import
   * job, its events) wants more: a queue that backs up makes every moto call on it slower.
   */
  pollersPerQueue?: number;
  repoRoot?: string;
  /** One line per request, batch, schedule run; default console.log. */
  log?: (line: string) => void;
  /** What functions threw, with stacks; default stderr. */
  logError?: (text: string) => void;
}

export interface LocalRuntime {
  /** Base URL of the API, e.g. `http://127.0.0.1:3000`. */
  url: string;
  port: number;
  endpoints: Endpoints;
  stack: ProvisionedStack;
  /** Issuer and audience of the local tokens (the template's JWT authorizer, resolved). */
  auth: { issuer: string; audience: string };
  stop(): Promise<void>;
}

/** Sets variables, remembering what was there, so that stop() can put it back. */
function applyEnvironment(vars: Record<string, string>): () => void {
  const before = new Map<string, string | undefined>();
  for (const [name, value] of Object.entries(vars)) {
    if (!before.has(name)) before.set(name, process.env[name]);
    process.env[name] = value;
  }
  return () => {
    for (const [name, value] of before) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
}

type Stop = () => Promise<void> | void;

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new PortInUseError(`port ${port} is in use; set PORT to another one`) : err));
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Emulators (a JVM) and synthesis (CDK) are the slow parts: both at once; missing tools fail first. */
async function emulatorsAndTemplate(options: LocalRuntimeOptions, source: TemplateSource, timed: Timed, stops: Stop[]): Promise<{ endpoints: Endpoints; template: CfnTemplate }> {
  const given = { ...endpointsFromEnv(), ...options.endpoints };
  checkTools({ dynamodb: !given.dynamodb, aws: !given.aws });
  const [emulators, template] = await Promise.allSettled([
    timed('emulators', () => startEmulators(options.endpoints ? { endpoints: options.endpoints } : {})),
    options.template ?? timed('template', () => loadTemplate(source)),
  ]);
  if (emulators.status === 'fulfilled') stops.push(() => emulators.value.stop());
  if (emulators.status === 'rejected') throw emulators.reason;
  if (template.status === 'rejected') throw template.reason;
  return { endpoints: emulators.value.endpoints, template: template.value };
}

interface Served {
  api: ServedApi;
  local: LocalRouteDeps;
  issuer: LocalIssuer;
  consumers: number;
}

/** Everything that serves a loaded stack: token issuer, queue pollers, schedules, outbox, routes. */
async function serve(plan: StackPlan, stack: ProvisionedStack, functions: Map<string, LocalFunction>, endpoints: Endpoints, opts: ServeOptions, stops: Stop[]): Promise<Served> {
  const clients: LocalClients = localClients(endpoints, plan.region);
  stops.push(() => clients.destroy());

  const authorizer = plan.model.routes.find((r) => r.authorizer)?.authorizer;
  const issuer = await createLocalIssuer(authorizer?.issuer ?? `http://localhost:${opts.port}/local-issuer`, authorizer?.audience[0] ?? 'local');

  const pollers: QueuePoller[] = [];
  stops.push(() => Promise.all(pollers.map((p) => p.stop())).then(() => undefined));
  for (const consumer of plan.model.consumers.filter((c) => c.enabled)) {
    const queue = Object.values(stack.queues).find((q) => q.arn === consumer.queueArn)!;
    await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn'] }));
    const fn = functions.get(consumer.function)!;
    const count = Math.min(opts.pollersPerQueue, consumer.maxConcurrency ?? Infinity);
    for (let i = 0; i < count; i++) {
      const poller = new QueuePoller({ sqs: clients.sqs, consumer, fn, queueUrl: queue.url, queueName: queue.name, region: plan.region, log: opts.log, logError: opts.logError });
      poller.start();
      pollers.push(poller);
    }
  }

  const scheduler = new Scheduler(plan.model.schedules, functions, { region: plan.region, accountId: plan.accountId }, opts.log, opts.logError);
  if (opts.timers) scheduler.start();
  stops.push(() => scheduler.stop());

  const outbox = new SentMessages(endpoints.aws);
  outbox.start();
  stops.push(() => outbox.stop());

  return {
    issuer,
    consumers: pollers.length,
    local: {
      isReady: () => true,
      issuer,
      scheduler,
      outbox,
      dynamodb: clients.dynamodb,
      tableName: plan.functionEnvironment[ENV.tableName] ?? Object.values(stack.tables)[0]?.name ?? null,
    },
    api: {
      matcher: new RouteMatcher(plan.model.routes.map((r) => ({ routeKey: r.routeKey, value: r }))),
      apis: plan.model.apis,
      functions,
      accountId: plan.accountId,
      verifyKey: issuer.publicKey,
    },
  };
}

interface ServeOptions {
  port: number;
  timers: boolean;
  pollersPerQueue: number;
  log: (line: string) => void;
  logError: (text: string) => void;
}

type Timed = <T>(what: string, work: () => Promise<T>) => Promise<T>;

function pollersPerQueue(options: LocalRuntimeOptions): number {
  const raw = options.pollersPerQueue ?? (process.env.LIAISON_LOCAL_POLLERS ? Number(process.env.LIAISON_LOCAL_POLLERS) : 1);
  if (!Number.isInteger(raw) || raw < 1 || raw > 10) throw new Error(`pollers per queue must be a whole number from 1 to 10, not ${raw} (LIAISON_LOCAL_POLLERS)`);
  return raw;
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const logError = options.logError ?? ((text: string) => void process.stderr.write(`${text}\n`));
  const source = { event: options.event ?? process.env.LIAISON_EVENT ?? DEFAULT_EVENT, stage: options.stage ?? 'dev' };
  const prefix = options.prefix ?? process.env.LIAISON_LOCAL_PREFIX ?? `${source.event}-`;
  const host = options.host ?? process.env.LIAISON_HOST ?? '127.0.0.1';
  const userLogLevel = process.env[ENV.logLevel];
  const timings: Record<string, number> = {};
  const timed: Timed = async (what, work) => {
    const t0 = Date.now();
    try {
      return await work();
    } finally {
      timings[what] = Date.now() - t0;
    }
  };

  const notReady: LocalRouteDeps = { isReady: () => false, issuer: null, scheduler: null, outbox: null, dynamodb: null, tableName: null };
  const state: GatewayState = { api: null, local: notReady, port: 0, log, logError };
  const server = createGateway(state);
  const stops: Stop[] = [];
  const stop = async () => {
    state.api = null;
    state.local = notReady;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of stops.reverse()) await s();
  };

  try {
    // Listen first, so that /_local/health can say "starting" while the rest comes up.
    const port = await listen(server, options.port ?? Number(process.env.PORT ?? 3000), host);
    state.port = port;
    const { endpoints, template } = await emulatorsAndTemplate(options, source, timed, stops);
    const fresh = options.fresh ?? process.env.LIAISON_LOCAL_FRESH === '1';
    // User pools first: moto makes their ids, and the plan (functions' environment, issuer) must name them.
    const { plan } = await planWithUserPools(
      template,
      { prefix, stackName: stackNameFor(source), endpoints, apiUrl: `http://localhost:${port}`, ...(options.repoRoot ? { repoRoot: options.repoRoot } : {}) },
      endpoints,
      { fresh },
    );
    // Before any handler module is imported: they read their settings at module scope.
    // Every function runs in this one process, so its share of the account's send rates is all of them
    // (a deployed sender gets a share sized for its reserved concurrency).
    const fnEnv = plan.functionEnvironment;
    const sendRates = {
      ...(fnEnv[ENV.smsPerSecond] ? { [ENV.smsPerProcessPerSecond]: fnEnv[ENV.smsPerSecond] } : {}),
      ...(fnEnv[ENV.emailPerSecond] ? { [ENV.emailPerProcessPerSecond]: fnEnv[ENV.emailPerSecond] } : {}),
    };
    // No CloudWatch reads metric lines here: off unless asked (LIAISON_METRICS=on).
    const metrics = { [ENV.metrics]: process.env[ENV.metrics] ?? 'off' };
    stops.push(applyEnvironment({ ...fnEnv, ...sendRates, ...metrics, ...awsEnvironment(endpoints, plan.region), [ENV.logLevel]: userLogLevel ?? 'warn' }));
    const stack = await timed('provision', () => provisionPlan(plan, endpoints, { fresh }, (note) => log(`  ${note}`)));
    allowRequireOfImportOnlyPackages();
    const functions = await timed('functions', () => loadFunctions(plan.model.functions.values()));
    const served = await serve(plan, stack, functions, endpoints, { port, timers: options.timers !== false, pollersPerQueue: pollersPerQueue(options), log, logError }, stops);
    state.local = served.local;
    state.api = served.api;

    const { routes, schedules } = plan.model;
    log(`Liaison local: ${plan.stackName} ready in ${Date.now() - started} ms at http://localhost:${port} — ${routes.length} routes, ${served.consumers} queue consumers, ${schedules.length} schedules, ${functions.size} functions`);
    log(`  DynamoDB ${endpoints.dynamodb} · SNS/SQS/SES ${endpoints.aws} · prefix ${prefix}`);
    log(`  start-up: ${Object.entries(timings).map(([k, ms]) => `${k} ${ms} ms`).join(', ')}`);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    return { url, port, endpoints, stack, auth: { issuer: served.issuer.issuer, audience: served.issuer.audience }, stop };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
