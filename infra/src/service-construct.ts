// One construct per service, built from its ServiceDefinition: the HTTP function and its routes, a
// queue + DLQ + filtered subscription + event source per consumer, a queue + DLQ + worker per work
// queue, a rule per schedule, and their alarms. Grants are per function (see bindUses).
import { Duration } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as events from 'aws-cdk-lib/aws-events';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sns from 'aws-cdk-lib/aws-sns';
import { SqsSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ENV } from '@liaison/kit/config';
import { claimPrefix } from '@liaison/kit/events/consumer';
import {
  DEFAULT_MAX_RECEIVE_COUNT,
  DEFAULT_WORK_BATCH_SIZE,
  usesOf,
  type ConsumerDefinition,
  type FunctionSource,
  type ScheduleDefinition,
  type ServiceDefinition,
  type WorkQueueDefinition,
} from '@liaison/kit/service';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { addAlarm, ONE_MINUTE } from './alarms';
import { DEFAULT_TIMEOUT_SECONDS, LiaisonFunction } from './function';
import { acknowledge } from './nag';
import { senderConcurrency, type Sizing } from './sizing';
import { bindUses, type StackResources } from './stack-resources';

export const DEFAULT_BATCH_SIZE = 10;
export { DEFAULT_MAX_RECEIVE_COUNT, DEFAULT_WORK_BATCH_SIZE };
/** AWS's advice for SQS event sources: at least six times the function timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;
export const DLQ_RETENTION = Duration.days(14);

/** `person-changes` → `PersonChanges`, `getEvent` → `GetEvent`: readable construct ids. */
export function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

export interface HttpRouteInput {
  /** Construct id suffix, e.g. the operation id. */
  id: string;
  method: apigwv2.HttpMethod;
  path: string;
  public: boolean;
  /** Why a public route is public (recorded as the cdk-nag APIG4 acknowledgment). */
  publicReason?: string;
}

/** Routes `method path` to `fn` (payload 2.0), behind the JWT authorizer unless public. */
export function addHttpRoutes(scope: Construct, fn: LiaisonFunction, routes: readonly HttpRouteInput[], shared: StackResources): apigwv2.HttpRoute[] {
  const integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn, {
    payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
    // One invoke permission for the API instead of one per route: a service's route table can be
    // long, and the function policy has a size limit.
    scopePermissionToRoute: false,
  });
  return routes.map((r) => {
    const route = new apigwv2.HttpRoute(scope, `Route${pascal(r.id)}`, {
      httpApi: shared.httpApi,
      routeKey: apigwv2.HttpRouteKey.with(r.path, r.method),
      integration,
      authorizer: r.public ? new apigwv2.HttpNoneAuthorizer() : shared.authorizer,
    });
    (route.node.defaultChild as apigwv2.CfnRoute).addMetadata(STACK_METADATA.service, fn.service);
    if (r.public) {
      acknowledge(route, 'AwsSolutions-APIG4', r.publicReason ?? `${fn.service} declares ${r.method} ${r.path} with access 'public' in its route table.`);
    }
    return route;
  });
}

export interface ConsumerResources {
  fn: LiaisonFunction;
  queue: sqs.Queue;
  dlq: sqs.Queue;
}

export interface WorkQueueResources {
  fn: LiaisonFunction;
  queue: sqs.Queue;
  dlq: sqs.Queue;
}

export interface ScheduleResources {
  fn: LiaisonFunction;
  rule: events.Rule;
}

export interface ServiceConstructProps {
  definition: ServiceDefinition;
  shared: StackResources;
  /** The event's sizing: functions that send SMS or email get its `senders` concurrency and rates. */
  sizing?: Sizing;
}

export class ServiceConstruct extends Construct {
  readonly definition: ServiceDefinition;
  readonly httpFunction?: LiaisonFunction;
  readonly routes: apigwv2.HttpRoute[] = [];
  readonly consumers: Record<string, ConsumerResources> = {};
  readonly workQueues: Record<string, WorkQueueResources> = {};
  readonly schedules: Record<string, ScheduleResources> = {};
  private readonly shared: StackResources;
  private readonly sizing: Sizing | undefined;
  /** The work queues' queues, made before any function so that senders can bind them. */
  private readonly workQueueQueues = new Map<string, { queue: sqs.Queue; dlq: sqs.Queue }>();

  constructor(scope: Construct, id: string, props: ServiceConstructProps) {
    super(scope, id);
    const { definition, shared } = props;
    this.definition = definition;
    this.shared = shared;
    this.sizing = props.sizing;

    for (const work of definition.workQueues ?? []) this.workQueueQueues.set(work.name, this.addQueuePair(pascal(work.name), work.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS, work.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT));

    if (definition.http) {
      const fn = this.fn('Http', definition.http, 'http');
      this.httpFunction = fn;
      this.routes = addHttpRoutes(
        this,
        fn,
        Object.entries(definition.http.routes).map(([operationId, spec]) => ({
          id: operationId,
          method: apigwv2.HttpMethod[spec.method],
          path: spec.path,
          public: spec.access === 'public',
        })),
        shared,
      );
    }
    for (const consumer of definition.consumers ?? []) this.consumers[consumer.name] = this.addConsumer(consumer);
    for (const work of definition.workQueues ?? []) this.workQueues[work.name] = this.addWorker(work);
    for (const schedule of definition.schedules ?? []) this.schedules[schedule.name] = this.addSchedule(schedule);
  }

