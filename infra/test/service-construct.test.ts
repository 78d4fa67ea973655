import { afterAll, describe, expect, it } from '@jest/globals';
import { ENV, workQueueEnv } from '@liaison/kit/config';
import { consumerSpec, type ServiceDefinition } from '@liaison/kit/service';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { directoryService } from '@liaison/directory/service';
import { buildApp } from '../src/app';
import { TABLE_ACTIONS } from '../src/function';
import { fakeService } from './fixtures/fake-service';
import { asArray, functionId, resources, roleStatements, synth } from './support/synth';

const withFake = synth('dev', [directoryService, fakeService]);
afterAll(() => withFake.cleanup());
const { json, stack } = withFake;

const ref = (id: string) => ({ Ref: id });
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const topicId = stack.getLogicalId(stack.eventsTopic.node.defaultChild as never);
const alarmTopicId = stack.getLogicalId(stack.alarmTopic.node.defaultChild as never);

/** The queue an event source mapping of `fnId` reads. */
function queueOf(fnId: string): [string, Record<string, any>] {
  const mappings = resources(json, 'AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify(ref(fnId)));
  expect(mappings).toHaveLength(1);
  const queueId = mappings[0]![1].Properties.EventSourceArn['Fn::GetAtt'][0] as string;
  return [queueId, mappings[0]![1].Properties];
}

describe('a consumer', () => {
  const fnId = functionId(json, { [STACK_METADATA.service]: 'notifications', [STACK_METADATA.name]: 'person-changes' });
  const [queueId, mapping] = queueOf(fnId);
  const queue = json.Resources[queueId];
  const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0] as string;

  it('is a consumer function with its metadata', () => {
    expect(json.Resources[fnId].Metadata).toMatchObject({
      [STACK_METADATA.entry]: 'infra/test/fixtures/handlers.ts',
      [STACK_METADATA.handler]: 'consume',
      [STACK_METADATA.kind]: 'consumer',
      [STACK_METADATA.service]: 'notifications',
      [STACK_METADATA.name]: 'person-changes',
    });
  });

  it('reads its queue in batches and reports partial batch failures', () => {
    expect(mapping).toMatchObject({ BatchSize: 5, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  it('has an encrypted queue with a visibility timeout of six times the function timeout and a DLQ after maxReceiveCount', () => {
    expect(queue.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 6 * 20,
      RedrivePolicy: { deadLetterTargetArn: arn(dlqId), maxReceiveCount: 3 },
    });
    expect(json.Resources[dlqId].Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
  });

  it('refuses requests without TLS on both queues and lets only the events topic send to its queue', () => {
    const policies = resources(json, 'AWS::SQS::QueuePolicy');
    for (const id of [queueId, dlqId]) {
      const policy = policies.find(([, p]) => JSON.stringify(p.Properties.Queues) === JSON.stringify([ref(id)]));
      expect(policy).toBeDefined();
      expect(policy![1].Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      );
    }
    const queuePolicy = policies.find(([, p]) => JSON.stringify(p.Properties.Queues) === JSON.stringify([ref(queueId)]))!;
    expect(queuePolicy[1].Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          Effect: 'Allow',
          Action: 'sqs:SendMessage',
          Principal: { Service: 'sns.amazonaws.com' },
          Condition: { ArnEquals: { 'aws:SourceArn': ref(topicId) } },
        }),
      ]),
    );
  });

  it('subscribes its queue to the domain-events topic, raw, filtered on the event type', () => {
    const subs = resources(json, 'AWS::SNS::Subscription').filter(([, s]) => JSON.stringify(s.Properties.Endpoint) === JSON.stringify(arn(queueId)));
    expect(subs).toHaveLength(1);
    expect(subs[0]![1].Properties).toEqual({
      Protocol: 'sqs',
      TopicArn: ref(topicId),
      Endpoint: arn(queueId),
      RawMessageDelivery: true,
      FilterPolicy: { type: ['person.created', 'person.updated'] },
    });
  });

  it('alarms when a message reaches the DLQ', () => {
    withFake.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [ref(alarmTopicId)],
    });
  });

  it('uses the defaults: batch of 10, 5 receives, visibility 6 x 10 s', () => {
    const otherId = functionId(json, { [STACK_METADATA.name]: 'trip-changes' });
    const [otherQueueId, otherMapping] = queueOf(otherId);
    expect(otherMapping.BatchSize).toBe(10);
    expect(json.Resources[otherQueueId].Properties).toMatchObject({ VisibilityTimeout: 60, RedrivePolicy: { maxReceiveCount: 5 } });
  });

  it('may only receive from and delete on its own queue', () => {
    const { statements } = roleStatements(json, fnId);
    const sqsStatements = statements.filter((s) => asArray(s.Action as string | string[]).some((a) => a.startsWith('sqs:')));
    expect(sqsStatements).toHaveLength(1);
    expect(sqsStatements[0]!.Resource).toEqual(arn(queueId));
    expect(asArray(sqsStatements[0]!.Action)).not.toContain('sqs:SendMessage');
  });
});

