// SNS over the query protocol (see request.ts for why there is no SNS client): a batch of messages to a
// topic (the domain events), and one SMS to a phone number (notifications). infra/test/grants.test.ts maps
// calls of these functions to the grants they need.
import { queryCall, xmlElements, xmlText } from './query';
import type { RequestOptions } from './request';

export const SNS = { endpointId: 'SNS', hostPrefix: 'sns', signingName: 'sns', version: '2010-03-31' } as const;

/** String message attributes, flattened the query protocol's way under `prefix`. */
function attributeParams(prefix: string, attributes: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  Object.entries(attributes).forEach(([name, value], i) => {
    const at = `${prefix}.entry.${i + 1}`;
    out[`${at}.Name`] = name;
    out[`${at}.Value.DataType`] = 'String';
    out[`${at}.Value.StringValue`] = value;
  });
  return out;
}

export interface BatchEntry {
  /** Unique within the batch; failures name it. */
  id: string;
  message: string;
  attributes: Readonly<Record<string, string>>;
}

export interface BatchFailure {
  id: string;
  code: string;
  senderFault: boolean;
}

/** PublishBatch: up to ten messages to the topic; answers the entries SNS refused (the rest went out). */
export async function snsPublishBatch(topicArn: string, entries: readonly BatchEntry[], opts?: RequestOptions): Promise<BatchFailure[]> {
  const params: Record<string, string> = { TopicArn: topicArn };
  entries.forEach((e, i) => {
    const at = `PublishBatchRequestEntries.member.${i + 1}`;
    params[`${at}.Id`] = e.id;
    params[`${at}.Message`] = e.message;
    Object.assign(params, attributeParams(`${at}.MessageAttributes`, e.attributes));
  });
  const xml = await queryCall(SNS, 'PublishBatch', params, opts);
  const failed = xmlElements(xml, 'Failed')[0] ?? '';
  return xmlElements(failed, 'member').map((m) => ({ id: xmlText(m, 'Id') ?? '', code: xmlText(m, 'Code') ?? '', senderFault: xmlText(m, 'SenderFault') === 'true' }));
}

/** Publish to a phone number (an SMS); answers SNS's message id. */
export async function snsPublishSms(phoneNumber: string, message: string, attributes: Readonly<Record<string, string>>, opts?: RequestOptions): Promise<string> {
  const xml = await queryCall(SNS, 'Publish', { PhoneNumber: phoneNumber, Message: message, ...attributeParams('MessageAttributes', attributes) }, opts);
  return xmlText(xml, 'MessageId') ?? '';
}