  private fn(id: string, source: FunctionSource, kind: 'http' | 'consumer' | 'worker' | 'schedule', name?: string): LiaisonFunction {
    const { definition, shared } = this;
    const fn = new LiaisonFunction(this, `${id}Function`, {
      source,
      kind,
      service: definition.name,
      ...(name !== undefined ? { name } : {}),
      stage: shared.stage,
      environment: shared.environment,
    });
    const uses = usesOf(definition, source);
    bindUses(fn, uses, shared, new Map([...this.workQueueQueues].map(([n, q]) => [n, q.queue])));
    // A consumer writes its dedupe claims even when its service only reads.
    if (kind === 'consumer' && uses.table !== 'readWrite') fn.bindClaims(shared.table, claimPrefix(`${definition.name}.${name}`));
    const concurrency = this.sizing && senderConcurrency(this.sizing, kind, uses);
    if (this.sizing && concurrency !== undefined) {
      // A fixed number of processes, each paced to its share of the account's send rates: together they
      // never exceed them, and a runaway loop cannot spend more SMS than the rate allows.
      (fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = concurrency;
      fn.addEnvironment(ENV.smsPerProcessPerSecond, String(this.sizing.senders.smsPerProcessPerSecond));
      fn.addEnvironment(ENV.emailPerProcessPerSecond, String(this.sizing.senders.emailPerProcessPerSecond));
    }
    addAlarm(this, `${id}ErrorsAlarm`, {
      metric: fn.metricErrors({ period: ONE_MINUTE, statistic: 'Sum' }),
      description: `${definition.name} ${kind}${name ? ` ${name}` : ''}: the function threw or timed out`,
      topic: shared.alarmTopic,
    });
    return fn;
  }

  private addConsumer(consumer: ConsumerDefinition): ConsumerResources {
    const { shared } = this;
    if (consumer.eventTypes.length === 0) {
      throw new Error(`Consumer ${this.definition.name}/${consumer.name} lists no eventTypes: its queue would receive nothing`);
    }
    const id = pascal(consumer.name);
    const fn = this.fn(id, consumer, 'consumer', consumer.name);

    const { queue, dlq } = this.addQueuePair(id, fn.timeoutSeconds, consumer.maxReceiveCount ?? DEFAULT_MAX_RECEIVE_COUNT);
    shared.eventsTopic.addSubscription(
      new SqsSubscription(queue, {
        rawMessageDelivery: true,
        filterPolicy: { type: sns.SubscriptionFilter.stringFilter({ allowlist: [...consumer.eventTypes] }) },
      }),
    );
    fn.addEventSource(new SqsEventSource(queue, { batchSize: consumer.batchSize ?? DEFAULT_BATCH_SIZE, reportBatchItemFailures: true, ...this.maxConcurrency(consumer, 'consumer') }));

    addAlarm(this, `${id}DlqAlarm`, {
      metric: dlq.metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE, statistic: 'Maximum' }),
      description: `${this.definition.name} consumer ${consumer.name}: messages in the dead-letter queue`,
      topic: shared.alarmTopic,
    });
    return { fn, queue, dlq };
  }

  /** An encrypted, TLS-only queue with its DLQ; visibility six times the timeout of the function that reads it. */
  private addQueuePair(id: string, timeoutSeconds: number, maxReceiveCount: number): { queue: sqs.Queue; dlq: sqs.Queue } {
    const dlq = new sqs.Queue(this, `${id}Dlq`, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DLQ_RETENTION,
    });
    const queue = new sqs.Queue(this, `${id}Queue`, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * timeoutSeconds),
      deadLetterQueue: { queue: dlq, maxReceiveCount },
    });
    return { queue, dlq };
  }

  /** The worker of a work queue: reads it in batches, reports partial failures, alarms on its DLQ. */
  private addWorker(work: WorkQueueDefinition): WorkQueueResources {
    const id = pascal(work.name);
    const { queue, dlq } = this.workQueueQueues.get(work.name)!;
    const fn = this.fn(`${id}Worker`, work, 'worker', work.name);
    fn.addEventSource(new SqsEventSource(queue, { batchSize: work.batchSize ?? DEFAULT_WORK_BATCH_SIZE, reportBatchItemFailures: true, ...this.maxConcurrency(work, 'worker') }));
    addAlarm(this, `${id}DlqAlarm`, {
      metric: dlq.metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE, statistic: 'Maximum' }),
      description: `${this.definition.name} work queue ${work.name}: messages in the dead-letter queue`,
      topic: this.shared.alarmTopic,
    });
    return { fn, queue, dlq };
  }

  /** A sender's event source polls for no more batches than its reserved processes (else SQS messages are throttled back and count receives). */
  private maxConcurrency(source: FunctionSource, kind: 'consumer' | 'worker'): { maxConcurrency?: number } {
    const concurrency = this.sizing && senderConcurrency(this.sizing, kind, usesOf(this.definition, source));
    return concurrency !== undefined ? { maxConcurrency: concurrency } : {};
  }

  private addSchedule(schedule: ScheduleDefinition): ScheduleResources {
    const id = pascal(schedule.name);
    const fn = this.fn(id, schedule, 'schedule', schedule.name);
    const rule = new events.Rule(this, `${id}Rule`, {
      schedule: events.Schedule.expression(schedule.expression),
      description: `Liaison ${this.definition.name} schedule ${schedule.name}`,
      targets: [new targets.LambdaFunction(fn, { retryAttempts: 2 })],
    });
    const cfnRule = rule.node.defaultChild as events.CfnRule;
    cfnRule.addMetadata(STACK_METADATA.name, schedule.name);
    cfnRule.addMetadata(STACK_METADATA.service, this.definition.name);
    return { fn, rule };
  }
}
