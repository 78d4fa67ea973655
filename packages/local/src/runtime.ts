// The local runtime: emulators, the stack provisioned from its template, every function loaded in
// this process, the HTTP API, the queue pollers, the schedules and the outbox, started together.
import type { AddressInfo } from 'node:net';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { ENV } from '@liaison/kit/config';
import { awsEnvironment, localClients, type LocalClients } from './aws';
import { checkTools, endpointsFromEnv, startEmulators, type Endpoints } from './emulators';
import { allowRequireOfImportOnlyPackages } from './esm-interop';
import { createGateway, type GatewayState } from './gateway';
import { RouteMatcher } from './http/match';
import { createLocalIssuer } from './jwt';
import { loadFunctions } from './lambda';
import { Outbox } from './outbox';
import { QueuePoller } from './poller';
import { provisionPlan, type ProvisionedStack } from './provision';
import { Scheduler } from './schedules';
import { planStack } from './stack';
import type { CfnTemplate } from './template';
import { DEFAULT_EVENT, loadTemplate, stackNameFor } from './template-source';

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

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const started = Date.now();
  const log = options.log ?? ((line: string) => console.log(line));
  const logError = options.logError ?? ((text: string) => void process.stderr.write(`${text}\n`));
  const event = options.event ?? process.env.LIAISON_EVENT ?? DEFAULT_EVENT;
  const stage = options.stage ?? 'dev';
  const prefix = options.prefix ?? process.env.LIAISON_LOCAL_PREFIX ?? `${event}-`;
  const host = options.host ?? process.env.LIAISON_HOST ?? '127.0.0.1';
  const userLogLevel = process.env[ENV.logLevel];
  const timings: Record<string, number> = {};
  const timed = async <T>(what: string, work: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await work();
    } finally {
      timings[what] = Date.now() - t0;
    }
  };

  const state: GatewayState = {
    api: null,
    local: { isReady: () => state.api !== null, issuer: null, scheduler: null, outbox: null, dynamodb: null, tableName: null },
    port: 0,
    log,
    logError,
  };
  const server = createGateway(state);
  const stops: (() => Promise<void> | void)[] = [];
  const stop = async () => {
    state.api = null;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const s of stops.reverse()) await s();
  };

  try {
    // Listen first, so that /_local/health can say "starting" while the rest comes up.
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(err.code === 'EADDRINUSE' ? new PortInUseError(`port ${options.port ?? process.env.PORT ?? 3000} is in use; set PORT to another one`) : err),
      );
      server.listen(options.port ?? Number(process.env.PORT ?? 3000), host, () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    state.port = port;
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

    // Missing tools fail at once, not after synthesis.
    const given = { ...endpointsFromEnv(), ...options.endpoints };
    checkTools({ dynamodb: !given.dynamodb, aws: !given.aws });
    // Emulators (a JVM) and synthesis (CDK) are the slow parts: do them at once.
    const [emulatorsResult, templateResult] = await Promise.allSettled([
      timed('emulators', () => startEmulators(options.endpoints ? { endpoints: options.endpoints } : {})),
      options.template ?? timed('template', () => loadTemplate({ event, stage })),
    ]);
    if (emulatorsResult.status === 'fulfilled') stops.push(() => emulatorsResult.value.stop());
    if (emulatorsResult.status === 'rejected') throw emulatorsResult.reason;
    if (templateResult.status === 'rejected') throw templateResult.reason;
    const { endpoints } = emulatorsResult.value;
    const template = templateResult.value;

    const plan = planStack(template, {
      prefix,
      stackName: stackNameFor({ event, stage }),
      endpoints,
      apiUrl: `http://localhost:${port}`,
      ...(options.repoRoot ? { repoRoot: options.repoRoot } : {}),
    });
    // Before any handler module is imported: they read their settings at module scope.
    const restoreEnv = applyEnvironment({
      ...plan.functionEnvironment,
      ...awsEnvironment(endpoints, plan.region),
      [ENV.logLevel]: userLogLevel ?? 'warn',
    });
    stops.push(restoreEnv);

    const stack = await timed('provision', () => provisionPlan(plan, endpoints, { fresh: options.fresh ?? process.env.LIAISON_LOCAL_FRESH === '1' }, (note) => log(`  ${note}`)));
    allowRequireOfImportOnlyPackages();
    const functions = await timed('functions', () => loadFunctions(plan.model.functions.values()));

    const clients: LocalClients = localClients(endpoints, plan.region);
    stops.push(() => clients.destroy());

    const firstAuthorizer = plan.model.routes.find((r) => r.authorizer)?.authorizer;
    const issuer = await createLocalIssuer(firstAuthorizer?.issuer ?? `http://localhost:${port}/local-issuer`, firstAuthorizer?.audience[0] ?? 'local');

    const pollers: QueuePoller[] = [];
    for (const consumer of plan.model.consumers.filter((c) => c.enabled)) {
      const queue = Object.values(stack.queues).find((q) => q.arn === consumer.queueArn)!;
      await clients.sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['QueueArn'] }));
      const poller = new QueuePoller({ sqs: clients.sqs, consumer, fn: functions.get(consumer.function)!, queueUrl: queue.url, queueName: queue.name, region: plan.region, log, logError });
      poller.start();
      pollers.push(poller);
    }
    stops.push(() => Promise.all(pollers.map((p) => p.stop())).then(() => undefined));

    const scheduler = new Scheduler(plan.model.schedules, functions, { region: plan.region, accountId: plan.accountId }, log, logError);
    if (options.timers !== false) scheduler.start();
    stops.push(() => scheduler.stop());

    const outbox = new Outbox(endpoints.aws);
    outbox.start();
    stops.push(() => outbox.stop());

    const tableName = plan.functionEnvironment[ENV.tableName] ?? Object.values(stack.tables)[0]?.name ?? null;
    state.local = { ...state.local, issuer, scheduler, outbox, dynamodb: clients.dynamodb, tableName };
    state.api = {
      matcher: new RouteMatcher(plan.model.routes.map((r) => ({ routeKey: r.routeKey, value: r }))),
      apis: plan.model.apis,
      functions,
      accountId: plan.accountId,
      verifyKey: issuer.publicKey,
    };

    log(
      `Liaison local: ${plan.stackName} ready in ${Date.now() - started} ms at http://localhost:${port} — ` +
        `${plan.model.routes.length} routes, ${pollers.length} queue consumers, ${plan.model.schedules.length} schedules, ${functions.size} functions`,
    );
    log(`  DynamoDB ${endpoints.dynamodb} · SNS/SQS/SES ${endpoints.aws} · prefix ${prefix}`);
    log(`  start-up: ${Object.entries(timings).map(([k, ms]) => `${k} ${ms} ms`).join(', ')}`);
    return { url, port, endpoints, stack, auth: { issuer: issuer.issuer, audience: issuer.audience }, stop };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
