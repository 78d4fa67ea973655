// The notifications consumer of the retention purge, against DynamoDB Local: a purged person's
// delivery log keeps channel, status, reason and times and loses `to`, `subject` and `body`; a delivery
// not yet sent (deferred) keeps what its sender needs; other people's logs are left alone; a
// redelivered event changes nothing more.
import { describe, expect, it } from '@jest/globals';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { makeEvent } from '@liaison/kit/events/envelope';
import { handler } from '../src/consumers/purge';
import { createDeliveries, getDelivery, type DeliveryRecord } from '../src/store/deliveries';
import { uid } from './invoke';

const table = () => process.env.LIAISON_TABLE_NAME as string;
let n = 0;
const batch = (...events: unknown[]): SQSEvent => ({
  Records: events.map((e) => ({ messageId: `purge-${++n}`, receiptHandle: 'r', body: JSON.stringify(e), attributes: { ApproximateReceiveCount: '1' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1' }) as unknown as SQSRecord),
});
const purged = (personIds: string[]) => makeEvent('personal-data.purged', { purgeId: `prg_${++n}`, cutoff: '2027-04-04T17:00:00.000Z', personIds, last: false }, { source: 'directory', correlationId: 'test-purge' });

function record(personId: string, over: Partial<DeliveryRecord>): DeliveryRecord {
  return {
    id: uid('dlv'),
    cause: `test:${uid('c')}`,
    personId,
    recipientKey: personId,
    channel: 'sms',
    to: '+6281200001111',
    templateKey: 'trip.changed',
    language: 'id',
    subject: null,
    body: 'Pak Budi, mobil Anda berangkat 02:00 dari Terminal 3',
    segments: 1,
    encoding: 'GSM',
    status: 'sent',
    reason: null,
    sourceEventId: null,
    broadcastId: null,
    priority: 'urgent',
    attempts: 1,
    createdAt: '2027-03-02T18:00:00.000Z',
    sentAt: '2027-03-02T18:00:01.000Z',
    sendAt: null,
    leaseUntil: null,
    providerId: 'sns-1',
    version: 2,
    ...over,
  };
}

describe('the notifications purge consumer', () => {
  it('removes phones, emails and texts from the purged person’s delivery log and keeps its outcomes', async () => {
    const guest = uid('per');
    const other = uid('per');
    const sms = record(guest, {});
    const email = record(guest, { channel: 'email', to: 'budi@example.org', subject: 'Jadwal Anda', body: 'Kamar 707', status: 'failed', reason: 'bounced' });
    const later = record(guest, { status: 'deferred', sentAt: null, sendAt: '2027-03-03T06:00:00.000Z', providerId: null, attempts: 0, version: 1 });
    const others = record(other, {});
    await createDeliveries(table(), [sms, email, later, others]);

    expect((await handler(batch(purged([guest])), {} as Context)).batchItemFailures).toEqual([]);

    for (const before of [sms, email]) {
      const after = await getDelivery(table(), before.id);
      expect(after).toEqual({ ...before, to: null, subject: null, body: null });
    }
    expect(await getDelivery(table(), later.id)).toEqual(later);
    expect(await getDelivery(table(), others.id)).toEqual(others);

    const settled = await getDelivery(table(), sms.id);
    expect((await handler(batch(purged([guest])), {} as Context)).batchItemFailures).toEqual([]);
    expect(await getDelivery(table(), sms.id)).toEqual(settled);
  });
});
