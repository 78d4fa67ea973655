// The event plumbing against the emulators: the outbox survives a failed publish and the relay sends
// it later; the consumer wrapper processes each event once, reports poison and failures per record.
import { afterEach, describe, expect, it } from '@jest/globals';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { randomBytes } from 'node:crypto';
import { clockControl } from '../src/clock';
import { getItem } from '../src/ddb/table';
import { DIRECTORY_EVENTS } from '@liaison/contracts/directory-events';
import { consumer } from '../src/events/consumer';
import { makeEvent } from '../src/events/envelope';
import { commitWithEvents, relayOutbox } from '../src/events/outbox';
import { putNew } from '../src/ddb/writes';

const tableName = process.env.LIAISON_TABLE_NAME as string;
const topicArn = process.env.LIAISON_EVENTS_TOPIC_ARN as string;
const origin = { source: 'test', correlationId: 'c1' };
const party = (id: string) => ({
  id,
  name: 'Test party',
  type: 'ngo' as const,
  country: null,
  protocolLevel: 'standard' as const,
  language: null,
  externalId: null,
  notes: null,
  version: 1,
  createdAt: '2027-03-01T00:00:00.000Z',
  updatedAt: '2027-03-01T00:00:00.000Z',
});

afterEach(() => clockControl.reset());

async function queueOnTopic(): Promise<string> {
  const sqs = new SQSClient({});
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: `kit-${randomBytes(4).toString('hex')}` }))).QueueUrl as string;
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
  await new SNSClient({}).send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: arn, Attributes: { RawMessageDelivery: 'true' } }));
  return url;
}

async function receiveIds(url: string, want: string, timeoutMs = 10_000): Promise<string[]> {
  const sqs = new SQSClient({});
  const ids: string[] = [];
  const deadline = Date.now() + timeoutMs;
  while (!ids.includes(want) && Date.now() < deadline) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
    for (const m of out.Messages ?? []) ids.push(JSON.parse(m.Body as string).id);
  }
  return ids;
}

describe('the outbox', () => {
  it('keeps events whose publish failed, and the relay sends them later', async () => {
    const url = await queueOnTopic();
    const id = `pty_${randomBytes(6).toString('hex')}`;
    const event = makeEvent('party.created', { party: party(id) }, origin);
    // A topic that does not exist: the commit lands, the publish fails, the entry stays.
    await commitWithEvents({ tableName, topicArn: `${topicArn}-missing` }, [putNew(tableName, { pk: `TEST#${id}`, sk: 'TEST' })], [event]);
    const outboxKey = { pk: `OUTBOX#${event.id}`, sk: 'OUTBOX' };
    expect(await getItem(tableName, outboxKey, true)).not.toBeNull();

    // Young entries are left to the inline publisher; past the grace period the relay takes them.
    expect((await relayOutbox({ tableName, topicArn })).entries).toBe(0);
    clockControl.advance(31_000);
    const stats = await relayOutbox({ tableName, topicArn });
    expect(stats).toMatchObject({ failed: 0 });
    expect(stats.entries).toBeGreaterThanOrEqual(1);
    expect(await getItem(tableName, outboxKey, true)).toBeNull();
    expect(await receiveIds(url, event.id)).toContain(event.id);
  });
});

function record(body: unknown, messageId = randomBytes(8).toString('hex')): SQSRecord {
  return {
    messageId,
    receiptHandle: `rh-${messageId}`,
    body: typeof body === 'string' ? body : JSON.stringify(body),
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
    messageAttributes: {},
    md5OfBody: '',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-southeast-3:123456789012:q',
    awsRegion: 'ap-southeast-3',
  };
}

const context = {} as Context;

