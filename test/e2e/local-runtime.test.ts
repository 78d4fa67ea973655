// The local runtime as a user runs it (`tsx packages/local/src/cli.ts`, started by e2e-setup),
// driven over HTTP: its own /_local routes, the gateway's 401 and 404, and the outbox.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { decodeJwt } from 'jose';
import { api, tokenFor, waitFor } from '../support/e2e';

describe('the local runtime', () => {
  it('says it is ready', async () => {
    expect(await api('/_local/health')).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('serves the OpenAPI document without a token', async () => {
    const out = await api('/openapi.json');
    expect(out.status).toBe(200);
    expect(out.body.openapi).toMatch(/^3\.1/);
  });

  it('answers 401 on a directory route without a token, or with a bad one, as API Gateway does', async () => {
    const none = await api('/people');
    expect(none).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const bad = await api('/people', { token: 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('answers 404 where no route matches', async () => {
    expect(await api('/no/such/route')).toMatchObject({ status: 404, body: { message: 'Not Found' } });
  });
});

describe('local tokens', () => {
  it('signs a token for a role, with the claims the services read', async () => {
    const claims = decodeJwt(await tokenFor({ role: 'organizer' }));
    expect(claims).toMatchObject({ 'cognito:groups': ['organizer'], token_use: 'id', sub: expect.any(String), iss: expect.stringMatching(/^https:\/\/cognito-idp\./) });
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
    const lo = decodeJwt(await tokenFor({ role: 'lo', personId: 'per_e2e' }));
    expect(lo).toMatchObject({ personId: 'per_e2e', 'cognito:groups': ['lo'] });
  });

  it('gets past the authorizer with a token it signed', async () => {
    const out = await api('/people', { token: await tokenFor({ role: 'organizer' }) });
    expect(out.status).not.toBe(401);
  });

  it('refuses a bad request with 422 naming the field, and an unknown person with 404', async () => {
    const bad = await api('/_local/tokens', { method: 'POST', body: { role: 'king' } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('content-type')).toBe('application/problem+json');
    expect(bad.body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
    const unknown = await api('/_local/tokens', { method: 'POST', body: { personId: `per_${randomBytes(4).toString('hex')}` } });
    expect(unknown.status).toBe(404);
  });
});

describe('the local clock', () => {
  afterAll(() => api('/_local/clock', { method: 'POST', body: { reset: true } }));

  it('moves and resets', async () => {
    const advanced = await api('/_local/clock', { method: 'POST', body: { advance: 'PT2H' } });
    expect(advanced.status).toBe(200);
    expect(advanced.body.offsetMs).toBeGreaterThanOrEqual(7_200_000);
    expect(Date.parse(advanced.body.now) - Date.now()).toBeGreaterThan(7_100_000);
    const set = await api('/_local/clock', { method: 'POST', body: { now: '2027-03-02T09:00:00+07:00' } });
    expect(Math.abs(Date.parse(set.body.now) - Date.parse('2027-03-02T02:00:00Z'))).toBeLessThan(5000);
    const reset = await api('/_local/clock', { method: 'POST', body: { reset: true } });
    expect(reset.body).toMatchObject({ offsetMs: 0, frozen: false });
  });

  it('refuses a duration it cannot read', async () => {
    const out = await api('/_local/clock', { method: 'POST', body: { advance: '2 hours' } });
    expect(out.status).toBe(422);
    expect(out.body.errors).toEqual([expect.objectContaining({ path: 'advance' })]);
  });
});

describe('schedules on demand', () => {
  it('runs each schedule of the stack and answers when it has finished', async () => {
    const { body } = await api<{ names: string[] }>('/_local/schedules');
    expect(body.names.length).toBeGreaterThan(0);
    for (const name of body.names) {
      const out = await api(`/_local/schedules/${name}/run`, { method: 'POST' });
      expect(out).toMatchObject({ status: 200, body: { name, ms: expect.any(Number) } });
    }
  });

  it('answers 404 for a schedule the stack does not have', async () => {
    expect((await api('/_local/schedules/no-such-schedule/run', { method: 'POST' })).status).toBe(404);
  });
});

describe('the outbox', () => {
  const sns = new SNSClient({});
  afterAll(() => sns.destroy());

  /** SES's Query API, spoken directly: the test package has no SES client, moto needs no signature. */
  async function ses(params: Record<string, string>): Promise<void> {
    const res = await fetch(process.env.AWS_ENDPOINT_URL_SES!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `AWS4-HMAC-SHA256 Credential=local/20270302/${process.env.AWS_REGION}/ses/aws4_request, SignedHeaders=host, Signature=0` },
      body: new URLSearchParams({ Version: '2010-12-01', ...params }).toString(),
    });
    if (!res.ok) throw new Error(`SES ${params.Action} answered ${res.status}: ${await res.text()}`);
  }

  it('lists an SMS published to a phone number and an email sent through SES, newest first', async () => {
    const tag = randomBytes(4).toString('hex');
    await sns.send(new PublishCommand({ PhoneNumber: '+6281299990000', Message: `Pick-up at 09:00 (${tag})` }));
    type Entry = { channel: string; to: string; subject?: string; body: string; at: string };
    await waitFor(async () => (await api<Entry[]>('/_local/outbox')).body.some((e) => e.body.includes(tag)), { timeoutMs: 10_000 });

    await ses({ Action: 'VerifyEmailIdentity', EmailAddress: 'e2e@liaison.example' });
    await ses({
      Action: 'SendEmail',
      Source: 'e2e@liaison.example',
      'Destination.ToAddresses.member.1': 'guest@liaison.example',
      'Message.Subject.Data': `Welcome ${tag}`,
      'Message.Body.Text.Data': `Selamat datang (${tag})`,
    });
    const list = await waitFor(
      async () => {
        const out = (await api<Entry[]>('/_local/outbox')).body;
        return out.filter((e) => e.body.includes(tag)).length === 2 ? out : undefined;
      },
      { timeoutMs: 10_000 },
    );
    expect(list.filter((e) => e.body.includes(tag))).toEqual([
      { channel: 'email', to: 'guest@liaison.example', subject: `Welcome ${tag}`, body: `Selamat datang (${tag})`, at: expect.any(String) },
      { channel: 'sms', to: '+6281299990000', body: `Pick-up at 09:00 (${tag})`, at: expect.any(String) },
    ]);
  });
});
