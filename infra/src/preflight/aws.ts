// The read-only AWS calls preflight makes, behind one small interface: the CLI passes the real clients, the
// tests pass recorded answers (infra/test/fixtures/preflight/). Answers are the SDK's own output types.
import { GetAccountCommand, GetEmailIdentityCommand, NotFoundException, SESv2Client, type GetAccountResponse, type GetEmailIdentityResponse } from '@aws-sdk/client-sesv2';
import { GetSMSAttributesCommand, GetSMSSandboxAccountStatusCommand, SNSClient, type GetSMSAttributesResponse, type GetSMSSandboxAccountStatusResult } from '@aws-sdk/client-sns';

export interface PreflightAws {
  /** SESv2 GetAccount: production access, sending enabled, quotas. */
  sesAccount(): Promise<GetAccountResponse>;
  /** SESv2 GetEmailIdentity; null when SES does not know the identity (NotFoundException). */
  sesIdentity(identity: string): Promise<GetEmailIdentityResponse | null>;
  /** SNS GetSMSSandboxAccountStatus. */
  smsSandbox(): Promise<GetSMSSandboxAccountStatusResult>;
  /** SNS GetSMSAttributes (MonthlySpendLimit and the defaults). */
  smsAttributes(): Promise<GetSMSAttributesResponse>;
}

/** The SMS attributes preflight reads. */
export const SMS_ATTRIBUTES = ['MonthlySpendLimit', 'DefaultSenderID', 'DefaultSMSType'] as const;

/** Real clients with the default credential chain (the ops engineer's profile or environment). */
export function awsPreflight(region: string): PreflightAws {
  const ses = new SESv2Client({ region });
  const sns = new SNSClient({ region });
  return {
    sesAccount: () => ses.send(new GetAccountCommand({})),
    sesIdentity: async (identity) => {
      try {
        return await ses.send(new GetEmailIdentityCommand({ EmailIdentity: identity }));
      } catch (err) {
        if (err instanceof NotFoundException) return null;
        throw err;
      }
    },
    smsSandbox: () => sns.send(new GetSMSSandboxAccountStatusCommand({})),
    smsAttributes: () => sns.send(new GetSMSAttributesCommand({ attributes: [...SMS_ATTRIBUTES] })),
  };
}