describe('the consumer wrapper', () => {
  it('handles an event once even when it is delivered twice', async () => {
    const seen: string[] = [];
    const handle = consumer({ service: 'test', spec: { name: `test-${randomBytes(3).toString('hex')}`, eventTypes: ['party.created'] }, contracts: DIRECTORY_EVENTS, tableName, handlers: { 'party.created': async (e) => void seen.push(e.id) } });
    const event = makeEvent('party.created', { party: party('pty_once') }, origin);
    const first = await handle({ Records: [record(event)] } as SQSEvent, context);
    const again = await handle({ Records: [record(event), record({ Type: 'Notification', Message: JSON.stringify(event) })] } as SQSEvent, context);
    expect(first.batchItemFailures).toEqual([]);
    expect(again.batchItemFailures).toEqual([]);
    expect(seen).toEqual([event.id]);
  });

  it('fails only the poison and the failing records of a batch', async () => {
    const seen: string[] = [];
    const handle = consumer({
      service: 'test',
      spec: { name: `test-${randomBytes(3).toString('hex')}`, eventTypes: ['party.created'] },
      contracts: DIRECTORY_EVENTS,
      tableName,
      handlers: {
        'party.created': async (e) => {
          if (e.data.party.name === 'explodes') throw new Error('downstream down');
          seen.push(e.id);
        },
      },
    });
    const good = makeEvent('party.created', { party: party('pty_good') }, origin);
    const failing = makeEvent('party.created', { party: { ...party('pty_bad'), name: 'explodes' } }, origin);
    const poison = record('{"not":"an event"}', 'poison');
    const broken = record({ ...good, id: 'evt_other', data: { party: { id: 'x' } } }, 'broken');
    const failingRecord = record(failing, 'failing');
    const out = await handle({ Records: [poison, record(good, 'good'), broken, failingRecord] } as SQSEvent, context);
    expect(out.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(['broken', 'failing', 'poison']);
    expect(seen).toEqual([good.id]);
  });

  it('retries an event whose handling failed', async () => {
    let calls = 0;
    const name = `test-${randomBytes(3).toString('hex')}`;
    const handle = consumer({
      service: 'test',
      spec: { name, eventTypes: ['party.created'] },
      contracts: DIRECTORY_EVENTS,
      tableName,
      handlers: {
        'party.created': async () => {
          calls += 1;
          if (calls === 1) throw new Error('first try fails');
        },
      },
    });
    const event = makeEvent('party.created', { party: party('pty_retry') }, origin);
    expect((await handle({ Records: [record(event, 'm1')] } as SQSEvent, context)).batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect((await handle({ Records: [record(event, 'm1')] } as SQSEvent, context)).batchItemFailures).toEqual([]);
    expect(calls).toBe(2);
  });

  it('fails an event of a type it has no handler for, instead of dropping it', async () => {
    let calls = 0;
    const handle = consumer({ service: 'test', spec: { name: `test-${randomBytes(3).toString('hex')}`, eventTypes: ['person.created'] }, contracts: DIRECTORY_EVENTS, tableName, handlers: { 'person.created': async () => void (calls += 1) } });
    const out = await handle({ Records: [record(makeEvent('party.created', { party: party('pty_x') }, origin), 'unhandled')] } as SQSEvent, context);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'unhandled' }]);
    expect(calls).toBe(0);
  });

  it('parses with the contracts it was given only: another service\'s event type fails as unknown', async () => {
    let calls = 0;
    const handle = consumer({ service: 'test', spec: { name: `test-${randomBytes(3).toString('hex')}`, eventTypes: ['party.created'] }, contracts: DIRECTORY_EVENTS, tableName, handlers: { 'party.created': async () => void (calls += 1) } });
    const foreign = { ...makeEvent('party.created', { party: party('pty_foreign') }, origin), type: 'ticket.created' };
    const out = await handle({ Records: [record(foreign, 'foreign')] } as SQSEvent, context);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'foreign' }]);
    expect(calls).toBe(0);
  });

  it('refuses to start with an event type that has no handler', () => {
    const spec = { name: 'incomplete', eventTypes: ['person.created', 'person.deleted'] as const };
    // @ts-expect-error: the handler of person.deleted is missing, which the types catch first.
    expect(() => consumer({ service: 'test', spec, contracts: DIRECTORY_EVENTS, tableName, handlers: { 'person.created': async () => {} } })).toThrow(/subscribes to person.deleted but has no handler/);
  });
});
