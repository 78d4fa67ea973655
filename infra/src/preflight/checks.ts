// Before the first SMS: what the AWS account still lacks for this event, read with read-only calls and judged
// PASS / WARN / FAIL. Any FAIL means guests would not get their messages (or the account would stop them).
import { BROADCAST_WARN_SECONDS } from '../sizing';
import type { PreflightAws } from './aws';
import { COUNTRY_RULES } from './countries';

export type Verdict = 'PASS' | 'WARN' | 'FAIL';

export interface Check {
  verdict: Verdict;
  name: string;
  detail: string;
}

export interface PreflightContext {
  slug: string;
  emailFrom: string;
  smsSenderId: string;
  /** The rates the senders are paced to (event settings). */
  smsPerSecond: number;
  emailPerSecond: number;
  expectedGuests: number;
  guestCountries: Readonly<Record<string, number>>;
  /** SMS spend of the event month, from the cost estimate. */
  smsEstimateUsd: number;
  /** Emails on a day of the event, from the usage model. */
  emailsPerDay: number;
  /** Countries whose sender registration the ops engineer confirmed (`--registered ID,SG`). */
  registered: readonly string[];
}

/** SNS's default SMS rate (messages per second) for an account; a higher `smsPerSecond` needs a raised quota. */
export const SNS_DEFAULT_SMS_PER_SECOND = 20;
/** The spend limit should leave this much room over the estimate (retries, extra broadcasts, longer messages). */
export const SPEND_HEADROOM = 1.25;

const minutes = (seconds: number): string => (seconds < 90 ? `${seconds} s` : `${Math.round(seconds / 60)} min`);

/** Runs an AWS read; a refusal or an outage becomes a WARN that names the call, never a crash. */
async function read<T>(call: string, fn: () => Promise<T>): Promise<{ value: T } | { warn: Check }> {
  try {
    return { value: await fn() };
  } catch (err) {
    const name = (err as { name?: string }).name ?? 'Error';
    const message = String((err as Error).message ?? err).replace(/\s+/g, ' ').slice(0, 160);
    return { warn: { verdict: 'WARN', name: call, detail: `could not read it (${name}: ${message}): check the credentials and the region, and that they may call ${call}` } };
  }
}

