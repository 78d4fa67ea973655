// deliver() against the emulators (DynamoDB Local for the records, moto for SNS and SES v2): one record
// per person, channel and cause written before any send, so nothing is sent twice; the text in the
// person's language; skips and quiet hours with their reasons; retries that end `failed` with the
// reason; abandoned claims that end 'outcome unknown' without a send; a broadcast's counter shards;
// and the sends worker (poison messages fail alone, a run short of time hands the rest back).
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { Context, SQSEvent } from 'aws-lambda';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clockControl } from '@liaison/kit/clock';
import { newId } from '@liaison/kit/ids';
import { sendDeferred } from '../src/schedules/deferred';
import { deliver, DeliveryInFlightError, forgetProfile, sendBroadcastChunk } from '../src/send/deliver';
import { LEASE_MS, resetPacing } from '../src/send/engine';
import { awsSenders, type Senders } from '../src/send/providers';
import { createBroadcast } from '../src/store/broadcasts';
import { readBroadcastCounts } from '../src/store/counts';
import { createDeliveries, getDelivery, type DeliveryRecord } from '../src/store/deliveries';
import { deliveryId } from '../src/store/keys';
import type { MessageRequest } from '../src/types';
import { handler as sendsHandler, handleSends, type SendsMessage } from '../src/workers/sends';
import { consumerQueues } from '../../../test/support/int';
import { DAY, NIGHT, NIGHT_ENDS, putPerson, putProfile, sendsTo, table } from './sending';

const sqs = new SQSClient({});

function tripChanged(personId: string, over: Partial<MessageRequest> = {}): MessageRequest {
  return {
    cause: `${newId('evt')}:trip.changed`,
    recipient: { personId },
    templateKey: 'trip.changed',
    vars: { trip: 'pick-up', time: { id: 'Sel 2 Mar 09.00 WIB', en: 'Tue 2 Mar 09:00 WIB' }, from: 'CGK T3', to: 'Hotel Mulia', vehicle: 'B 1234 XY', driver: 'Budi', previousTime: '08:00', changes: 'time' },
    channels: ['sms', 'email'],
    priority: 'normal',
    sourceEventId: null,
    ...over,
  };
}

/** Senders that fail the first `failures` calls with `error`, then send through the emulator. */
function failing(failures: number, error: () => Error): Senders & { calls: number } {
  const s = {
    calls: 0,
    async sms(m: Parameters<Senders['sms']>[0]) {
      s.calls += 1;
      if (s.calls <= failures) throw error();
      return awsSenders.sms(m);
    },
    async email(m: Parameters<Senders['email']>[0]) {
      s.calls += 1;
      if (s.calls <= failures) throw error();
      return awsSenders.email(m);
    },
  };
  return s;
}

const providerError = (name: string, status: number) => Object.assign(new Error('refused +6281234567890'), { name, $metadata: { httpStatusCode: status } });

beforeAll(async () => {
  process.env.LIAISON_SMS_PER_PROCESS_PER_SECOND = '200';
  process.env.LIAISON_EMAIL_PER_PROCESS_PER_SECOND = '200';
  resetPacing();
  await putProfile();
  forgetProfile();
});

afterAll(() => clockControl.reset());

