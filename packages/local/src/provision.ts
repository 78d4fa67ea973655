// Creates one copy of the stack's stateful resources in the emulators, generically by resource type:
// DynamoDB tables (keys, indexes, TTL), SNS topics, SQS queues (redrive to their DLQs), SQS
// subscriptions with their filter policies, SES identities, and S3 buckets (with their CORS rules).
// Safe to run again on the same copy.
import {
  CreateTableCommand,
  DeleteTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
  type Projection,
} from '@aws-sdk/client-dynamodb';
import { BucketAlreadyOwnedByYou, CreateBucketCommand, PutBucketCorsCommand, type BucketLocationConstraint, type CORSRule } from '@aws-sdk/client-s3';
import { VerifyDomainIdentityCommand, VerifyEmailIdentityCommand } from '@aws-sdk/client-ses';
import { CreateTopicCommand, ListSubscriptionsByTopicCommand, SetSubscriptionAttributesCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, PurgeQueueCommand, SetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { awsEnvironment, localClients, type LocalClients } from './aws';
import { checkUserPools, planWithUserPools, type ProvisionedUserPool } from './cognito';
import type { Endpoints } from './emulators';
import type { StackPlan, StackPlanOptions } from './stack';
import type { CfnTemplate } from './template';

export interface ProvisionOptions extends StackPlanOptions {
  endpoints: Endpoints;
  /** Start from empty: drop and recreate tables, purge queues (for test copies that are reused). */
  fresh?: boolean;
}

export interface ProvisionedQueue {
  name: string;
  arn: string;
  url: string;
  /** Logical id of the dead-letter queue, if the queue has a redrive policy. */
  deadLetterQueue: string | null;
  maxReceiveCount: number | null;
  visibilityTimeoutSeconds: number;
}

export interface ProvisionedSubscription {
  arn: string;
  topicArn: string;
  queue: string; // logical id
  filterPolicy: unknown;
  filterPolicyScope: string;
  rawMessageDelivery: boolean;
}

export interface ProvisionedConsumer {
  /** `consumer` (of domain events) or `worker` (of a work queue), from the function's metadata. */
  kind: string;
  /** `liaison:name` of the consumer function, else its logical id. */
  name: string;
  service: string;
  function: string; // logical id
  functionName: string;
  queue: string; // logical id
  queueUrl: string;
  deadLetterQueueUrl: string | null;
}

/** Everything a test or the runtime needs to find this copy; plain JSON, so it can travel in env. */
export interface ProvisionedStack {
  prefix: string;
  stackName: string;
  region: string;
  accountId: string;
  endpoints: Endpoints;
  tables: Record<string, { name: string; arn: string }>;
  topics: Record<string, { name: string; arn: string }>;
  queues: Record<string, ProvisionedQueue>;
  subscriptions: Record<string, ProvisionedSubscription>;
  /** Consumers of domain events and workers of work queues: every function an SQS event source runs. */
  consumers: ProvisionedConsumer[];
  emailIdentities: string[];
  buckets: Record<string, { name: string; arn: string }>;
  /** User pools (moto's ids) with their groups, by logical id. */
  userPools: Record<string, ProvisionedUserPool>;
  /** The functions' environment: their variables' union plus the AWS settings that reach the emulators. */
  env: Record<string, string>;
}

export type ProvisionNote = (message: string) => void;

/** Plans the copy named by `options.prefix` and creates it. */
export async function provision(template: CfnTemplate, options: ProvisionOptions, note: ProvisionNote = () => {}): Promise<ProvisionedStack> {
  const { plan } = await planWithUserPools(template, options, options.endpoints, { fresh: options.fresh ?? false });
  return provisionPlan(plan, options.endpoints, { fresh: options.fresh ?? false }, note);
}

export async function provisionPlan(plan: StackPlan, endpoints: Endpoints, opts: { fresh: boolean }, note: ProvisionNote = () => {}): Promise<ProvisionedStack> {
  const clients = localClients(endpoints, plan.region);
  try {
    const of = (type: string) => Object.entries(plan.template.Resources).filter(([id, r]) => r.Type === type && plan.resolver.exists(id));
    const propsOf = (id: string) => (plan.resolver.resolve(plan.template.Resources[id]!.Properties ?? {}, id) ?? {}) as Record<string, unknown>;
    const ref = (id: string) => plan.resolver.resolveString({ Ref: id }, id);
    const att = (id: string, name: string) => plan.resolver.resolveString({ 'Fn::GetAtt': [id, name] }, id);

    const tables: ProvisionedStack['tables'] = {};
    await Promise.all(
      [...of('AWS::DynamoDB::Table'), ...of('AWS::DynamoDB::GlobalTable')].map(async ([id]) => {
        const name = ref(id);
        await createTable(clients, name, propsOf(id), opts.fresh);
        tables[id] = { name, arn: att(id, 'Arn') };
      }),
    );

    const topics: ProvisionedStack['topics'] = {};
    await Promise.all(
      of('AWS::SNS::Topic').map(async ([id]) => {
        const p = propsOf(id);
        const name = att(id, 'TopicName');
        const attributes: Record<string, string> = {};
        if (p.FifoTopic === true || p.FifoTopic === 'true') attributes.FifoTopic = 'true';
        if (p.ContentBasedDeduplication !== undefined) attributes.ContentBasedDeduplication = String(p.ContentBasedDeduplication);
        if (typeof p.DisplayName === 'string') attributes.DisplayName = p.DisplayName;
        const out = await clients.sns.send(new CreateTopicCommand({ Name: name, Attributes: attributes }));
        topics[id] = { name, arn: out.TopicArn ?? ref(id) };
      }),
    );

    const queues = await createQueues(clients, of('AWS::SQS::Queue').map(([id]) => id), propsOf, ref, att, opts.fresh);

    const subscriptions: ProvisionedStack['subscriptions'] = {};
    const queueByArn = new Map(Object.entries(queues).map(([id, q]) => [q.arn, id]));
    const subscribe = async (id: string, p: Record<string, unknown>) => {
      const protocol = String(p.Protocol);
      if (protocol !== 'sqs') {
        note(`${id}: ${protocol} subscription not created locally`);
        return;
      }
      const topicArn = String(p.TopicArn);
      const endpoint = String(p.Endpoint);
      const queue = queueByArn.get(endpoint);
      if (!queue) throw new Error(`${id}: subscribes ${endpoint}, which is not a queue of this stack`);
      const wanted: Record<string, string> = { RawMessageDelivery: String(p.RawMessageDelivery === true || p.RawMessageDelivery === 'true') };
      if (p.FilterPolicy !== undefined) {
        wanted.FilterPolicy = typeof p.FilterPolicy === 'string' ? p.FilterPolicy : JSON.stringify(p.FilterPolicy);
        wanted.FilterPolicyScope = String(p.FilterPolicyScope ?? 'MessageAttributes');
      }
      if (p.RedrivePolicy !== undefined) wanted.RedrivePolicy = typeof p.RedrivePolicy === 'string' ? p.RedrivePolicy : JSON.stringify(p.RedrivePolicy);
      const arn = await ensureSubscription(clients, topicArn, endpoint, wanted);
      subscriptions[id] = {
        arn,
        topicArn,
        queue,
        filterPolicy: wanted.FilterPolicy ? JSON.parse(wanted.FilterPolicy) : null,
        filterPolicyScope: wanted.FilterPolicyScope ?? 'MessageAttributes',
        rawMessageDelivery: wanted.RawMessageDelivery === 'true',
      };
    };
    await Promise.all(of('AWS::SNS::Subscription').map(([id]) => subscribe(id, propsOf(id))));
    // Subscriptions written inline on the topic.
    await Promise.all(
      of('AWS::SNS::Topic').flatMap(([id]) =>
        ((propsOf(id).Subscription ?? []) as Record<string, unknown>[]).map((s, i) => subscribe(`${id}.Subscription[${i}]`, { ...s, TopicArn: topics[id]!.arn })),
      ),
    );

    const emailIdentities: string[] = [];
    for (const [id] of of('AWS::SES::EmailIdentity')) {
      const identity = String(propsOf(id).EmailIdentity);
      if (identity.includes('@')) await clients.ses.send(new VerifyEmailIdentityCommand({ EmailAddress: identity }));
      else await clients.ses.send(new VerifyDomainIdentityCommand({ Domain: identity }));
      emailIdentities.push(identity);
    }

    const buckets: ProvisionedStack['buckets'] = {};
    await Promise.all(
      of('AWS::S3::Bucket').map(async ([id]) => {
        const name = ref(id);
        await createBucket(clients, name, plan.region, propsOf(id));
        buckets[id] = { name, arn: att(id, 'Arn') };
      }),
    );

    // Made before planning (planWithUserPools); here found again, and checked against the plan.
    const userPools = await checkUserPools(plan, endpoints);

    const consumers: ProvisionedConsumer[] = [];
    for (const c of plan.model.consumers) {
      const fn = plan.model.functions.get(c.function)!;
      const queueId = queueByArn.get(c.queueArn);
      if (!queueId) throw new Error(`${c.logicalId}: reads ${c.queueArn}, which is not a queue of this stack`);
      const q = queues[queueId]!;
      consumers.push({
        kind: fn.kind,
        name: fn.localName ?? fn.logicalId,
        service: fn.service,
        function: fn.logicalId,
        functionName: fn.name,
        queue: queueId,
        queueUrl: q.url,
        deadLetterQueueUrl: q.deadLetterQueue ? queues[q.deadLetterQueue]!.url : null,
      });
    }

    return {
      prefix: plan.prefix,
      stackName: plan.stackName,
      region: plan.region,
      accountId: plan.accountId,
      endpoints,
      tables,
      topics,
      queues,
      subscriptions,
      consumers,
      emailIdentities,
      buckets,
      userPools,
      env: { ...plan.functionEnvironment, ...awsEnvironment(endpoints, plan.region) },
    };
  } finally {
    clients.destroy();
  }
}

async function createTable(clients: LocalClients, name: string, p: Record<string, unknown>, fresh: boolean): Promise<void> {
  const provisioned = p.BillingMode === 'PROVISIONED';
  const throughput = (t: unknown) =>
    provisioned ? { ProvisionedThroughput: (t as CreateTableCommandInput['ProvisionedThroughput']) ?? { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } } : {};
  const index = (i: Record<string, unknown>) => ({
    IndexName: i.IndexName as string,
    KeySchema: i.KeySchema as CreateTableCommandInput['KeySchema'],
    Projection: (i.Projection as Projection | undefined) ?? { ProjectionType: 'ALL' },
  });
  const gsis = (p.GlobalSecondaryIndexes ?? []) as Record<string, unknown>[];
  const lsis = (p.LocalSecondaryIndexes ?? []) as Record<string, unknown>[];
  const stream = p.StreamSpecification as { StreamViewType?: string; StreamEnabled?: boolean } | undefined;
  const input: CreateTableCommandInput = {
    TableName: name,
    AttributeDefinitions: p.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    KeySchema: p.KeySchema as CreateTableCommandInput['KeySchema'],
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...throughput(p.ProvisionedThroughput),
    ...(gsis.length > 0 ? { GlobalSecondaryIndexes: gsis.map((g) => ({ ...index(g), ...throughput(g.ProvisionedThroughput) })) } : {}),
    ...(lsis.length > 0 ? { LocalSecondaryIndexes: lsis.map(index) } : {}),
    ...(stream?.StreamViewType && stream.StreamEnabled !== false ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType as 'NEW_AND_OLD_IMAGES' } } : {}),
  };
  if (fresh) {
    await clients.dynamodb.send(new DeleteTableCommand({ TableName: name })).catch((err) => {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    });
  }
  try {
    await clients.dynamodb.send(new CreateTableCommand(input));
  } catch (err) {
    if (!(err instanceof ResourceInUseException)) throw new Error(`creating table ${name}: ${(err as Error).message}`, { cause: err });
    return; // already there from an earlier run: keep its data
  }
  const ttl = p.TimeToLiveSpecification as { AttributeName?: string; Enabled?: boolean } | undefined;
  if (ttl?.AttributeName && ttl.Enabled !== false) {
    await clients.dynamodb.send(new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true } }));
  }
}

