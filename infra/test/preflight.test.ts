import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { loadPrices } from '../src/cost/prices';
import { DEFAULT_USAGE } from '../src/cost/usage';
import type { PreflightAws } from '../src/preflight/aws';
import { formatChecks, runPreflight, senderChecks, type Check, type PreflightContext, type Verdict } from '../src/preflight/checks';
import { preflightContext } from '../src/preflight/context';
import { loadEventSettings } from '../src/settings';

/** A recorded SDK answer from infra/test/fixtures/preflight/. */
function recorded<T>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(__dirname, 'fixtures/preflight', `${name}.json`), 'utf8')) as T;
}

interface Answers {
  account: string;
  identities: Record<string, string>;
  sandbox: string;
  attributes: string | Error;
}

/** The AWS interface answering from recordings; an identity without a recording is unknown to SES (null). */
function replay(answers: Answers): PreflightAws & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    sesAccount: async () => (asked.push('GetAccount'), recorded(answers.account)),
    sesIdentity: async (identity) => {
      asked.push(`GetEmailIdentity ${identity}`);
      const file = answers.identities[identity];
      return file ? recorded(file) : null;
    },
    smsSandbox: async () => (asked.push('GetSMSSandboxAccountStatus'), recorded(answers.sandbox)),
    smsAttributes: async () => {
      asked.push('GetSMSAttributes');
      if (answers.attributes instanceof Error) throw answers.attributes;
      return recorded(answers.attributes);
    },
  };
}

const ctx: PreflightContext = {
  slug: 'jakarta-summit-2027',
  emailFrom: 'liaison@jakarta-summit.example',
  smsSenderId: 'LIAISON',
  smsPerSecond: 20,
  emailPerSecond: 14,
  expectedGuests: 5000,
  guestCountries: { ID: 80, SG: 4, MY: 4, AU: 3, JP: 3, CN: 2, US: 2, GB: 2 },
  smsEstimateUsd: 5023,
  emailsPerDay: 15_000,
  registered: [],
};

const verdicts = (checks: Check[]): Record<string, Verdict> => Object.fromEntries(checks.map((c) => [c.name, c.verdict]));
const detail = (checks: Check[], name: string): string => checks.find((c) => c.name === name)!.detail;

const NEW_ACCOUNT: Answers = {
  account: 'ses-get-account-sandbox',
  identities: { 'liaison@jakarta-summit.example': 'ses-get-email-identity-pending' },
  sandbox: 'sns-get-sms-sandbox-account-status-in',
  attributes: 'sns-get-sms-attributes-new-account',
};
const READY_ACCOUNT: Answers = {
  account: 'ses-get-account-production',
  identities: { 'jakarta-summit.example': 'ses-get-email-identity-domain-verified' },
  sandbox: 'sns-get-sms-sandbox-account-status-out',
  attributes: 'sns-get-sms-attributes-raised',
};

