// The runtime against what infra really synthesizes for a consumer, a work queue and a schedule (the
// real stack has no consumer yet): a probe service built with infra's own constructs, served from its
// template; and the upload bucket, in moto's S3, written through a presigned URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { ServiceDefinition } from '@liaison/kit/service';
import { buildApp } from '@liaison/infra/app';
import { endpointsFromEnv, type Endpoints } from '../src/emulators';
import { startLocalRuntime, type LocalRuntime } from '../src/runtime';
import type { CfnTemplate } from '../src/template';
import { loadWorkQueueUrl } from '@liaison/kit/config';
import { loadUploadsBucket, presignUpload, readObject } from '@liaison/kit/uploads';
import { sendWork } from '@liaison/kit/work/queue';
import { deliveries } from './fixtures/handlers/consumer';
import { workDone } from './fixtures/handlers/work';
import { runs } from './fixtures/handlers/schedule';

const handlers = path.join(__dirname, 'fixtures/handlers');
const probe: ServiceDefinition = {
  name: 'probe',
  consumers: [{ name: 'party-changes', entry: path.join(handlers, 'consumer.ts'), eventTypes: ['party.created', 'party.updated'], timeoutSeconds: 1, maxReceiveCount: 2 }],
  workQueues: [{ name: 'probe-work', entry: path.join(handlers, 'work.ts'), timeoutSeconds: 2, maxReceiveCount: 2 }],
  schedules: [
    { name: 'probe-tick', entry: path.join(handlers, 'schedule.ts'), expression: 'cron(0/5 * * * ? *)', uses: { sendsWork: ['probe-work'], uploads: ['put', 'get'] } },
  ],
  uses: { table: 'read', publishesEvents: false, sendsSms: true, sendsEmail: true },
};

function synthesize(): CfnTemplate {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-probe-'));
  try {
    const { app, stack } = buildApp({ event: 'jakarta-summit-2027', stage: 'dev', bundle: false, outdir, services: [probe] });
    return app.synth().getStackByName(stack.stackName).template as CfnTemplate;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

const sns = new SNSClient({});
let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startLocalRuntime({
    port: 0,
    endpoints: endpointsFromEnv() as Endpoints,
    template: synthesize(),
    prefix: `ip-${randomBytes(3).toString('hex')}-`,
    timers: false,
    log: () => {},
  });
}, 60_000);
afterAll(async () => {
  sns.destroy();
  await runtime?.stop();
});

async function waitFor<T>(fn: () => T, timeoutMs: number): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = fn();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("infra's consumer and schedule, served locally", () => {
  it('delivers the event types the consumer listed, raw, and not others', async () => {
    const [topic] = Object.values(runtime.stack.topics).filter((t) => t.arn === runtime.stack.env.LIAISON_EVENTS_TOPIC_ARN);
    expect(topic).toBeDefined();
    const publish = (type: string, id: string) =>
      sns.send(new PublishCommand({ TopicArn: topic!.arn, Message: JSON.stringify({ id }), MessageAttributes: { type: { DataType: 'String', StringValue: type } } }));
    await publish('party.deleted', 'not-mine');
    await publish('party.created', 'mine');
    const got = await waitFor(() => deliveries.find((d) => d.id === 'mine'), 10_000);
    expect(got.receiveCount).toBe(1);
    expect(deliveries.some((d) => d.id === 'not-mine')).toBe(false);
    expect(runtime.stack.consumers.filter((c) => c.kind === 'consumer')).toEqual([expect.objectContaining({ name: 'party-changes', service: 'probe' })]);
  });

  it('gives the consumer queue the visibility timeout and DLQ infra chose', () => {
    const consumer = runtime.stack.consumers.find((c) => c.kind === 'consumer')!;
    const queue = runtime.stack.queues[consumer.queue]!;
    expect(queue).toMatchObject({ visibilityTimeoutSeconds: 6, maxReceiveCount: 2 });
    expect(consumer.deadLetterQueueUrl).toBe(runtime.stack.queues[queue.deadLetterQueue!]!.url);
  });

  it('runs the schedule on demand by its name', async () => {
    runs.length = 0;
    const res = await fetch(`${runtime.url}/_local/schedules/probe-tick/run`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(runs).toHaveLength(1);
  });

  it('gives functions the SMS and email settings infra binds', () => {
    expect(runtime.stack.env).toMatchObject({ LIAISON_SMS_SENDER_ID: expect.any(String), LIAISON_EMAIL_FROM: expect.stringContaining('@') });
  });
});

describe("infra's work queue and upload bucket, served locally", () => {
  it('polls the work queue, found from the template, and runs its worker on what a sender sends', async () => {
    expect(runtime.stack.consumers.filter((c) => c.kind === 'worker')).toEqual([expect.objectContaining({ name: 'probe-work', service: 'probe' })]);
    const ids = Array.from({ length: 13 }, (_, i) => `work-${i}`);
    await sendWork(loadWorkQueueUrl('probe-work'), ids.map((id) => ({ id })));
    await waitFor(() => ids.every((id) => workDone.some((w) => w.id === id)), 15_000);
    expect(workDone.filter((w) => ids.includes(w.id)).map((w) => w.id).sort()).toEqual([...ids].sort());
  });

  it('gives the work queue the visibility timeout and DLQ infra chose', () => {
    const worker = runtime.stack.consumers.find((c) => c.kind === 'worker')!;
    expect(runtime.stack.queues[worker.queue]).toMatchObject({ visibilityTimeoutSeconds: 12, maxReceiveCount: 2 });
    expect(worker.deadLetterQueueUrl).not.toBeNull();
  });

  it('creates the upload bucket in moto, and a presigned PUT lands there', async () => {
    const bucket = loadUploadsBucket();
    expect(Object.values(runtime.stack.buckets).map((b) => b.name)).toContain(bucket);
    const url = await presignUpload(bucket, 'imports/probe/upload', 'text/csv', 60);
    expect(url.startsWith(`${runtime.endpoints.aws}/${bucket}/imports/probe/upload?`)).toBe(true);
    const put = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: 'name,role\nAda,guest\n' });
    expect(put.status).toBe(200);
    expect((await readObject(bucket, 'imports/probe/upload'))?.toString('utf8')).toBe('name,role\nAda,guest\n');
    expect((await readObject(bucket, 'imports/probe/upload', { start: 5, end: 8 }))?.toString('utf8')).toBe('role');
    expect(await readObject(bucket, 'imports/probe/nothing')).toBeNull();
  });
});
