// The only code that talks to SNS (SMS) and SES v2 (email). Clients are made once per process, with the
// SDK's own retries off: send/retry.ts decides what may be tried again, because a retried send that had
// in fact gone out is a message sent twice.
import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';

/** Timeouts: a connection that never opens is safe to retry; a request that got no answer is not (retry.ts). */
const requestHandler = { connectionTimeout: 3000, requestTimeout: 10_000 };

export const snsClient = new SNSClient({ maxAttempts: 1, requestHandler });
export const sesClient = new SESv2Client({ maxAttempts: 1, requestHandler });

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
  async sms({ to, body, senderId, type }) {
    const out = await snsClient.send(
      new PublishCommand({
        PhoneNumber: to,
        Message: body,
        MessageAttributes: {
          'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: senderId },
          'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: type },
        },
      }),
    );
    return out.MessageId ?? '';
  },
  async email({ to, from, subject, body }) {
    const out = await sesClient.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: body, Charset: 'UTF-8' } } } },
      }),
    );
    return out.MessageId ?? '';
  },
};