describe('deliver', () => {
  it('sends a person one SMS and one email in their language, records both as sent, and the emulator got each once', async () => {
    const p = await putPerson({ language: 'id' });
    const outcomes = await deliver([tripChanged(p.id)], { now: DAY });
    expect(outcomes).toEqual([
      expect.objectContaining({ personId: p.id, channel: 'sms', status: 'sent', reason: null, fresh: true }),
      expect.objectContaining({ personId: p.id, channel: 'email', status: 'sent', reason: null, fresh: true }),
    ]);
    const sms = await getDelivery(table, outcomes[0]!.deliveryId);
    expect(sms).toMatchObject({ status: 'sent', language: 'id', to: p.phone, segments: 1, encoding: 'GSM-7', attempts: 1, leaseUntil: null, sentAt: expect.any(String), providerId: expect.any(String) });
    expect(sms!.body).toContain('Perubahan pick-up: kini Sel 2 Mar 09.00 WIB');
    const email = await getDelivery(table, outcomes[1]!.deliveryId);
    expect(email).toMatchObject({ status: 'sent', subject: 'Perubahan pick-up: Sel 2 Mar 09.00 WIB', to: p.email });
    expect(await sendsTo([p.phone!, p.email!])).toEqual(new Map([[p.phone!, 1], [p.email!, 1]]));
  });

  it('sends nothing when the same request comes again, even three times at once, and answers the stored status', async () => {
    const p = await putPerson();
    const req = tripChanged(p.id);
    await deliver([req], { now: DAY });
    const again = await deliver([req], { now: DAY });
    expect(again.map((o) => [o.status, o.fresh])).toEqual([['sent', false], ['sent', false]]);

    const q = await putPerson();
    const raced = tripChanged(q.id);
    const results = await Promise.allSettled([deliver([raced], { now: DAY }), deliver([raced], { now: DAY }), deliver([raced], { now: DAY })]);
    // The losers find the record, and wait for its sender's answer instead of sending.
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    for (const r of results) if (r.status === 'fulfilled') expect(r.value.map((o) => o.status)).toEqual(['sent', 'sent']);
    const fresh = results.flatMap((r) => (r.status === 'fulfilled' ? r.value.filter((o) => o.fresh) : []));
    expect(fresh).toHaveLength(2);
    expect(await sendsTo([p.phone!, p.email!, q.phone!, q.email!])).toEqual(new Map([[p.phone!, 1], [p.email!, 1], [q.phone!, 1], [q.email!, 1]]));
  });

  it('skips with the reason: an unknown person, a channel without consent, a channel without an address', async () => {
    const noEmailConsent = await putPerson({ consent: { sms: true, email: false } });
    const noPhone = await putPerson({ phone: null });
    const outcomes = await deliver([tripChanged('per_nobody'), tripChanged(noEmailConsent.id), tripChanged(noPhone.id)], { now: DAY });
    expect(outcomes.map((o) => [o.channel, o.status, o.reason])).toEqual([
      ['sms', 'skipped', 'unknown person'],
      ['email', 'skipped', 'unknown person'],
      ['sms', 'sent', null],
      ['email', 'skipped', 'no consent for email'],
      ['sms', 'skipped', 'no phone'],
      ['email', 'sent', null],
    ]);
    expect(await sendsTo([noEmailConsent.email!, noPhone.email!])).toEqual(new Map([[noEmailConsent.email!, 0], [noPhone.email!, 1]]));
  });

  it('skips a broadcast template whose variable has no value instead of sending a hole', async () => {
    const p = await putPerson();
    const [sms] = await deliver([tripChanged(p.id, { vars: { trip: 'pick-up' }, channels: ['sms'] })], { now: DAY });
    expect(sms).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/^template variable missing: time, /) });
    expect(await sendsTo([p.phone!])).toEqual(new Map([[p.phone!, 0]]));
  });

  it('defers a normal message in quiet hours; the deferred-sends schedule sends it once when they end; urgent goes at once', async () => {
    const p = await putPerson();
    const [sms, email] = await deliver([tripChanged(p.id)], { now: NIGHT });
    expect([sms!.status, sms!.reason, email!.status]).toEqual(['deferred', 'quiet hours', 'deferred']);
    expect(await getDelivery(table, sms!.deliveryId)).toMatchObject({ sendAt: new Date(NIGHT_ENDS).toISOString() });

    await sendDeferred(table, { nowMs: NIGHT_ENDS - 60_000 });
    expect((await getDelivery(table, sms!.deliveryId))!.status).toBe('deferred');
    await sendDeferred(table, { nowMs: NIGHT_ENDS });
    expect(await getDelivery(table, sms!.deliveryId)).toMatchObject({ status: 'sent', reason: null, sendAt: new Date(NIGHT_ENDS).toISOString() });
    expect((await getDelivery(table, email!.deliveryId))!.status).toBe('sent');
    await sendDeferred(table, { nowMs: NIGHT_ENDS + 60_000 });
    expect(await sendsTo([p.phone!, p.email!])).toEqual(new Map([[p.phone!, 1], [p.email!, 1]]));

    const u = await putPerson();
    const urgent = await deliver([tripChanged(u.id, { priority: 'urgent' })], { now: NIGHT });
    expect(urgent.map((o) => o.status)).toEqual(['sent', 'sent']);
  });

  it('skips a deferred delivery when its time comes if the person has withdrawn consent meanwhile', async () => {
    const p = await putPerson();
    const [sms] = await deliver([tripChanged(p.id, { channels: ['sms'] })], { now: NIGHT });
    await putPerson({ id: p.id, phone: p.phone, consent: { sms: false, email: true } });
    await sendDeferred(table, { nowMs: NIGHT_ENDS });
    expect(await getDelivery(table, sms!.deliveryId)).toMatchObject({ status: 'skipped', reason: 'no consent for sms' });
    expect(await sendsTo([p.phone!])).toEqual(new Map([[p.phone!, 0]]));
  });

  it('retries throttling and provider 5xx, and ends failed with the reason after three tries', async () => {
    const a = await putPerson();
    const throttledTwice = failing(2, () => providerError('ThrottledException', 400));
    const [ok] = await deliver([tripChanged(a.id, { channels: ['sms'] })], { now: DAY, senders: throttledTwice });
    expect(ok).toMatchObject({ status: 'sent', fresh: true });
    expect(await getDelivery(table, ok!.deliveryId)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(await sendsTo([a.phone!])).toEqual(new Map([[a.phone!, 1]]));

    const b = await putPerson();
    const down = failing(99, () => providerError('InternalErrorException', 500));
    const [failed] = await deliver([tripChanged(b.id, { channels: ['sms'] })], { now: DAY, senders: down });
    expect(failed).toMatchObject({ status: 'failed', reason: 'provider error 500 (InternalErrorException) after 3 tries' });
    expect(down.calls).toBe(3);
    const stored = await getDelivery(table, failed!.deliveryId);
    expect(stored).toMatchObject({ status: 'failed', attempts: 3, leaseUntil: null });
    // The provider's message quoted the number: the reason never does.
    expect(stored!.reason).not.toContain('+62');
  });

  it('gives up at once on a refusal, and never retries a send that got no answer (it may have gone out)', async () => {
    const a = await putPerson();
    const refused = failing(99, () => providerError('InvalidParameterException', 400));
    const [r1] = await deliver([tripChanged(a.id, { channels: ['sms'] })], { now: DAY, senders: refused });
    expect([r1!.status, r1!.reason, refused.calls]).toEqual(['failed', 'InvalidParameterException (400)', 1]);

    const b = await putPerson();
    const silent = failing(99, () => Object.assign(new Error('timed out'), { name: 'TimeoutError' }));
    const [r2] = await deliver([tripChanged(b.id, { channels: ['email'] })], { now: DAY, senders: silent });
    expect([r2!.status, r2!.reason, silent.calls]).toEqual(['failed', 'outcome unknown: no answer (TimeoutError)', 1]);
  });

  it('ends a claim abandoned past its lease as failed "outcome unknown" without sending it; a claim within its lease is left to its sender', async () => {
    const p = await putPerson();
    const req = tripChanged(p.id, { channels: ['sms'] });
    const id = deliveryId(req.cause, p.id, 'sms');
    const claim = (leaseUntil: number): DeliveryRecord => ({
      id, cause: req.cause, personId: p.id, recipientKey: p.id, channel: 'sms', to: p.phone, templateKey: 'trip.changed', language: 'en', subject: null, body: 'x', segments: 1, encoding: 'GSM-7',
      status: 'pending', reason: null, sourceEventId: null, broadcastId: null, priority: 'normal', attempts: 0, createdAt: new Date(DAY).toISOString(), sentAt: null, sendAt: null,
      leaseUntil: new Date(leaseUntil).toISOString(), providerId: null, version: 1,
    });
    await createDeliveries(table, [claim(DAY + LEASE_MS)]);
    clockControl.freeze(new Date(DAY + 60_000));
    // (Short of time: it does not wait for the other sender's answer.)
    await expect(deliver([req], { now: DAY + 60_000, remainingMs: () => 5000 })).rejects.toBeInstanceOf(DeliveryInFlightError);
    clockControl.freeze(new Date(DAY + LEASE_MS + 1));
    const [o] = await deliver([req], { now: DAY + LEASE_MS + 1 });
    expect(o).toMatchObject({ status: 'failed', reason: 'outcome unknown', fresh: false });
    clockControl.reset();
    expect(await sendsTo([p.phone!])).toEqual(new Map([[p.phone!, 0]]));

    // The schedule ends abandoned claims too, without anyone asking for them again.
    const q = await putPerson();
    const other = tripChanged(q.id, { channels: ['sms'] });
    await createDeliveries(table, [{ ...claim(DAY - 1), id: deliveryId(other.cause, q.id, 'sms'), cause: other.cause, personId: q.id, recipientKey: q.id, to: q.phone }]);
    const stats = await sendDeferred(table, { nowMs: DAY });
    expect(stats.abandoned).toBeGreaterThanOrEqual(1);
    expect(await getDelivery(table, deliveryId(other.cause, q.id, 'sms'))).toMatchObject({ status: 'failed', reason: 'outcome unknown' });
    expect(await sendsTo([q.phone!])).toEqual(new Map([[q.phone!, 0]]));
  });

  it("counts a broadcast's deliveries in its shards: targeted = sent + failed + skipped + deferred, unchanged by a redelivery", async () => {
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await putPerson());
    const noEmail = await putPerson({ consent: { sms: true, email: false } });
    const id = newId('brc');
    await createBroadcast(table, {
      id, audience: { all: true }, message: { en: 'The plenary starts at 10:00 in Hall A.', id: 'Pleno dimulai pukul 10.00 di Hall A.' }, templateKey: null, vars: {},
      channels: ['sms', 'email'], priority: 'urgent', createdBy: 'per_org', createdAt: new Date(DAY).toISOString(),
    });
    const ids = [...people.map((p) => p.id), noEmail.id, 'per_gone'];
    await sendBroadcastChunk(id, ids, { tableName: table, now: DAY });
    const expected = { targeted: 14, sent: 11, failed: 0, skipped: 3, deferred: 0, pending: 0 };
    expect(await readBroadcastCounts(table, id, true)).toEqual(expected);
    await sendBroadcastChunk(id, ids, { tableName: table, now: DAY });
    expect(await readBroadcastCounts(table, id, true)).toEqual(expected);
    expect([...(await sendsTo(people.map((p) => p.phone!))).values()]).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('the sends worker', () => {
  // At 10:00 in Jakarta: on the real clock, a run after 22:00 there would defer these normal messages.
  beforeEach(() => clockControl.freeze(new Date(DAY)));
  afterEach(() => clockControl.reset());

  function sqsEvent(bodies: string[]): SQSEvent {
    return {
      Records: bodies.map((body, i) => ({
        messageId: `m${i}`,
        receiptHandle: 'rh',
        body,
        attributes: { ApproximateReceiveCount: '1', SentTimestamp: '0', SenderId: 'x', ApproximateFirstReceiveTimestamp: '0' },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:ap-southeast-3:123456789012:sends',
        awsRegion: 'ap-southeast-3',
      })),
    };
  }

  it('fails only the poison messages of a batch; the rest are delivered', async () => {
    const p = await putPerson();
    const good: SendsMessage = { kind: 'requests', requests: [tripChanged(p.id, { channels: ['sms'] })] };
    const out = await sendsHandler(sqsEvent(['not json', JSON.stringify(good), JSON.stringify({ kind: 'broadcast', personIds: [] })]), {} as Context);
    expect(out.batchItemFailures).toEqual([{ itemIdentifier: 'm0' }, { itemIdentifier: 'm2' }]);
    expect(await sendsTo([p.phone!])).toEqual(new Map([[p.phone!, 1]]));
  });

  it('sends what fits when short of time, hands the message back to the queue, and the next run sends the rest once', async () => {
    const people = [];
    for (let i = 0; i < 30; i++) people.push(await putPerson());
    const message: SendsMessage = { kind: 'requests', requests: people.map((p) => tripChanged(p.id, { channels: ['sms'], cause: `short-${p.id}` })) };
    await handleSends(message, { context: { getRemainingTimeInMillis: () => 1000 } as Context }, { now: DAY });
    const first = await sendsTo(people.map((p) => p.phone!));
    expect([...first.values()].filter((n) => n === 1)).toHaveLength(25);

    const { queueUrl } = consumerQueues('sends', 'notifications');
    const deadline = Date.now() + 20_000;
    let handedBack: SendsMessage | null = null;
    while (!handedBack && Date.now() < deadline) {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      for (const m of got.Messages ?? []) {
        const body = JSON.parse(m.Body ?? '{}') as SendsMessage;
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
        if (body.kind === 'requests' && body.requests[0]?.cause === message.requests[0]!.cause) handedBack = body;
      }
    }
    expect(handedBack).toEqual(message);
    await handleSends(handedBack!, { context: { getRemainingTimeInMillis: () => 120_000 } as Context }, { now: DAY });
    expect([...(await sendsTo(people.map((p) => p.phone!))).values()]).toEqual(people.map(() => 1));
  });
});
