// Fault test: 20 % of the SMS (SNS Publish) and email (SES SendEmail) calls fail at random (throttled, a
// provider 5xx, a connection reset; injected in the kit's transport before the request leaves, so the
// emulator never sees them), over a 1,000-person broadcast run through the real `sends` queue by two pollers (every chunk
// queued twice, as SQS may deliver it) and a burst of trip changes delivered twice over, concurrently.
// Every person ends with exactly one record per channel and cause, `sent` or `failed`; the emulator
// holds exactly one message per `sent` record and none per `failed` one (never two sends); the
// broadcast's counts add up; poison messages end in the DLQ while the good ones are delivered.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Context, SQSEvent } from 'aws-lambda';
import { ChangeMessageVisibilityCommand, DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { useTransport } from '@liaison/kit/aws/request';
import { batchGet, type Item } from '@liaison/kit/ddb/table';
import { newId } from '@liaison/kit/ids';
import { sendWork } from '@liaison/kit/work/queue';
import { deliver, forgetProfile } from '../src/send/deliver';
import { resetPacing } from '../src/send/engine';
import { createBroadcast } from '../src/store/broadcasts';
import { readBroadcastCounts } from '../src/store/counts';
import { toDeliveryRecord, type DeliveryRecord } from '../src/store/deliveries';
import { deliveryId, keys } from '../src/store/keys';
import type { Channel, MessageRequest } from '../src/types';
import { handler as sendsHandler, sendsQueue } from '../src/workers/sends';
import { consumerQueues, purgeQueue } from '../../../test/support/int';
import { loadPeople, personItem, putProfile, sendsTo, table } from './sending';

const FAULT_RATE = 0.2;
const seed = Number(process.env.FAULT_SEED ?? Math.floor(Math.random() * 2 ** 31));
/** mulberry32: reproducible with FAULT_SEED (printed when a test fails). */
const random = (() => {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();

const injected = { calls: 0, faults: 0 };
function fault(): Error {
  const kind = Math.floor(random() * 3);
  if (kind === 0) return Object.assign(new Error('Rate exceeded'), { name: 'ThrottledException', $metadata: { httpStatusCode: 400 } });
  if (kind === 1) return Object.assign(new Error('Internal failure'), { name: 'InternalErrorException', $metadata: { httpStatusCode: 500 } });
  return Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
}
/** The provider calls (SMS through SNS Publish, email through SES SendEmail): not the queue's or the events'. */
const PROVIDER_CALLS = new Set(['SNS.Publish', 'SESV2.SendEmail']);
let removeFaults = () => {};
/** Fails a share of provider calls before they leave, as a provider that throttles, fails or drops the connection would. */
function injectFaults(): void {
  removeFaults = useTransport((next) => async (request, info) => {
    if (!PROVIDER_CALLS.has(`${info.service}.${info.action}`)) return next(request, info);
    injected.calls += 1;
    if (random() < FAULT_RATE) {
      injected.faults += 1;
      throw fault();
    }
    return next(request, info);
  });
}

const sqs = new SQSClient({});

async function records(ids: string[]): Promise<Map<string, DeliveryRecord>> {
  const items = await batchGet<Item>(table, ids.map((id) => keys.delivery(id)), true);
  return new Map(items.map((i) => [i.id as string, toDeliveryRecord(i)]));
}

/** What the emulator must hold: one message per `sent` record, none per `failed` one. */
function expectedSends(all: DeliveryRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of all) if (r.to) out.set(r.to, (out.get(r.to) ?? 0) + (r.status === 'sent' ? 1 : 0));
  return out;
}

function sqsEvent(messages: Message[]): SQSEvent {
  return {
    Records: messages.map((m) => ({
      messageId: m.MessageId!,
      receiptHandle: m.ReceiptHandle!,
      body: m.Body ?? '',
      attributes: { ApproximateReceiveCount: m.Attributes?.ApproximateReceiveCount ?? '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:ap-southeast-3:123456789012:sends',
      awsRegion: 'ap-southeast-3',
    })),
  };
}

async function depth(queueUrl: string): Promise<number> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

/**
 * Reads the queue the way Lambda's event source does (batches of the spec's size, the handler's batch
 * item failures kept, the rest deleted), with failed messages back after a second instead of six
 * timeouts, until the queue is empty.
 */
async function poll(queueUrl: string, stopAt: number): Promise<{ batches: number; failures: number }> {
  const stats = { batches: 0, failures: 0 };
  while (Date.now() < stopAt) {
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: sendsQueue.batchSize, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }));
    const messages = got.Messages ?? [];
    if (messages.length === 0) {
      if ((await depth(queueUrl)) === 0) return stats;
      continue;
    }
    stats.batches += 1;
    const out = await sendsHandler(sqsEvent(messages), { getRemainingTimeInMillis: () => 120_000 } as Context);
    const failed = new Set(out.batchItemFailures.map((f) => f.itemIdentifier));
    stats.failures += failed.size;
    const done = messages.filter((m) => !failed.has(m.MessageId!));
    if (done.length > 0) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: done.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle! })) }));
    for (const m of messages.filter((x) => failed.has(x.MessageId!))) {
      await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle!, VisibilityTimeout: 1 }));
    }
  }
  return stats;
}

