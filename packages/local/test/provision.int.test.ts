import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DescribeTableCommand, DescribeTimeToLiveCommand, DynamoDBClient, PutItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetIdentityVerificationAttributesCommand, SESClient } from '@aws-sdk/client-ses';
import { GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand, PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { DeleteMessageCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { endpointsFromEnv, type Endpoints } from '../src/emulators';
import { provision, type ProvisionedStack } from '../src/provision';
import { fixtureTemplate } from './fixture';

const endpoints = endpointsFromEnv() as Endpoints;
const prefix = `pv-${randomBytes(3).toString('hex')}-`;
const dynamodb = new DynamoDBClient({});
const sns = new SNSClient({});
const sqs = new SQSClient({});
const ses = new SESClient({});
let stack: ProvisionedStack;

beforeAll(async () => {
  stack = await provision(fixtureTemplate(), { prefix, stackName: 'Fixture-dev', endpoints });
});

afterAll(() => [dynamodb, sns, sqs, ses].forEach((c) => c.destroy()));

async function drain(queueUrl: string): Promise<Message[]> {
  const all: Message[] = [];
  for (;;) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, MessageAttributeNames: ['All'] }));
    const got = out.Messages ?? [];
    if (got.length === 0) return all;
    all.push(...got);
    for (const m of got) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
  }
}

const publish = (type: string, body: object) =>
  sns.send(new PublishCommand({ TopicArn: stack.topics.EventsTopic063726A1!.arn, Message: JSON.stringify(body), MessageAttributes: { type: { DataType: 'String', StringValue: type } } }));

describe('provisioning a template', () => {
  it('creates the table with its keys, indexes and TTL', async () => {
    const name = stack.tables.TableCD117FA1!.name;
    expect(name).toBe(`${prefix}TableCD117FA1`);
    const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: name }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(Table?.GlobalSecondaryIndexes?.map((g) => g.IndexName)).toEqual(['gsi1']);
    const ttl = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: name }));
    expect(ttl.TimeToLiveDescription).toMatchObject({ AttributeName: 'expiresAt', TimeToLiveStatus: 'ENABLED' });
  });

  it('creates queues with their visibility timeout, retention and redrive to the DLQ', async () => {
    const things = stack.queues.ThingsQueue9A1F0C3D!;
    const dlq = stack.queues.ThingsDlq4B2C1A0E!;
    expect(things).toMatchObject({ deadLetterQueue: 'ThingsDlq4B2C1A0E', maxReceiveCount: 2, visibilityTimeoutSeconds: 1 });
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: things.url, AttributeNames: ['All'] }));
    expect(Attributes).toMatchObject({ VisibilityTimeout: '1', MessageRetentionPeriod: '345600', QueueArn: things.arn });
    expect(JSON.parse(Attributes!.RedrivePolicy!)).toEqual({ deadLetterTargetArn: dlq.arn, maxReceiveCount: 2 });
  });

  it('subscribes the consumer queues with their filter policies, and skips email', async () => {
    const topicArn = stack.topics.EventsTopic063726A1!.arn;
    const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(Subscriptions?.map((s) => s.Endpoint).sort()).toEqual([stack.queues.AuditQueueE5F6A7B8!.arn, stack.queues.ThingsQueue9A1F0C3D!.arn].sort());
    const things = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: stack.subscriptions.ThingsSubscriptionC0FFEE01!.arn }));
    expect(JSON.parse(things.Attributes!.FilterPolicy!)).toEqual({ type: ['thing.created', 'thing.changed'] });
    expect(things.Attributes).toMatchObject({ RawMessageDelivery: 'true', FilterPolicyScope: 'MessageAttributes' });
    expect(stack.subscriptions.AlarmEmailSubscription).toBeUndefined();
  });

  it('delivers a published event whose type matches the filter, and not one that does not', async () => {
    const things = stack.queues.ThingsQueue9A1F0C3D!.url;
    const audit = stack.queues.AuditQueueE5F6A7B8!.url;
    await publish('thing.deleted', { id: 'not-for-things' });
    await publish('thing.created', { id: 't1' });
    await publish('person.created', { id: 'p1' });
    // moto fans out while it answers Publish, so what is not there now never comes.
    const got = await drain(things);
    expect(got.map((m) => JSON.parse(m.Body!))).toEqual([{ id: 't1' }]);
    const audited = await drain(audit);
    expect(audited).toHaveLength(1);
    // Without raw delivery the queue gets SNS's envelope, with the type among its attributes.
    expect(JSON.parse(audited[0]!.Body!)).toMatchObject({ Type: 'Notification', Message: JSON.stringify({ id: 'p1' }), MessageAttributes: { type: { Type: 'String', Value: 'person.created' } } });
  });

  it('verifies the SES identities', async () => {
    const out = await ses.send(new GetIdentityVerificationAttributesCommand({ Identities: ['liaison@fixture.example'] }));
    expect(out.VerificationAttributes?.['liaison@fixture.example']?.VerificationStatus).toBe('Success');
  });

  it('gives the functions their environment: resolved stack names plus the emulator endpoints', () => {
    expect(stack.env).toMatchObject({
      LIAISON_TABLE_NAME: `${prefix}TableCD117FA1`,
      LIAISON_EVENTS_TOPIC_ARN: stack.topics.EventsTopic063726A1!.arn,
      FIXTURE_QUEUE_URL: stack.queues.ThingsQueue9A1F0C3D!.url,
      AWS_REGION: stack.region,
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_SQS: endpoints.aws,
      AWS_ENDPOINT_URL_SNS: endpoints.aws,
      AWS_ENDPOINT_URL_SES: endpoints.aws,
    });
    expect(stack.consumers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'things', service: 'fixture', queueUrl: stack.queues.ThingsQueue9A1F0C3D!.url, deadLetterQueueUrl: stack.queues.ThingsDlq4B2C1A0E!.url }),
      ]),
    );
  });

  it('can run again on the same copy: same names, no second subscription, data kept unless fresh', async () => {
    const table = stack.tables.TableCD117FA1!.name;
    await dynamodb.send(new PutItemCommand({ TableName: table, Item: { pk: { S: 'X' }, sk: { S: 'Y' } } }));
    const again = await provision(fixtureTemplate(), { prefix, stackName: 'Fixture-dev', endpoints });
    expect(again.queues).toEqual(stack.queues);
    const { Subscriptions } = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: stack.topics.EventsTopic063726A1!.arn }));
    expect(Subscriptions).toHaveLength(2);
    expect((await dynamodb.send(new ScanCommand({ TableName: table }))).Count).toBe(1);

    await provision(fixtureTemplate(), { prefix, stackName: 'Fixture-dev', endpoints, fresh: true });
    expect((await dynamodb.send(new ScanCommand({ TableName: table }))).Count).toBe(0);
  });
});
