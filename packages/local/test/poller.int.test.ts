import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { GetQueueAttributesCommand, PurgeQueueCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { endpointsFromEnv, type Endpoints } from '../src/emulators';
import { startLocalRuntime, type LocalRuntime } from '../src/runtime';
import { planStack } from '../src/stack';
import { loadFunctions } from '../src/lambda';
import { QueuePoller } from '../src/poller';
import { provision, type ProvisionedStack } from '../src/provision';
import { deliveries, inFlight } from './fixtures/handlers/consumer';
import { fixtureTemplate } from './fixture';

const endpoints = endpointsFromEnv() as Endpoints;
const sqs = new SQSClient({});
afterAll(() => sqs.destroy());

async function send(queueUrl: string, bodies: object[]): Promise<void> {
  await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: bodies.map((b, i) => ({ Id: String(i), MessageBody: JSON.stringify(b) })) }));
}

async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs: number): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Receives everything visible now, leaving it where it is (visible again at once). */
async function peek(queueUrl: string): Promise<Message[]> {
  const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0, VisibilityTimeout: 0 }));
  return out.Messages ?? [];
}

const ids = (id: string) => deliveries.filter((d) => d.id === id);

beforeEach(() => {
  deliveries.length = 0;
});

describe('the queue poller in the runtime', () => {
  let runtime: LocalRuntime;
  let queueUrl: string;
  let dlqUrl: string;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ port: 0, endpoints, template: fixtureTemplate(), prefix: `pl-${randomBytes(3).toString('hex')}-`, timers: false, log: () => {} });
    queueUrl = runtime.stack.queues.ThingsQueue9A1F0C3D!.url;
    dlqUrl = runtime.stack.queues.ThingsDlq4B2C1A0E!.url;
  });
  afterAll(() => runtime?.stop());

  it('deletes the messages that succeeded, retries a failed one, and moves it to the DLQ after maxReceiveCount receives, without holding back the rest', async () => {
    await send(queueUrl, [{ id: 'poison', behaviour: 'fail' }]);
    await send(queueUrl, [{ id: 'ok-1' }, { id: 'ok-2' }, { id: 'ok-3' }]);
    // The good ones are done while the poison one is still being retried.
    await waitFor(() => ids('ok-1').length && ids('ok-2').length && ids('ok-3').length, 5000);
    const dead = await waitFor(async () => {
      const got = await peek(dlqUrl);
      return got.length > 0 ? got : null;
    }, 10_000);
    expect(dead.map((m) => JSON.parse(m.Body!))).toEqual([{ id: 'poison', behaviour: 'fail' }]);
    // maxReceiveCount is 2: two deliveries, then SQS (moto) redrives it instead of a third.
    expect(ids('poison').map((d) => d.receiveCount)).toEqual([1, 2]);
    for (const ok of ['ok-1', 'ok-2', 'ok-3']) expect(ids(ok)).toHaveLength(1);
    expect(await peek(queueUrl)).toEqual([]);
  });
});

describe('several pollers per queue (pollersPerQueue), as Lambda runs batches of a queue at once', () => {
  let runtime: LocalRuntime;
  let queueUrl: string;

  beforeAll(async () => {
    runtime = await startLocalRuntime({ port: 0, endpoints, template: fixtureTemplate(), prefix: `pp-${randomBytes(3).toString('hex')}-`, timers: false, pollersPerQueue: 3, log: () => {} });
    queueUrl = runtime.stack.queues.ThingsQueue9A1F0C3D!.url;
  });
  afterAll(() => runtime?.stop());

  it('handles a batch while another is still running', async () => {
    inFlight.max = 0;
    // One message at a time, each held 0.5 s by its batch: the next one sent meanwhile can only be taken by another poller.
    for (const id of ['p-1', 'p-2', 'p-3']) {
      await send(queueUrl, [{ id, behaviour: 'pause' }]);
      await waitFor(() => ids(id).length, 5000);
    }
    expect(inFlight.max).toBeGreaterThanOrEqual(2);
    await waitFor(() => inFlight.ids.size === 0, 5000);
  });

  it('refuses a number of pollers it cannot use', async () => {
    await expect(startLocalRuntime({ port: 0, endpoints, template: fixtureTemplate(), prefix: 'pz-', timers: false, pollersPerQueue: 0, log: () => {} })).rejects.toThrow(
      'pollers per queue must be a whole number from 1 to 10, not 0',
    );
  });
});

describe('one batch, as Lambda settles it', () => {
  let poller: QueuePoller;
  let queueUrl: string;

  beforeAll(async () => {
    const template = fixtureTemplate();
    const prefix = `pb-${randomBytes(3).toString('hex')}-`;
    const stack: ProvisionedStack = await provision(template, { prefix, endpoints });
    const plan = planStack(template, { prefix, endpoints });
    const functions = await loadFunctions(plan.model.functions.values());
    const consumer = plan.model.consumers.find((c) => c.function === 'ThingsConsumerFunctionA1A1A1A1')!;
    queueUrl = stack.queues.ThingsQueue9A1F0C3D!.url;
    poller = new QueuePoller({ sqs, consumer, fn: functions.get(consumer.function)!, queueUrl, queueName: 'things', region: plan.region, log: () => {} });
  });

  beforeEach(() => sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl })));

  /** Sends the bodies and receives them as one batch, as the poller's receive would. */
  async function batchOf(bodies: object[]): Promise<Message[]> {
    await send(queueUrl, bodies);
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    expect(out.Messages).toHaveLength(bodies.length);
    return out.Messages!;
  }

  /** Messages still on the queue (visible or in flight): the ones the poller did not delete. */
  async function remaining(): Promise<number> {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    return Number(Attributes!.ApproximateNumberOfMessages) + Number(Attributes!.ApproximateNumberOfMessagesNotVisible);
  }

  /** The ids that come back once their visibility timeout (1 s) is over. */
  async function comeBack(count: number): Promise<string[]> {
    const seen = await waitFor(async () => {
      const got = await peek(queueUrl);
      return got.length >= count ? got : null;
    }, 5000);
    return seen.map((m) => (JSON.parse(m.Body!) as { id: string }).id).sort();
  }

  it('deletes all but the reported failures', async () => {
    const outcome = await poller.deliver(await batchOf([{ id: 'a' }, { id: 'b', behaviour: 'fail' }, { id: 'c' }]));
    expect(outcome).toMatchObject({ size: 3, failed: 1, wholeBatch: false });
    expect(await remaining()).toBe(1);
    expect(await comeBack(1)).toEqual(['b']);
  });

  it('deletes nothing when the function throws', async () => {
    const outcome = await poller.deliver(await batchOf([{ id: 'd' }, { id: 'e', behaviour: 'throw' }]));
    expect(outcome).toMatchObject({ size: 2, failed: 2, wholeBatch: true });
    expect(await remaining()).toBe(2);
    expect(await comeBack(2)).toEqual(['d', 'e']);
  });

  it('deletes nothing when batchItemFailures names a message that is not in the batch', async () => {
    const outcome = await poller.deliver(await batchOf([{ id: 'f' }, { id: 'g', behaviour: 'bogus' }]));
    expect(outcome).toMatchObject({ size: 2, failed: 2, wholeBatch: true });
    expect(await comeBack(2)).toEqual(['f', 'g']);
  });

  it('deletes nothing when the function runs past its timeout', async () => {
    const outcome = await poller.deliver(await batchOf([{ id: 'h', behaviour: 'slow' }]));
    expect(outcome).toMatchObject({ size: 1, failed: 1, wholeBatch: true });
    expect(await remaining()).toBe(1);
  });
});
