// SQS over its JSON protocol (see request.ts for why there is no SQS client): the one call our functions
// make, sending a batch of messages. infra/test/grants.test.ts maps calls of it to sqs:SendMessage.
import { jsonCall } from './json';
import type { RequestOptions } from './request';

export const SQS = { endpointId: 'SQS', hostPrefix: 'sqs', signingName: 'sqs', targetPrefix: 'AmazonSQS', jsonVersion: '1.0' } as const;

export interface SendEntry {
  Id: string;
  MessageBody: string;
}

export interface SendFailure {
  Id: string;
  Code: string;
  Message?: string;
  SenderFault: boolean;
}

/** SendMessageBatch: up to ten messages; answers the entries SQS refused (the rest were sent). */
export async function sqsSendMessageBatch(queueUrl: string, entries: readonly SendEntry[], opts?: RequestOptions): Promise<SendFailure[]> {
  const out = await jsonCall<{ Failed?: SendFailure[] }>(SQS, 'SendMessageBatch', { QueueUrl: queueUrl, Entries: entries }, opts);
  return out.Failed ?? [];
}