describe('preflight against a new account', () => {
  it('fails everything that would stop the first SMS and email, and says what to do', async () => {
    const checks = await runPreflight(replay(NEW_ACCOUNT), ctx);
    expect(verdicts(checks)).toMatchObject({
      'SES production access': 'FAIL',
      'SES sending': 'PASS',
      'SES send rate': 'FAIL',
      'SES daily quota': 'FAIL',
      'SES identity liaison@jakarta-summit.example': 'FAIL',
      'SNS SMS sandbox': 'FAIL',
      'SMS monthly spend limit': 'FAIL',
      'SMS send rate': 'PASS',
      'Sender ID in ID (80 % of guests)': 'FAIL',
    });
    expect(detail(checks, 'SES send rate')).toMatch(/quota is 1\/s but senders are paced to emailPerSecond 14\/s/);
    expect(detail(checks, 'SES daily quota')).toMatch(/200 emails a day, but a day of the event sends about 15000/);
    expect(detail(checks, 'SES identity liaison@jakarta-summit.example')).toMatch(/exists but is not verified \(PENDING\), nor is jakarta-summit\.example/);
    // $1 (SNS's default) against $5,023: ask for 5,023 × 1.25 = $6,279.
    expect(detail(checks, 'SMS monthly spend limit')).toMatch(/\$1 a month, but the event's SMS are estimated at \$5023.*at least \$6279/);
    expect(detail(checks, 'Sender ID in ID (80 % of guests)')).toMatch(/Indonesia needs LIAISON registered/);
  });

  it('only reads: the four read calls, and the domain after the address', async () => {
    const aws = replay(NEW_ACCOUNT);
    await runPreflight(aws, ctx);
    expect(aws.asked.sort()).toEqual(
      ['GetAccount', 'GetEmailIdentity jakarta-summit.example', 'GetEmailIdentity liaison@jakarta-summit.example', 'GetSMSAttributes', 'GetSMSSandboxAccountStatus'].sort(),
    );
  });

  it('prints a PASS/WARN/FAIL list that ends in not ready', async () => {
    const text = formatChecks('Preflight', await runPreflight(replay(NEW_ACCOUNT), ctx));
    expect(text).toMatch(/^FAIL {2}SNS SMS sandbox\s+in the SMS sandbox/m);
    expect(text).toMatch(/FAIL, \d+ WARN, \d+ PASS: not ready for the first SMS\.$/);
  });
});

describe('preflight against an account made ready', () => {
  it('passes with a verified domain, raised quotas and the registrations confirmed; warns where a sender ID cannot show', async () => {
    const checks = await runPreflight(replay(READY_ACCOUNT), { ...ctx, registered: ['ID', 'SG', 'AU', 'US'] });
    expect(checks.filter((c) => c.verdict === 'FAIL')).toEqual([]);
    expect(verdicts(checks)).toMatchObject({
      'SES production access': 'PASS',
      'SES send rate': 'PASS',
      'SES daily quota': 'PASS',
      'SES identity liaison@jakarta-summit.example': 'PASS',
      'SNS SMS sandbox': 'PASS',
      'SMS monthly spend limit': 'PASS',
      'Sender ID in MY (4 % of guests)': 'WARN',
      'Sender ID in CN (2 % of guests)': 'WARN',
      'Sender ID in JP (3 % of guests)': 'PASS',
      'Sender ID in ID (80 % of guests)': 'PASS',
    });
    expect(detail(checks, 'SES identity liaison@jakarta-summit.example')).toBe('its domain jakarta-summit.example is verified');
    // 5,000 guests / 14 per s = 357.1 → 358 s ≈ 6 min
    expect(detail(checks, 'SES send rate')).toMatch(/an email to all 5000 guests takes 6 min/);
    expect(formatChecks('Preflight', checks)).toMatch(/0 FAIL, 2 WARN, \d+ PASS: ready for the first SMS \(read every WARN\)\.$/);
  });

  it('warns when the spend limit leaves less than 25 % over the estimate', async () => {
    // $8,000 against $7,000: over the estimate, under 7,000 × 1.25 = $8,750.
    const checks = await runPreflight(replay(READY_ACCOUNT), { ...ctx, smsEstimateUsd: 7000 });
    expect(verdicts(checks)['SMS monthly spend limit']).toBe('WARN');
  });

  it('warns when senders are paced above SNS default SMS rate, which it cannot read', async () => {
    const checks = await runPreflight(replay(READY_ACCOUNT), { ...ctx, smsPerSecond: 50 });
    expect(detail(checks, 'SMS send rate')).toMatch(/paced to 50\/s, above SNS's default of 20\/s/);
    expect(verdicts(checks)['SMS send rate']).toBe('WARN');
  });

  it('turns a refused read into a WARN that names the call, and goes on', async () => {
    const denied = Object.assign(new Error('User is not authorized to perform: SNS:GetSMSAttributes'), { name: 'AuthorizationErrorException' });
    const checks = await runPreflight(replay({ ...READY_ACCOUNT, attributes: denied }), ctx);
    expect(checks.find((c) => c.name === 'sns:GetSMSAttributes')).toMatchObject({ verdict: 'WARN', detail: expect.stringMatching(/AuthorizationErrorException.*may call sns:GetSMSAttributes/) });
    expect(verdicts(checks)['SNS SMS sandbox']).toBe('PASS');
  });
});

describe('sender IDs by country', () => {
  it('fails a US share without an origination number and warns on a country it does not know', () => {
    const checks = senderChecks({ guestCountries: { US: 1, XK: 1 }, registered: [], smsSenderId: 'LIAISON' });
    expect(checks.map((c) => [c.name, c.verdict])).toEqual([
      ['Sender ID in US (50 % of guests)', 'FAIL'],
      ['Sender ID in XK (50 % of guests)', 'WARN'],
    ]);
  });
});

describe('what preflight measures against', () => {
  it("takes the SMS estimate and a day's email from the summit's settings and the usage model", () => {
    const settings = loadEventSettings('jakarta-summit-2027');
    const c = preflightContext(settings, DEFAULT_USAGE, loadPrices(), { days: 5, registered: ['ID'] });
    // emails a day: 5,000 × (1 automatic + 2 broadcasts × 1) = 15,000
    expect(c.emailsPerDay).toBe(15_000);
    // SMS: 5 days × (5,000 × 3 + 120 staff × 5) = 78,000 messages × 1.5 parts, mostly at Indonesia's price
    const parts = 78_000 * 1.5;
    expect(c.smsEstimateUsd).toBeGreaterThan(parts * 0.03);
    expect(c.smsEstimateUsd).toBeLessThan(parts * 0.09);
    expect(c.registered).toEqual(['ID']);
  });
});
