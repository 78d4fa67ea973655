// A broadcast whose hand-over to the fan-out fails, against the emulators: POST /broadcasts stores it and
// still answers 202 (SQS refused before the request left, through the kit's transport hook); it stays
// `queued` until the `queued-broadcasts` schedule, once it has been queued a minute, sends it to the
// fan-out queue again; the fan-out worker then fans it out, and the schedule leaves it alone after that.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { Context, SQSEvent } from 'aws-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { useTransport } from '@liaison/kit/aws/request';
import { clockControl } from '@liaison/kit/clock';
import { loadWorkQueueUrl } from '@liaison/kit/config';
import { purgeQueue, useOwnTable } from '../../../test/support/int';

// A table of its own: the schedule reads every queued broadcast in the table.
useOwnTable();

let h = {} as typeof import('./invoke');
let schedule = {} as typeof import('../src/schedules/queued-broadcasts');
let fanout = {} as typeof import('../src/workers/fanout');
let queueUrl: string;
const sqs = new SQSClient({});
let restoreTransport = () => {};

beforeAll(async () => {
  h = await import('./invoke');
  schedule = await import('../src/schedules/queued-broadcasts');
  fanout = await import('../src/workers/fanout');
  const { BROADCAST_FANOUT } = await import('../src/workers/fanout-queue');
  queueUrl = loadWorkQueueUrl(BROADCAST_FANOUT.name);
  await h.profile(null);
});

afterEach(() => {
  restoreTransport();
  clockControl.reset();
});

afterAll(() => sqs.destroy());

/** Makes every SQS call fail before it leaves, as an SQS that cannot be reached would; counts them. */
function sqsUnreachable(): { calls: number } {
  const seen = { calls: 0 };
  restoreTransport = useTransport((next) => async (request, info) => {
    if (info.service !== 'SQS') return next(request, info);
    seen.calls += 1;
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5000'), { code: 'ECONNREFUSED' });
  });
  return seen;
}

/** Takes every message now on the fan-out queue (polling until it has been empty for a second), deleting them. */
async function drainFanoutQueue(): Promise<Message[]> {
  const out: Message[] = [];
  for (const stopAt = Date.now() + 10_000; Date.now() < stopAt; ) {
    const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageSystemAttributeNames: ['All'] }));
    const messages = got.Messages ?? [];
    if (messages.length === 0) return out;
    for (const m of messages) await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle! }));
    out.push(...messages);
  }
  return out;
}

const asSqsEvent = (m: Message): SQSEvent =>
  ({ Records: [{ messageId: m.MessageId, receiptHandle: m.ReceiptHandle, body: m.Body, attributes: { ApproximateReceiveCount: '1' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1' }] }) as unknown as SQSEvent;
const workerContext = { getRemainingTimeInMillis: () => 120_000 } as Context;

describe('a broadcast whose hand-over to the fan-out fails', () => {
  it('is answered 202 and stays queued, then the queued-broadcasts schedule has it fanned out once it has waited a minute', async () => {
    await purgeQueue(queueUrl);
    const d = await h.delegation(3);
    const t0 = Date.now();
    clockControl.freeze(new Date(t0));

    const failing = sqsUnreachable();
    const res = await h.call({ method: 'POST', url: '/broadcasts', body: h.broadcastBody({ audience: { partyIds: [d.partyId] } }), claims: h.organizer });
    restoreTransport();
    expect(failing.calls).toBeGreaterThan(0);
    expect(res.status).toBe(202);
    const id = res.body.broadcastId as string;
    const got = await h.call({ method: 'GET', url: `/broadcasts/${id}`, claims: h.organizer });
    expect(got.body).toMatchObject({ id, status: 'queued', recipients: null });
    expect(await drainFanoutQueue()).toEqual([]);

    // Within the minute the schedule leaves it to the POST's own hand-over.
    clockControl.freeze(new Date(t0 + 30_000));
    expect(await schedule.handler({})).toMatchObject({ read: 0, requeued: 0 });

    clockControl.freeze(new Date(t0 + 61_000));
    expect(await schedule.handler({})).toMatchObject({ read: 1, requeued: 1, givenUp: 0 });
    const messages = await drainFanoutQueue();
    expect(messages.map((m) => JSON.parse(m.Body!))).toEqual([{ broadcastId: id }]);

    expect((await fanout.handler(asSqsEvent(messages[0]!), workerContext)).batchItemFailures).toEqual([]);
    const after = await h.call({ method: 'GET', url: `/broadcasts/${id}`, claims: h.organizer });
    expect(after.body).toMatchObject({ id, status: 'sending', recipients: 3 });

    // Fanned out: out of the index, never handed over again.
    clockControl.freeze(new Date(t0 + 3_600_000));
    expect(await schedule.handler({})).toMatchObject({ read: 0, requeued: 0 });
    expect(await drainFanoutQueue()).toEqual([]);
  });

  it('is handed over again later and later while its fan-out does not start, and given up after the last try', async () => {
    const d = await h.delegation(1);
    const t0 = Date.now();
    clockControl.freeze(new Date(t0));
    const failing = sqsUnreachable();
    const res = await h.call({ method: 'POST', url: '/broadcasts', body: h.broadcastBody({ audience: { partyIds: [d.partyId] } }), claims: h.organizer });
    restoreTransport();
    expect([failing.calls > 0, res.status]).toEqual([true, 202]);
    const id = res.body.broadcastId as string;

    // Nobody runs the fan-out: each run that is due sends it again, the wait doubling (1, 2, 4, ... minutes).
    const sentAt: number[] = [];
    for (let minute = 1; minute <= 70; minute++) {
      clockControl.freeze(new Date(t0 + minute * 60_000 + 1_000));
      const stats = await schedule.handler({});
      if (stats.read > 0) sentAt.push(minute);
    }
    expect(sentAt).toEqual([1, 3, 7, 15, 31, 63]);
    const sent = (await drainFanoutQueue()).map((m) => JSON.parse(m.Body!));
    expect(sent).toEqual(Array(6).fill({ broadcastId: id }));
    const got = await h.call({ method: 'GET', url: `/broadcasts/${id}`, claims: h.organizer });
    expect(got.body).toMatchObject({ id, status: 'queued' });
  });
});