describe('a consumer of a read-only service', () => {
  it('may write its own dedupe claims, and no other item', () => {
    const fnId = functionId(json, { [STACK_METADATA.service]: 'notifications', [STACK_METADATA.name]: 'person-changes' });
    const [tableId] = resources(json, 'AWS::DynamoDB::Table')[0]!;
    const claims = roleStatements(json, fnId).statements.filter((s) => s.Sid === 'WriteOwnDedupeClaims');
    expect(claims).toEqual([
      {
        Sid: 'WriteOwnDedupeClaims',
        Effect: 'Allow',
        Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
        Resource: arn(tableId),
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['CONSUMED#notifications.person-changes#*'] } },
      },
    ]);
  });

  it('is declared with event types that have contracts only', () => {
    // @ts-expect-error: there is no contract for `person.teleported`, so the spec does not compile.
    const spec = consumerSpec({ name: 'x', eventTypes: ['person.teleported'] });
    expect(spec.name).toBe('x');
  });
});

describe('a work queue', () => {
  const workerId = functionId(json, { [STACK_METADATA.service]: 'notifications', [STACK_METADATA.name]: 'fan-out' });
  const [queueId, mapping] = queueOf(workerId);
  const queue = json.Resources[queueId];
  const dlqId = queue.Properties.RedrivePolicy.deadLetterTargetArn['Fn::GetAtt'][0] as string;
  const senderId = functionId(json, { [STACK_METADATA.service]: 'notifications', [STACK_METADATA.kind]: 'http' });
  const sends = (fnId: string) => roleStatements(json, fnId).statements.filter((s) => asArray(s.Action as string | string[]).includes('sqs:SendMessage'));

  it('runs its worker, a function of kind worker named after the queue, in batches with partial failures', () => {
    expect(json.Resources[workerId].Metadata).toMatchObject({ [STACK_METADATA.kind]: 'worker', [STACK_METADATA.name]: 'fan-out', [STACK_METADATA.handler]: 'consume' });
    expect(mapping).toMatchObject({ BatchSize: 4, FunctionResponseTypes: ['ReportBatchItemFailures'] });
  });

  it('is encrypted, with a visibility of six worker timeouts, and a DLQ after maxReceiveCount with an alarm', () => {
    expect(queue.Properties).toMatchObject({ SqsManagedSseEnabled: true, VisibilityTimeout: 6 * 30, RedrivePolicy: { deadLetterTargetArn: arn(dlqId), maxReceiveCount: 2 } });
    expect(json.Resources[dlqId].Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 24 * 3600 });
    withFake.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId, 'QueueName'] } }],
      AlarmActions: [ref(alarmTopicId)],
    });
  });

  it('is subscribed to nothing: only its service sends to it', () => {
    const subs = resources(json, 'AWS::SNS::Subscription').filter(([, s]) => JSON.stringify(s.Properties.Endpoint) === JSON.stringify(arn(queueId)));
    expect(subs).toEqual([]);
  });

  it('gives the functions that send to it its URL and sqs:SendMessage on it alone; the worker neither', () => {
    expect(json.Resources[senderId].Properties.Environment.Variables[workQueueEnv('fan-out')]).toEqual(ref(queueId));
    expect(sends(senderId)).toEqual([expect.objectContaining({ Action: 'sqs:SendMessage', Resource: arn(queueId) })]);
    expect(json.Resources[workerId].Properties.Environment.Variables[workQueueEnv('fan-out')]).toBeUndefined();
    expect(sends(workerId)).toEqual([]);
  });
});

describe('a schedule', () => {
  it('is an EventBridge rule with its name that runs the schedule function', () => {
    const fnId = functionId(json, { [STACK_METADATA.service]: 'notifications', [STACK_METADATA.name]: 'reminders' });
    expect(json.Resources[fnId].Metadata).toMatchObject({ [STACK_METADATA.kind]: 'schedule', [STACK_METADATA.handler]: 'tick' });
    const rules = resources(json, 'AWS::Events::Rule').filter(([, r]) => r.Metadata?.[STACK_METADATA.name] === 'reminders');
    expect(rules).toHaveLength(1);
    expect(rules[0]![1].Properties).toMatchObject({ ScheduleExpression: 'rate(5 minutes)', State: 'ENABLED', Targets: [expect.objectContaining({ Arn: arn(fnId) })] });
    withFake.template.hasResourceProperties('AWS::Lambda::Permission', { Principal: 'events.amazonaws.com', FunctionName: arn(fnId), SourceArn: arn(rules[0]![0]) });
  });
});

