// The kit's signed AWS calls (no SDK clients: SNS over the query protocol, SQS over JSON 1.0, SES v2
// over REST-JSON) against moto, checked with the SDK clients on the other side: what ours sends, the
// SDK receives with its attributes; errors come back shaped like the SDK's; retries happen only where
// allowed.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import { queryCall } from '../src/aws/query';
import { AwsError, useTransport } from '../src/aws/request';
import { sesSendEmail } from '../src/aws/ses';
import { snsPublishBatch, snsPublishSms } from '../src/aws/sns';
import { sqsSendMessageBatch } from '../src/aws/sqs';

const sqs = new SQSClient({});
const sns = new SNSClient({});
afterAll(() => {
  sqs.destroy();
  sns.destroy();
});

const token = () => randomBytes(6).toString('hex');

async function newQueue(): Promise<{ url: string; arn: string }> {
  const url = (await sqs.send(new CreateQueueCommand({ QueueName: `kit-aws-${token()}` }))).QueueUrl!;
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))).Attributes!.QueueArn!;
  return { url, arn };
}

/** Receives until `count` messages came or the deadline passed. */
async function receive(url: string, count: number): Promise<Message[]> {
  const got: Message[] = [];
  const deadline = Date.now() + 10_000;
  while (got.length < count && Date.now() < deadline) {
    const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }));
    got.push(...(out.Messages ?? []));
  }
  return got;
}

/** Everything moto holds (sent SMS and email included), as text. */
async function motoState(): Promise<string> {
  const endpoint = process.env.AWS_ENDPOINT_URL_SNS ?? process.env.AWS_ENDPOINT_URL;
  return (await fetch(`${endpoint}/moto-api/data.json`)).text();
}

/** A transport that answers `status` with `body` for the first `times` requests, then lets requests through. */
function failFirst(times: number, status: number, body: string, contentType = 'text/xml') {
  const seen = { requests: 0 };
  const restore = useTransport((next) => async (request, info) => {
    seen.requests += 1;
    if (seen.requests <= times) return { status, headers: { 'content-type': contentType }, body };
    return next(request, info);
  });
  return { seen, restore };
}

const THROTTLED_XML = '<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>r-1</RequestId></ErrorResponse>';

describe('SNS PublishBatch, signed by hand', () => {
  it('delivers every entry with its message attributes to a subscribed queue, text outside ASCII intact', async () => {
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: `kit-aws-${token()}` }))).TopicArn!;
    const queue = await newQueue();
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: queue.arn, Attributes: { RawMessageDelivery: 'true' } }));
    const entries = Array.from({ length: 10 }, (_, i) => ({
      id: String(i),
      message: JSON.stringify({ n: i, text: `Selamat datang & <ü> "${i}" + 100% 日本` }),
      attributes: { type: 'person.created', source: 'directory' },
    }));
    expect(await snsPublishBatch(topicArn, entries)).toEqual([]);
    const got = await receive(queue.url, 10);
    expect(got.map((m) => JSON.parse(m.Body!).n).sort((a: number, b: number) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(JSON.parse(got[0]!.Body!).text).toMatch(/^Selamat datang & <ü> "\d" \+ 100% 日本$/);
    expect(got[0]!.MessageAttributes).toEqual({
      type: { DataType: 'String', StringValue: 'person.created' },
      source: { DataType: 'String', StringValue: 'directory' },
    });
  });

  it('answers a topic that does not exist as an AwsError with the code and status SNS gave', async () => {
    const missing = `arn:aws:sns:${process.env.AWS_REGION}:123456789012:kit-aws-absent-${token()}`;
    const err = await snsPublishBatch(missing, [{ id: '0', message: 'x', attributes: {} }]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsError);
    expect(err).toMatchObject({ name: 'NotFound', $metadata: { httpStatusCode: 404 }, $fault: 'client' });
  });

  it('tries a throttled request again when attempts allow, and not when they do not', async () => {
    const topicArn = (await sns.send(new CreateTopicCommand({ Name: `kit-aws-${token()}` }))).TopicArn!;
    const twice = failFirst(2, 400, THROTTLED_XML);
    try {
      expect(await snsPublishBatch(topicArn, [{ id: '0', message: 'retried', attributes: {} }], { attempts: 3 })).toEqual([]);
      expect(twice.seen.requests).toBe(3);
    } finally {
      twice.restore();
    }
    const once = failFirst(1, 400, THROTTLED_XML);
    try {
      await expect(snsPublishBatch(topicArn, [{ id: '0', message: 'not retried', attributes: {} }], { attempts: 1 })).rejects.toMatchObject({
        name: 'Throttling',
        message: 'Rate exceeded',
        $metadata: { httpStatusCode: 400, requestId: 'r-1' },
      });
      expect(once.seen.requests).toBe(1);
    } finally {
      once.restore();
    }
  });

  it('reads the entries SNS refused out of a partial success (moto never refuses one, so the answer is AWS’s documented shape)', async () => {
    const answer =
      '<PublishBatchResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishBatchResult><Successful><member><Id>0</Id><MessageId>m-0</MessageId></member></Successful>' +
      '<Failed><member><Id>1</Id><Code>InternalError</Code><Message>try later</Message><SenderFault>false</SenderFault></member>' +
      '<member><Id>2</Id><Code>InvalidParameter</Code><Message>bad &amp; worse</Message><SenderFault>true</SenderFault></member></Failed></PublishBatchResult></PublishBatchResponse>';
    const partial = failFirst(1, 200, answer);
    try {
      const entries = ['0', '1', '2'].map((id) => ({ id, message: id, attributes: {} }));
      expect(await snsPublishBatch('arn:aws:sns:x:1:t', entries)).toEqual([
        { id: '1', code: 'InternalError', senderFault: false },
        { id: '2', code: 'InvalidParameter', senderFault: true },
      ]);
    } finally {
      partial.restore();
    }
  });

  it('never tries a refused request again (a 4xx that is not throttling)', async () => {
    const refused = failFirst(5, 400, '<ErrorResponse><Error><Code>InvalidParameter</Code><Message>bad</Message></Error></ErrorResponse>');
    try {
      await expect(snsPublishBatch('arn:aws:sns:x:1:t', [{ id: '0', message: 'x', attributes: {} }], { attempts: 5 })).rejects.toMatchObject({ name: 'InvalidParameter' });
      expect(refused.seen.requests).toBe(1);
    } finally {
      refused.restore();
    }
  });
});

