// The only code that sends SMS (SNS) and email (SES v2), through @liaison/kit/aws: signed requests, no SDK
// clients to parse at cold start. Each call is tried once: send/retry.ts decides what may be tried again,
// because a retried send that had in fact gone out is a message sent twice. Errors are shaped like the
// SDK's (`name` the error code, `$metadata.httpStatusCode`), which is what retry.ts reads; timeouts as
// before: a connection must open within 3 s (request.ts), an answer slower than 10 s is reported.
import { sesSendEmail } from '@liaison/kit/aws/ses';
import { snsPublishSms } from '@liaison/kit/aws/sns';

/** One attempt per call (send/retry.ts retries); a request unanswered after 10 s is reported, as before. */
const ONCE = { attempts: 1, requestTimeoutMs: 10_000 };

/** `Transactional` for alerts (delivered first, at any hour); `Promotional` only for normal broadcasts. */
export type SmsType = 'Transactional' | 'Promotional';

export interface SmsMessage {
  to: string;
  body: string;
  senderId: string;
  type: SmsType;
}

export interface EmailMessage {
  to: string;
  from: string;
  subject: string;
  body: string;
}

/** One provider call per send; each answers the provider's message id or throws the provider's error. */
export interface Senders {
  sms(message: SmsMessage): Promise<string>;
  email(message: EmailMessage): Promise<string>;
}

export const awsSenders: Senders = {
  sms: ({ to, body, senderId, type }) => snsPublishSms(to, body, { 'AWS.SNS.SMS.SenderID': senderId, 'AWS.SNS.SMS.SMSType': type }, ONCE),
  email: ({ to, from, subject, body }) => sesSendEmail({ from, to, subject, body }, ONCE),
};