describe('what a service uses', () => {
  const fnIds = resources(json, 'AWS::Lambda::Function')
    .filter(([, f]) => f.Metadata?.[STACK_METADATA.service] === 'notifications')
    .map(([id]) => id);

  it('gives SMS and email senders the sender settings, others not', () => {
    expect(fnIds).toHaveLength(5);
    for (const id of fnIds) {
      expect(json.Resources[id].Properties.Environment.Variables).toMatchObject({
        [ENV.smsSenderId]: 'LIAISON',
        [ENV.emailFrom]: 'liaison@jakarta-summit.example',
        [ENV.tableName]: expect.anything(),
      });
      expect(json.Resources[id].Properties.Environment.Variables[ENV.eventsTopicArn]).toBeUndefined();
    }
    const directoryFn = functionId(json, { [STACK_METADATA.service]: 'directory', [STACK_METADATA.kind]: 'http' });
    expect(json.Resources[directoryFn].Properties.Environment.Variables[ENV.smsSenderId]).toBeUndefined();
    expect(json.Resources[directoryFn].Properties.Environment.Variables[ENV.emailFrom]).toBeUndefined();
  });

  it('grants read-only table access, SMS to phone numbers only, and email from the event identity only', () => {
    const [emailIdentityId] = resources(json, 'AWS::SES::EmailIdentity')[0]!;
    for (const id of fnIds) {
      const { statements } = roleStatements(json, id);
      const table = statements.find((s) => asArray(s.Action as string[]).some((a) => a.startsWith('dynamodb:')))!;
      expect(asArray(table.Action).sort()).toEqual([...TABLE_ACTIONS.read].sort());
      expect(asArray(table.Action as string[]).filter((action) => /Put|Update|Delete|Write|Scan/.test(action))).toEqual([]);
      const sms = statements.find((s) => s.Sid === 'PublishSmsToPhoneNumbersOnly')!;
      expect(sms).toMatchObject({ Effect: 'Allow', Action: 'sns:Publish', NotResource: { 'Fn::Join': ['', ['arn:', ref('AWS::Partition'), ':sns:*:*:*']] } });
      expect(sms.Resource).toBeUndefined();
      const email = statements.find((s) => asArray(s.Action as string[]).includes('ses:SendEmail'))!;
      expect(JSON.stringify(email.Resource)).toContain(JSON.stringify(ref(emailIdentityId)));
      expect(statements.filter((s) => JSON.stringify(s.Resource) === JSON.stringify(ref(topicId)))).toEqual([]);
    }
  });

  it('routes the public route without and the others with the authorizer', () => {
    const routes = new Map(resources(json, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey, r.Properties]));
    expect(routes.get('GET /notifications/health')).toMatchObject({ AuthorizationType: 'NONE' });
    expect(routes.get('GET /notifications')).toMatchObject({ AuthorizationType: 'JWT' });
  });
});

describe('definitions that would clash', () => {
  const build = (services: readonly ServiceDefinition[]) => () => buildApp({ event: 'jakarta-summit-2027', stage: 'dev', bundle: false, services });

  it('refuses a route another service already serves', () => {
    const clash: ServiceDefinition = {
      ...fakeService,
      name: 'other',
      consumers: [],
      schedules: [],
      http: { ...fakeService.http!, routes: { me: { ...directoryService.http!.routes.me! } } },
    };
    expect(build([directoryService, clash])).toThrow(/route GET \/me of other is already served by directory/);
  });

  it('refuses a schedule name used twice in the stack', () => {
    const clash: ServiceDefinition = { ...fakeService, schedules: [{ ...fakeService.schedules![0]!, name: 'outbox-relay' }] };
    expect(build([clash])).toThrow(/schedule "outbox-relay" of platform is already defined by notifications/);
  });

  it('refuses a function that sends to a work queue its service does not have', () => {
    const wrong: ServiceDefinition = { ...fakeService, http: { ...fakeService.http!, uses: { sendsWork: ['nowhere'] } } };
    expect(build([wrong])).toThrow(/sends work to "nowhere", which is not one of its workQueues/);
  });

  it('refuses a consumer without event types', () => {
    const empty: ServiceDefinition = { ...fakeService, consumers: [{ ...fakeService.consumers![0]!, eventTypes: [] }] };
    expect(build([empty])).toThrow(/consumer notifications\/person-changes lists no eventTypes/i);
  });
});