describe('SNS Publish to a phone number', () => {
  it('sends the SMS with its sender id and type, and answers its message id', async () => {
    const marker = `kit-sms-${token()}`;
    const id = await snsPublishSms('+6281234567890', `Jemput di bandara ${marker}`, { 'AWS.SNS.SMS.SenderID': 'Liaison', 'AWS.SNS.SMS.SMSType': 'Transactional' });
    expect(id).toMatch(/\S{8,}/);
    expect(await motoState()).toContain(marker);
  });
});

describe('SQS SendMessageBatch over JSON', () => {
  it('sends every entry', async () => {
    const queue = await newQueue();
    const entries = Array.from({ length: 10 }, (_, i) => ({ Id: String(i), MessageBody: JSON.stringify({ chunk: i, name: 'Dewi Ñúñez' }) }));
    expect(await sqsSendMessageBatch(queue.url, entries)).toEqual([]);
    const got = await receive(queue.url, 10);
    expect(got.map((m) => JSON.parse(m.Body!)).sort((a, b) => a.chunk - b.chunk)).toEqual(entries.map((_, i) => ({ chunk: i, name: 'Dewi Ñúñez' })));
  });

  it('reads the entries SQS refused out of a partial success (moto never refuses one, so the answer is AWS’s documented shape)', async () => {
    const answer = JSON.stringify({
      Successful: [{ Id: 'ok', MessageId: 'm-1', MD5OfMessageBody: 'x' }],
      Failed: [{ Id: 'bad', Code: 'InvalidParameterValue', Message: 'too long', SenderFault: true }],
    });
    const partial = failFirst(1, 200, answer, 'application/x-amz-json-1.0');
    try {
      expect(await sqsSendMessageBatch('https://sqs.example/1/q', [{ Id: 'ok', MessageBody: 'fine' }, { Id: 'bad', MessageBody: 'x' }])).toEqual([
        { Id: 'bad', Code: 'InvalidParameterValue', Message: 'too long', SenderFault: true },
      ]);
    } finally {
      partial.restore();
    }
  });

  it('answers a queue that does not exist as an AwsError naming SQS’s code', async () => {
    const url = (await newQueue()).url.replace(/kit-aws-[0-9a-f]+$/, `kit-aws-absent-${token()}`);
    await expect(sqsSendMessageBatch(url, [{ Id: '0', MessageBody: 'x' }])).rejects.toMatchObject({ $metadata: { httpStatusCode: 400 }, name: expect.stringMatching(/NonExistentQueue|QueueDoesNotExist/) });
  });
});

describe('SES v2 SendEmail over REST-JSON', () => {
  it('sends from a verified sender, and answers the message id', async () => {
    const from = `kit-${token()}@liaison.example`;
    await queryCall({ endpointId: 'SES', hostPrefix: 'email', signingName: 'ses', version: '2010-12-01' }, 'VerifyEmailIdentity', { EmailAddress: from });
    const marker = `kit-email-${token()}`;
    const id = await sesSendEmail({ from, to: 'tamu@example.org', subject: 'Jadwal jemputan', body: `Halo, ${marker} — sampai jumpa` });
    expect(id).toMatch(/\S{8,}/);
    expect(await motoState()).toContain(marker);
  });

  it('answers an unverified sender as the error SES gave, not retried', async () => {
    let requests = 0;
    const restore = useTransport((next) => async (request, info) => {
      requests += 1;
      return next(request, info);
    });
    try {
      const err = await sesSendEmail({ from: `nobody-${token()}@unverified.example`, to: 'x@example.org', subject: 's', body: 'b' }, { attempts: 3 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AwsError);
      expect(err).toMatchObject({ name: 'MessageRejected', $metadata: { httpStatusCode: 400 } });
      expect(requests).toBe(1);
    } finally {
      restore();
    }
  });
});