export async function runPreflight(aws: PreflightAws, ctx: PreflightContext): Promise<Check[]> {
  const checks: Check[] = [];
  const [account, sandbox, attributes] = await Promise.all([
    read('ses:GetAccount', () => aws.sesAccount()),
    read('sns:GetSMSSandboxAccountStatus', () => aws.smsSandbox()),
    read('sns:GetSMSAttributes', () => aws.smsAttributes()),
  ]);

  // Email.
  if ('warn' in account) checks.push(account.warn);
  else {
    const a = account.value;
    checks.push(
      a.ProductionAccessEnabled === true
        ? { verdict: 'PASS', name: 'SES production access', detail: 'out of the sandbox: email reaches any address' }
        : { verdict: 'FAIL', name: 'SES production access', detail: 'in the SES sandbox: email reaches verified addresses only (200 a day). Request production access in the SES console (Account dashboard) for this region.' },
    );
    const enforcement = a.EnforcementStatus ?? 'HEALTHY';
    if (a.SendingEnabled === false || enforcement === 'SHUTDOWN') {
      checks.push({ verdict: 'FAIL', name: 'SES sending', detail: `sending is paused for the account (enforcement status ${enforcement}); see the SES reputation dashboard` });
    } else if (enforcement !== 'HEALTHY') {
      checks.push({ verdict: 'WARN', name: 'SES sending', detail: `enforcement status ${enforcement}: bounces or complaints put the account at risk of a pause` });
    } else {
      checks.push({ verdict: 'PASS', name: 'SES sending', detail: 'enabled, reputation healthy' });
    }
    const rate = a.SendQuota?.MaxSendRate ?? 0;
    const broadcast = Math.ceil(ctx.expectedGuests / ctx.emailPerSecond);
    if (rate < ctx.emailPerSecond) {
      checks.push({ verdict: 'FAIL', name: 'SES send rate', detail: `the quota is ${rate}/s but senders are paced to emailPerSecond ${ctx.emailPerSecond}/s: SES would throttle them. Lower emailPerSecond or ask for a higher quota.` });
    } else if (broadcast > BROADCAST_WARN_SECONDS) {
      checks.push({ verdict: 'WARN', name: 'SES send rate', detail: `an email to all ${ctx.expectedGuests} guests takes ${minutes(broadcast)} at ${ctx.emailPerSecond}/s (quota ${rate}/s): raise both` });
    } else {
      checks.push({ verdict: 'PASS', name: 'SES send rate', detail: `quota ${rate}/s ≥ paced ${ctx.emailPerSecond}/s; an email to all ${ctx.expectedGuests} guests takes ${minutes(broadcast)}` });
    }
    const daily = a.SendQuota?.Max24HourSend ?? 0;
    if (daily !== -1 && daily < ctx.emailsPerDay) {
      checks.push({ verdict: 'FAIL', name: 'SES daily quota', detail: `${daily} emails a day, but a day of the event sends about ${Math.ceil(ctx.emailsPerDay)}` });
    } else {
      checks.push({ verdict: 'PASS', name: 'SES daily quota', detail: `${daily === -1 ? 'unlimited' : `${daily} a day`} ≥ about ${Math.ceil(ctx.emailsPerDay)} on a day of the event` });
    }
  }
  checks.push(await identityCheck(aws, ctx.emailFrom));

  // SMS.
  if ('warn' in sandbox) checks.push(sandbox.warn);
  else {
    checks.push(
      sandbox.value.IsInSandbox === false
        ? { verdict: 'PASS', name: 'SNS SMS sandbox', detail: 'out of the sandbox: SMS reaches any number' }
        : { verdict: 'FAIL', name: 'SNS SMS sandbox', detail: 'in the SMS sandbox: SMS reaches verified numbers only. Ask to leave it (SNS console, Text messaging, "Exit SMS sandbox").' },
    );
  }
  if ('warn' in attributes) checks.push(attributes.warn);
  else {
    const raw = attributes.value.attributes?.MonthlySpendLimit;
    const limit = raw === undefined ? 1 : Number(raw); // SNS's default for a new account is $1
    const estimate = Math.ceil(ctx.smsEstimateUsd);
    if (!(limit >= ctx.smsEstimateUsd)) {
      checks.push({ verdict: 'FAIL', name: 'SMS monthly spend limit', detail: `$${limit} a month, but the event's SMS are estimated at $${estimate}: SNS stops sending when the limit is reached. Ask for at least $${Math.ceil(ctx.smsEstimateUsd * SPEND_HEADROOM)} (quota case), then set MonthlySpendLimit.` });
    } else if (limit < ctx.smsEstimateUsd * SPEND_HEADROOM) {
      checks.push({ verdict: 'WARN', name: 'SMS monthly spend limit', detail: `$${limit} leaves less than ${Math.round((SPEND_HEADROOM - 1) * 100)} % over the estimate of $${estimate} (retries, extra broadcasts, longer messages)` });
    } else {
      checks.push({ verdict: 'PASS', name: 'SMS monthly spend limit', detail: `$${limit} ≥ the estimate of $${estimate} with room` });
    }
  }
  const smsBroadcast = Math.ceil(ctx.expectedGuests / ctx.smsPerSecond);
  if (ctx.smsPerSecond > SNS_DEFAULT_SMS_PER_SECOND) {
    checks.push({ verdict: 'WARN', name: 'SMS send rate', detail: `senders are paced to ${ctx.smsPerSecond}/s, above SNS's default of ${SNS_DEFAULT_SMS_PER_SECOND}/s: confirm the account's quota was raised (Service Quotas cannot be read here)` });
  } else if (smsBroadcast > BROADCAST_WARN_SECONDS) {
    checks.push({ verdict: 'WARN', name: 'SMS send rate', detail: `an SMS to all ${ctx.expectedGuests} guests takes ${minutes(smsBroadcast)} at ${ctx.smsPerSecond}/s: ask for a higher rate and raise smsPerSecond` });
  } else {
    checks.push({ verdict: 'PASS', name: 'SMS send rate', detail: `paced to ${ctx.smsPerSecond}/s (SNS default ${SNS_DEFAULT_SMS_PER_SECOND}/s); an SMS to all ${ctx.expectedGuests} guests takes ${minutes(smsBroadcast)}` });
  }
  checks.push(...senderChecks(ctx));
  return checks;
}

