import { describe, expect, it } from '@jest/globals';
import type { SQSRecord } from 'aws-lambda';
import { successfulMessages, toSqsRecord } from '../src/poller';

const ARN = 'arn:aws:sqs:ap-southeast-3:123456789012:q';

describe('SQS batch events', () => {
  it('builds records in the shape Lambda delivers', () => {
    const record = toSqsRecord(
      {
        MessageId: 'm1',
        ReceiptHandle: 'rh1',
        Body: '{"x":1}',
        MD5OfBody: 'md5',
        MD5OfMessageAttributes: 'md5a',
        Attributes: { SenderId: 'AID', SentTimestamp: '1700000000000', ApproximateReceiveCount: '2', ApproximateFirstReceiveTimestamp: '1700000000100' },
        MessageAttributes: { type: { DataType: 'String', StringValue: 'person.created' }, blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) } },
      },
      ARN,
      'ap-southeast-3',
    );
    expect(record).toEqual({
      messageId: 'm1',
      receiptHandle: 'rh1',
      body: '{"x":1}',
      attributes: { ApproximateReceiveCount: '2', SentTimestamp: '1700000000000', SenderId: 'AID', ApproximateFirstReceiveTimestamp: '1700000000100' },
      messageAttributes: {
        type: { stringValue: 'person.created', stringListValues: [], binaryListValues: [], dataType: 'String' },
        blob: { binaryValue: 'AQI=', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
      },
      md5OfBody: 'md5',
      md5OfMessageAttributes: 'md5a',
      eventSource: 'aws:sqs',
      eventSourceARN: ARN,
      awsRegion: 'ap-southeast-3',
    });
  });
});

describe('partial batch failures', () => {
  const records = ['a', 'b', 'c'].map((id) => ({ messageId: id }) as SQSRecord);
  const ids = (rs: SQSRecord[] | null) => rs?.map((r) => r.messageId) ?? null;

  it('deletes all but the reported failures', () => {
    expect(ids(successfulMessages(records, { batchItemFailures: [{ itemIdentifier: 'b' }] }, true))).toEqual(['a', 'c']);
    expect(ids(successfulMessages(records, { batchItemFailures: [] }, true))).toEqual(['a', 'b', 'c']);
    expect(ids(successfulMessages(records, undefined, true))).toEqual(['a', 'b', 'c']);
  });

  it('fails the whole batch for an unknown or empty item identifier', () => {
    expect(successfulMessages(records, { batchItemFailures: [{ itemIdentifier: 'zzz' }] }, true)).toBeNull();
    expect(successfulMessages(records, { batchItemFailures: [{ itemIdentifier: '' }] }, true)).toBeNull();
    expect(successfulMessages(records, { batchItemFailures: [{}] }, true)).toBeNull();
    expect(successfulMessages(records, { batchItemFailures: 'b' }, true)).toBeNull();
  });

  it('ignores batchItemFailures when the mapping does not report them', () => {
    expect(ids(successfulMessages(records, { batchItemFailures: [{ itemIdentifier: 'b' }] }, false))).toEqual(['a', 'b', 'c']);
  });
});