async function createBucket(clients: LocalClients, name: string, region: string, p: Record<string, unknown>): Promise<void> {
  try {
    await clients.s3.send(
      new CreateBucketCommand({ Bucket: name, ...(region === 'us-east-1' ? {} : { CreateBucketConfiguration: { LocationConstraint: region as BucketLocationConstraint } }) }),
    );
  } catch (err) {
    if (!(err instanceof BucketAlreadyOwnedByYou) && (err as Error).name !== 'BucketAlreadyOwnedByYou' && (err as Error).name !== 'BucketAlreadyExists') {
      throw new Error(`creating bucket ${name}: ${(err as Error).message}`, { cause: err });
    }
  }
  const cors = (p.CorsConfiguration as { CorsRules?: Record<string, unknown>[] } | undefined)?.CorsRules;
  if (cors && cors.length > 0) {
    const rules: CORSRule[] = cors.map((r) => ({
      AllowedMethods: r.AllowedMethods as string[],
      AllowedOrigins: r.AllowedOrigins as string[],
      ...(r.AllowedHeaders ? { AllowedHeaders: r.AllowedHeaders as string[] } : {}),
      ...(r.ExposedHeaders ? { ExposeHeaders: r.ExposedHeaders as string[] } : {}),
      ...(r.MaxAge !== undefined ? { MaxAgeSeconds: Number(r.MaxAge) } : {}),
    }));
    await clients.s3.send(new PutBucketCorsCommand({ Bucket: name, CORSConfiguration: { CORSRules: rules } }));
  }
}