/** The from address, or its domain, must be a verified SES identity. */
async function identityCheck(aws: PreflightAws, from: string): Promise<Check> {
  const name = `SES identity ${from}`;
  const domain = from.slice(from.lastIndexOf('@') + 1);
  const asAddress = await read('ses:GetEmailIdentity', () => aws.sesIdentity(from));
  if ('warn' in asAddress) return asAddress.warn;
  if (asAddress.value?.VerifiedForSendingStatus === true) return { verdict: 'PASS', name, detail: 'the address is verified' };
  const asDomain = await read('ses:GetEmailIdentity', () => aws.sesIdentity(domain));
  if ('warn' in asDomain) return asDomain.warn;
  if (asDomain.value?.VerifiedForSendingStatus === true) return { verdict: 'PASS', name, detail: `its domain ${domain} is verified` };
  const state = asAddress.value ? `exists but is not verified (${asAddress.value.VerificationStatus ?? 'pending'})` : 'is not an SES identity in this region';
  return { verdict: 'FAIL', name, detail: `the address ${state}, nor is ${domain}: deploy the stack (it creates the identity) and click the link SES emails, or verify the domain with DKIM` };
}

/** One line per guest country: may the event's sender ID be used there? */
export function senderChecks(ctx: Pick<PreflightContext, 'guestCountries' | 'registered' | 'smsSenderId'>): Check[] {
  const total = Object.values(ctx.guestCountries).reduce((a, b) => a + b, 0);
  return Object.entries(ctx.guestCountries)
    .sort((a, b) => b[1] - a[1])
    .map(([code, share]): Check => {
      const name = `Sender ID in ${code} (${Math.round((share / total) * 100)} % of guests)`;
      const rule = COUNTRY_RULES[code];
      if (!rule) return { verdict: 'WARN', name, detail: `${code} is not in the table of country rules (infra/src/preflight/countries.ts): check AWS's page for the country` };
      const confirmed = ctx.registered.includes(code);
      switch (rule.rule) {
        case 'supported':
          return { verdict: 'PASS', name, detail: `${rule.name}: recipients see ${ctx.smsSenderId}. ${rule.note}` };
        case 'not-supported':
          return { verdict: 'WARN', name, detail: `${rule.name}: recipients see a number, not ${ctx.smsSenderId}; say so in the welcome email. ${rule.note}` };
        case 'registration':
          return confirmed
            ? { verdict: 'PASS', name, detail: `${rule.name}: registration of ${ctx.smsSenderId} confirmed by the operator (--registered)` }
            : { verdict: 'FAIL', name, detail: `${rule.name} needs ${ctx.smsSenderId} registered before messages go through: ${rule.note} Once approved, run again with --registered ${code}.` };
        case 'number-required':
          return confirmed
            ? { verdict: 'PASS', name, detail: `${rule.name}: an origination number confirmed by the operator (--registered)` }
            : { verdict: 'FAIL', name, detail: `${rule.name}: ${rule.note} Once it is active, run again with --registered ${code}.` };
      }
    });
}

export function formatChecks(title: string, checks: readonly Check[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const count = (v: Verdict) => checks.filter((c) => c.verdict === v).length;
  const fails = count('FAIL');
  return [
    title,
    '',
    ...checks.map((c) => `${c.verdict.padEnd(4)}  ${c.name.padEnd(width)}  ${c.detail}`),
    '',
    `${fails} FAIL, ${count('WARN')} WARN, ${count('PASS')} PASS: ${fails > 0 ? 'not ready for the first SMS.' : 'ready for the first SMS (read every WARN).'}`,
  ].join('\n');
}