beforeAll(async () => {
  process.env.LIAISON_SMS_PER_PROCESS_PER_SECOND = '1000';
  process.env.LIAISON_EMAIL_PER_PROCESS_PER_SECOND = '1000';
  resetPacing();
  await putProfile(null);
  forgetProfile();
  injectFaults();
});

afterAll(() => {
  removeFaults();
  console.log(`fault test: seed ${seed} (FAULT_SEED=${seed} repeats it), ${injected.faults} of ${injected.calls} provider calls failed`);
});

describe('sending while 20 % of SNS and SES calls fail', () => {
  it('broadcast to 1,000 people, every chunk queued twice: one sent or failed record per person and channel, never two sends, the counts add up, poison messages in the DLQ', async () => {
    const people = Array.from({ length: 1000 }, (_, i) => personItem(i % 10 === 0 ? { consent: { sms: true, email: false } } : {}));
    await loadPeople(people);
    const broadcastId = newId('brc');
    await createBroadcast(table, {
      id: broadcastId, audience: { all: true }, message: { en: 'Shuttle buses now leave every 10 minutes from Gate 3.', id: 'Bus antar-jemput kini berangkat tiap 10 menit dari Gerbang 3.' },
      templateKey: null, vars: {}, channels: ['sms', 'email'], priority: 'urgent', createdBy: 'per_org', createdAt: '2027-03-02T03:00:00.000Z',
    });

    const { queueUrl, deadLetterQueueUrl } = consumerQueues('sends', 'notifications');
    await purgeQueue(queueUrl);
    await purgeQueue(deadLetterQueueUrl!);
    const chunks = [];
    for (let i = 0; i < people.length; i += 50) chunks.push({ kind: 'broadcast', broadcastId, personIds: people.slice(i, i + 50).map((p) => p.id) });
    const poison = ['{"kind":"broadcast","broadcastId":"brc_x"}', 'not json at all'];
    await sendWork(queueUrl, [...chunks, ...chunks]);
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: poison.map((MessageBody, i) => ({ Id: String(i), MessageBody })) }));

    // Two pollers: duplicates of a chunk may run at the same time, as two Lambda processes would.
    const stopAt = Date.now() + 480_000;
    const polled = await Promise.all([poll(queueUrl, stopAt), poll(queueUrl, stopAt)]);
    expect(await depth(queueUrl)).toBe(0);
    const dlq = [];
    for (let tries = 0; tries < 5 && dlq.length < poison.length; tries++) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: deadLetterQueueUrl!, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, VisibilityTimeout: 30 }));
      dlq.push(...(got.Messages ?? []).map((m) => m.Body));
    }
    expect(dlq.sort()).toEqual([...poison].sort());
    // Only the poison messages ever failed: each of its receives (maxReceiveCount).
    expect(polled[0].failures + polled[1].failures).toBe(poison.length * (sendsQueue.maxReceiveCount ?? 5));

    const ids = people.flatMap((p) => (['sms', 'email'] as Channel[]).map((ch) => deliveryId(`broadcast:${broadcastId}`, p.id, ch)));
    const stored = await records(ids);
    expect(stored.size).toBe(2000);
    const all = [...stored.values()];
    const byStatus = (s: string) => all.filter((r) => r.status === s).length;
    expect(byStatus('pending') + byStatus('deferred')).toBe(0);
    expect(byStatus('skipped')).toBe(100); // no email consent: every tenth person
    for (const r of all.filter((x) => x.status === 'failed')) expect(r.reason).toMatch(/after 3 tries$/);
    expect(byStatus('failed')).toBeGreaterThan(0); // 0.2³ of 1,900 sends: ~15 expected
    expect(await readBroadcastCounts(table, broadcastId, true)).toEqual({ targeted: 2000, sent: byStatus('sent'), failed: byStatus('failed'), skipped: 100, deferred: 0, pending: 0 });
    expect(await sendsTo(people.flatMap((p) => [p.phone!, p.email!]))).toEqual(new Map([...people.flatMap((p) => [[p.phone!, 0], [p.email!, 0]] as [string, number][]), ...expectedSends(all)]));
  }, 600_000);

  it('a burst of trip changes, each delivered twice at once: one sent or failed record per change, person and channel, never two sends', async () => {
    const people = Array.from({ length: 100 }, () => personItem());
    await loadPeople(people);
    const requests: MessageRequest[] = people.flatMap((p) =>
      [1, 2, 3, 4, 5].map((n) => ({
        cause: `evt_burst${p.id}${n}:trip.changed`,
        recipient: { personId: p.id },
        templateKey: 'trip.changed',
        vars: { trip: 'transfer', time: `Tue 2 Mar 0${n}:00 WIB`, from: 'Hotel Mulia', to: 'JCC', vehicle: 'B 77 LO', driver: 'Sari', previousTime: '08:00', changes: 'time' },
        channels: ['sms', 'email'] as Channel[],
        priority: 'urgent' as const,
        sourceEventId: `evt_burst${p.id}${n}`,
        subject: `trip:t${n}`,
      })),
    );
    // Ten calls of 100 requests, each request in two calls, all at once (a consumer batch redelivered while the first still runs).
    const calls: MessageRequest[][] = [];
    for (let i = 0; i < requests.length; i += 100) calls.push(requests.slice(i, i + 100));
    const shifted = calls.map((_, i) => calls[(i + 1) % calls.length]!);
    const settled = await Promise.allSettled([...calls, ...shifted].map((batch) => deliver(batch)));
    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);

    const ids = requests.flatMap((r) => (['sms', 'email'] as Channel[]).map((ch) => deliveryId(r.cause, (r.recipient as { personId: string }).personId, ch)));
    const stored = await records(ids);
    expect(stored.size).toBe(1000);
    const all = [...stored.values()];
    expect(all.filter((r) => r.status !== 'sent' && r.status !== 'failed')).toEqual([]);
    // Each record answered fresh exactly once across the twenty calls.
    const fresh = settled.flatMap((s) => (s.status === 'fulfilled' ? s.value.filter((o) => o.fresh).map((o) => o.deliveryId) : []));
    expect(fresh.sort()).toEqual([...ids].sort());
    expect(await sendsTo(people.flatMap((p) => [p.phone!, p.email!]))).toEqual(new Map([...people.flatMap((p) => [[p.phone!, 0], [p.email!, 0]] as [string, number][]), ...expectedSends(all)]));
  }, 600_000);
});
