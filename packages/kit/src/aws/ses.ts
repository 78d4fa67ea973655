// SES v2 over REST-JSON (see request.ts for why there is no SES client): one plain-text email.
// infra/test/grants.test.ts maps calls of it to ses:SendEmail.
import { restJsonCall } from './json';
import type { RequestOptions } from './request';

export const SESV2 = { endpointId: 'SESV2', hostPrefix: 'email', signingName: 'ses' } as const;

export interface Email {
  from: string;
  to: string;
  subject: string;
  /** Plain text, UTF-8. */
  body: string;
}

/** SendEmail (SES v2, simple content); answers SES's message id. */
export async function sesSendEmail({ from, to, subject, body }: Email, opts?: RequestOptions): Promise<string> {
  const out = await restJsonCall<{ MessageId?: string }>(
    SESV2,
    'SendEmail',
    'POST',
    '/v2/email/outbound-emails',
    {
      FromEmailAddress: from,
      Destination: { ToAddresses: [to] },
      Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: body, Charset: 'UTF-8' } } } },
    },
    opts,
  );
  return out.MessageId ?? '';
}