const QUEUE_ATTRIBUTES = [
  'VisibilityTimeout',
  'MessageRetentionPeriod',
  'DelaySeconds',
  'MaximumMessageSize',
  'ReceiveMessageWaitTimeSeconds',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
] as const;

async function createQueues(
  clients: LocalClients,
  ids: string[],
  propsOf: (id: string) => Record<string, unknown>,
  ref: (id: string) => string,
  att: (id: string, name: string) => string,
  fresh: boolean,
): Promise<Record<string, ProvisionedQueue>> {
  const queues: Record<string, ProvisionedQueue> = {};
  const arnToId = new Map(ids.map((id) => [att(id, 'Arn'), id]));
  const pending = new Map(ids.map((id) => [id, propsOf(id)]));
  // moto links a queue to its DLQ when the redrive policy is set, so DLQs must exist first.
  while (pending.size > 0) {
    const ready = [...pending].filter(([, p]) => {
      const dlq = arnToId.get(String((p.RedrivePolicy as { deadLetterTargetArn?: string } | undefined)?.deadLetterTargetArn ?? ''));
      return !dlq || dlq in queues;
    });
    if (ready.length === 0) throw new Error(`queues redrive to each other in a cycle: ${[...pending.keys()].join(', ')}`);
    await Promise.all(
      ready.map(async ([id, p]) => {
        pending.delete(id);
        const name = att(id, 'QueueName');
        const attributes: Record<string, string> = {};
        for (const key of QUEUE_ATTRIBUTES) if (p[key] !== undefined) attributes[key] = String(p[key]);
        if (p.FifoQueue === true || p.FifoQueue === 'true') attributes.FifoQueue = 'true';
        const redrive = p.RedrivePolicy as { deadLetterTargetArn?: string; maxReceiveCount?: number | string } | undefined;
        if (redrive) attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: redrive.deadLetterTargetArn, maxReceiveCount: Number(redrive.maxReceiveCount) });
        if (p.RedriveAllowPolicy !== undefined) attributes.RedriveAllowPolicy = typeof p.RedriveAllowPolicy === 'string' ? p.RedriveAllowPolicy : JSON.stringify(p.RedriveAllowPolicy);
        let url: string;
        try {
          url = (await clients.sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl ?? ref(id);
        } catch (err) {
          if ((err as Error).name !== 'QueueAlreadyExists' && (err as Error).name !== 'QueueNameExists') throw err;
          url = ref(id);
          const { FifoQueue: _fifo, ...changeable } = attributes;
          await clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: changeable }));
        }
        if (fresh) await clients.sqs.send(new PurgeQueueCommand({ QueueUrl: url }));
        queues[id] = {
          name,
          arn: att(id, 'Arn'),
          url,
          deadLetterQueue: redrive ? (arnToId.get(String(redrive.deadLetterTargetArn)) ?? null) : null,
          maxReceiveCount: redrive ? Number(redrive.maxReceiveCount) : null,
          visibilityTimeoutSeconds: Number(p.VisibilityTimeout ?? 30),
        };
      }),
    );
  }
  return queues;
}

async function ensureSubscription(clients: LocalClients, topicArn: string, endpoint: string, attributes: Record<string, string>): Promise<string> {
  let token: string | undefined;
  do {
    const page = await clients.sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn, NextToken: token }));
    const existing = page.Subscriptions?.find((s) => s.Protocol === 'sqs' && s.Endpoint === endpoint);
    if (existing?.SubscriptionArn) {
      for (const [name, value] of Object.entries(attributes)) {
        await clients.sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn: existing.SubscriptionArn, AttributeName: name, AttributeValue: value }));
      }
      return existing.SubscriptionArn;
    }
    token = page.NextToken;
  } while (token);
  const out = await clients.sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: endpoint, Attributes: attributes, ReturnSubscriptionArn: true }));
  return out.SubscriptionArn!;
}
