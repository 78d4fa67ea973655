// A queue subscribed to the stack's topic for the event types with the given prefixes, for int tests to
// read what a service published.
import { SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import { CreateQueueCommand, DeleteMessageBatchCommand, DeleteQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';

export interface Received {
  type: string;
  attribute: string | undefined;
  event: any;
  /** The SQS message as it arrived, for a test that hands it on to a consumer. */
  messageId: string;
  body: string;
}

export async function listen(prefixes: string[]): Promise<{ received: Received[]; collect(until: () => boolean, timeoutMs?: number): Promise<void>; close(): Promise<void> }> {
  const sqs = new SQSClient({});
  const sns = new SNSClient({});
  const queueUrl = (await sqs.send(new CreateQueueCommand({ QueueName: `test-events-${randomBytes(4).toString('hex')}` }))).QueueUrl as string;
  const arn = (await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))).Attributes?.QueueArn;
  const subscriptionArn = (
    await sns.send(
      new SubscribeCommand({
        TopicArn: process.env.LIAISON_EVENTS_TOPIC_ARN,
        Protocol: 'sqs',
        Endpoint: arn,
        Attributes: { RawMessageDelivery: 'true', FilterPolicy: JSON.stringify({ type: prefixes.map((prefix) => ({ prefix })) }) },
      }),
    )
  ).SubscriptionArn as string;
  const received: Received[] = [];
  return {
    received,
    /** Drains the queue until `until` holds or the deadline passes (then the caller's assertions say what is missing). */
    async collect(until, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!until() && Date.now() < deadline) {
        const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1, MessageAttributeNames: ['All'] }));
        const messages = out.Messages ?? [];
        for (const m of messages) {
          const event = JSON.parse(m.Body as string);
          received.push({ type: event.type, attribute: m.MessageAttributes?.type?.StringValue, event, messageId: m.MessageId as string, body: m.Body as string });
        }
        if (messages.length) await sqs.send(new DeleteMessageBatchCommand({ QueueUrl: queueUrl, Entries: messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle })) }));
      }
    },
    async close() {
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: subscriptionArn }));
      await sqs.send(new DeleteQueueCommand({ QueueUrl: queueUrl }));
    },
  };
}
