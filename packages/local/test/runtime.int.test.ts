import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { SESClient, SendEmailCommand, VerifyEmailIdentityCommand } from '@aws-sdk/client-ses';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { decodeJwt } from 'jose';
import { clockControl } from '@liaison/kit/clock';
import { endpointsFromEnv, type Endpoints } from '../src/emulators';
import { startLocalRuntime, type LocalRuntime } from '../src/runtime';
import { runs } from './fixtures/handlers/schedule';
import { fixtureTemplate } from './fixture';

const endpoints = endpointsFromEnv() as Endpoints;
const prefix = `rt-${randomBytes(3).toString('hex')}-`;
let runtime: LocalRuntime;
const lines: string[] = [];
const errors: string[] = [];
const envBefore = { ...process.env };

beforeAll(async () => {
  runtime = await startLocalRuntime({ port: 0, endpoints, template: fixtureTemplate(), prefix, timers: false, log: (l) => lines.push(l), logError: (t) => errors.push(t) });
});
afterAll(async () => {
  await runtime?.stop();
});
afterEach(() => clockControl.reset());

async function call(path: string, init: RequestInit & { token?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.token) headers.set('authorization', `Bearer ${init.token}`);
  const res = await fetch(`${runtime.url}${path}`, { ...init, headers });
  const raw = Buffer.from(await res.arrayBuffer());
  const type = res.headers.get('content-type') ?? '';
  return { status: res.status, headers: res.headers, raw, body: /json/.test(type) && raw.length > 0 ? JSON.parse(raw.toString()) : raw.toString() };
}

async function token(body: object): Promise<string> {
  const out = await call('/_local/tokens', { method: 'POST', body: JSON.stringify(body) });
  expect(out.status).toBe(200);
  return out.body.token as string;
}

describe('the local runtime', () => {
  it('is ready once everything is up', async () => {
    expect(await call('/_local/health')).toMatchObject({ status: 200, body: { status: 'ready' } });
    expect(lines.join('\n')).toMatch(/ready in \d+ ms .* 5 routes, 2 queue consumers, 1 schedules, 4 functions/);
  });

  it('leaves ending an idle keep-alive connection to the client, so no request meets a connection the server just closed', async () => {
    const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => {
      const req = request(`${runtime.url}/_local/health`, { agent: new Agent({ keepAlive: true }) }, resolve);
      req.on('error', reject);
      req.end();
    });
    res.resume();
    expect(res.headers.connection).toBe('keep-alive');
    expect(res.headers['keep-alive']).toBeUndefined();
  });

  it('gives the functions the resolved environment of the template and the emulator endpoints', async () => {
    const out = await call('/echo', { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(out.body.env).toEqual({
      table: `${prefix}TableCD117FA1`,
      topic: runtime.stack.topics.EventsTopic063726A1!.arn,
      queue: runtime.stack.queues.ThingsQueue9A1F0C3D!.url,
      where: `${runtime.stack.region}/123456789012/${prefix}ThingsQueue9A1F0C3D/\${Literal}`,
      debug: 'debug',
      region: runtime.stack.region,
    });
    expect(process.env.AWS_ENDPOINT_URL_SQS).toBe(endpoints.aws);
  });

  it('invokes the function with a payload 2.0 event and a Lambda context', async () => {
    const out = await call('/echo?b=2&a=1&a=3', { method: 'POST', body: '{"x":1}', headers: { 'content-type': 'application/json', cookie: 'k=v', 'x-two': 'one' } });
    expect(out.status).toBe(200);
    expect(out.headers.get('apigw-requestid')).toMatch(/=$/);
    const { event, context } = out.body;
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /echo',
      rawPath: '/echo',
      rawQueryString: 'b=2&a=1&a=3',
      queryStringParameters: { a: '1,3', b: '2' },
      cookies: ['k=v'],
      body: '{"x":1}',
      isBase64Encoded: false,
      requestContext: { http: { method: 'POST', path: '/echo', sourceIp: '127.0.0.1' }, stage: '$default', routeKey: 'POST /echo', requestId: out.headers.get('apigw-requestid') },
    });
    expect(event.headers['x-two']).toBe('one');
    expect(event.requestContext.authorizer).toBeUndefined();
    expect(context).toMatchObject({
      functionName: `${prefix}HttpFunction77D01D73`,
      invokedFunctionArn: `arn:aws:lambda:${runtime.stack.region}:123456789012:function:${prefix}HttpFunction77D01D73`,
      memoryLimitInMB: '256',
    });
    expect(context.remainingMs).toBeGreaterThan(1000);
    expect(context.remainingMs).toBeLessThanOrEqual(2000);
  });

  it('passes binary request bodies base64-encoded and answers base64 results as bytes, with cookies', async () => {
    const echo = await call('/echo', { method: 'POST', body: new Uint8Array([1, 2, 3]), headers: { 'content-type': 'application/octet-stream' } });
    expect(echo.body.event).toMatchObject({ body: 'AQID', isBase64Encoded: true });
    const file = await call('/files/docs/a%20b.pdf');
    expect(file.status).toBe(201);
    expect([...file.raw]).toEqual([0, 1, 2, 250]);
    expect(file.headers.get('x-path')).toBe('docs/a b.pdf');
    expect(file.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
  });

  it('answers 404 for a path no route matches', async () => {
    const out = await call('/nowhere');
    expect(out).toMatchObject({ status: 404, body: { message: 'Not Found' } });
    expect((await call('/echo')).status).toBe(404); // GET: only POST /echo exists
  });

  it('answers 500 when the function throws, runs past its timeout or returns what API Gateway cannot use', async () => {
    for (const how of ['throw', 'slow', 'bad-status']) {
      expect(await call(`/fail/${how}`, { method: 'PUT' })).toMatchObject({ status: 500, body: { message: 'Internal Server Error' } });
    }
    expect((await call('/fail/fine', { method: 'DELETE' })).status).toBe(204);
    expect(errors.join('\n')).toMatch(/fixture failure[\s\S]*Task timed out after 2\.00 seconds[\s\S]*statusCode "abc" is not an HTTP status/);
  });

  it('answers 413 to a body over 10 MB', async () => {
    const out = await call('/echo', { method: 'POST', body: new Uint8Array(10 * 1024 * 1024 + 1), headers: { 'content-type': 'application/octet-stream' } });
    expect(out.status).toBe(413);
  });

  it('logs one line per request: method, path, status and time, never the query string', async () => {
    await call('/echo?phone=%2B6281234', { method: 'POST', body: '{}' });
    expect(lines).toContainEqual(expect.stringMatching(/^POST \/echo 200 \d+ms$/));
    expect(lines.join('\n')).not.toContain('6281234');
  });
});

describe('CORS, from the API\'s CorsConfiguration', () => {
  it('answers preflights at the gateway, before any authorizer', async () => {
    const out = await call('/things/t1', { method: 'OPTIONS', headers: { origin: 'https://app.fixture.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect(out.status).toBe(204);
    expect(Object.fromEntries([...out.headers].filter(([k]) => k.startsWith('access-control-')))).toEqual({
      'access-control-allow-origin': 'https://app.fixture.example',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '600',
    });
  });

  it('adds the allow-origin header for allowed origins only', async () => {
    const allowed = await call('/clock', { headers: { origin: 'https://app.fixture.example' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.fixture.example');
    expect(allowed.headers.get('access-control-expose-headers')).toBe('etag');
    const other = await call('/clock', { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('the JWT authorizer', () => {
  it('refuses a request without a token', async () => {
    const out = await call('/things/t1');
    expect(out).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect(out.headers.get('www-authenticate')).toBe('Bearer');
  });

  it('refuses a token that is not from the local issuer', async () => {
    const forged = (await token({ role: 'lo' })).replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
    const out = await call('/things/t1', { token: forged });
    expect(out.status).toBe(401);
    expect(out.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it('passes the claims of a good token as strings', async () => {
    const out = await call('/things/t1', { token: await token({ role: 'lo', personId: 'per_7' }) });
    expect(out.status).toBe(200);
    const { claims, scopes } = out.body.event.requestContext.authorizer.jwt;
    expect(claims).toMatchObject({ 'cognito:groups': '[lo]', personId: 'per_7', token_use: 'id', iss: runtime.auth.issuer, aud: runtime.auth.audience });
    // The pool's id is the one moto made (cognito.ts): `<region>_<hex>`.
    expect(runtime.auth.issuer).toBe(`https://cognito-idp.${runtime.stack.region}.amazonaws.com/${Object.values(runtime.stack.userPools)[0]!.id}`);
    expect(claims.exp).toMatch(/^\d+$/);
    expect(scopes).toBeNull();
    expect(out.body.event.pathParameters).toEqual({ thingId: 't1' });
  });
});

describe('/_local/tokens for a person', () => {
  const dynamodb = new DynamoDBClient({});
  afterAll(() => dynamodb.destroy());

  it('takes the role from the person in the table', async () => {
    await dynamodb.send(new PutItemCommand({ TableName: `${prefix}TableCD117FA1`, Item: { pk: { S: 'PERSON#per_c' }, sk: { S: 'PERSON' }, role: { S: 'contact' } } }));
    await dynamodb.send(new PutItemCommand({ TableName: `${prefix}TableCD117FA1`, Item: { pk: { S: 'PERSON#per_o' }, sk: { S: 'PERSON' }, role: { S: 'organizer' } } }));
    expect(decodeJwt(await token({ personId: 'per_c' }))).toMatchObject({ personId: 'per_c', 'cognito:groups': ['guest'] });
    expect(decodeJwt(await token({ personId: 'per_o' }))).toMatchObject({ personId: 'per_o', 'cognito:groups': ['organizer'] });
  });

  it('answers 404 for an unknown person', async () => {
    const out = await call('/_local/tokens', { method: 'POST', body: JSON.stringify({ personId: 'per_nobody' }) });
    expect(out.status).toBe(404);
    expect(out.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('the clock', () => {
  it('moves the clock that the functions read', async () => {
    const moved = await call('/_local/clock', { method: 'POST', body: JSON.stringify({ advance: 'PT2H' }) });
    expect(moved.body.offsetMs).toBe(7_200_000);
    const seen = await call('/clock');
    expect(Date.parse(seen.body.now) - Date.now()).toBeGreaterThan(7_190_000);
    await call('/_local/clock', { method: 'POST', body: JSON.stringify({ now: '2027-03-02T09:00:00+07:00' }) });
    expect(Math.abs(Date.parse((await call('/clock')).body.now) - Date.parse('2027-03-02T02:00:00Z'))).toBeLessThan(2000);
    await call('/_local/clock', { method: 'POST', body: JSON.stringify({ reset: true }) });
    expect(Math.abs(Date.parse((await call('/clock')).body.now) - Date.now())).toBeLessThan(2000);
  });
});

describe('schedules', () => {
  it('runs a schedule on demand and answers when it has finished', async () => {
    runs.length = 0;
    await call('/_local/clock', { method: 'POST', body: JSON.stringify({ now: '2027-03-02T09:00:00+07:00' }) });
    const out = await call('/_local/schedules/tick/run', { method: 'POST' });
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ name: 'tick', ms: expect.any(Number) });
    expect(runs).toHaveLength(1);
    expect(runs[0]!.event).toMatchObject({
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      account: '123456789012',
      time: expect.stringMatching(/^2027-03-02T02:00:0\dZ$/),
      resources: [`arn:aws:events:${runtime.stack.region}:123456789012:rule/${prefix}TickRuleCA0539DF`],
      detail: {},
    });
  });

  it('answers 404 for a schedule the stack does not have', async () => {
    const out = await call('/_local/schedules/nope/run', { method: 'POST' });
    expect(out.status).toBe(404);
    expect(out.body.detail).toContain('tick');
  });
});

describe('the outbox', () => {
  const sns = new SNSClient({});
  const ses = new SESClient({});
  afterAll(() => [sns, ses].forEach((c) => c.destroy()));

  it('lists the SMS and email the emulator received, newest first', async () => {
    const tag = randomBytes(4).toString('hex');
    await sns.send(new PublishCommand({ PhoneNumber: '+6281200000001', Message: `sms ${tag}` }));
    await ses.send(new VerifyEmailIdentityCommand({ EmailAddress: 'sender@fixture.example' }));
    // Seen apart, so that "newest first" has an order to show.
    await waitForOutbox((list) => list.some((e) => e.body === `sms ${tag}`));
    await ses.send(new SendEmailCommand({ Source: 'sender@fixture.example', Destination: { ToAddresses: ['guest@fixture.example'] }, Message: { Subject: { Data: `subject ${tag}` }, Body: { Text: { Data: `email ${tag}` } } } }));
    const list = await waitForOutbox((l) => l.some((e) => e.body === `email ${tag}`));
    const mine = list.filter((e) => e.body.endsWith(tag));
    expect(mine).toEqual([
      { channel: 'email', to: 'guest@fixture.example', subject: `subject ${tag}`, body: `email ${tag}`, at: expect.any(String) },
      { channel: 'sms', to: '+6281200000001', body: `sms ${tag}`, at: expect.any(String) },
    ]);
  });

  type Entry = { channel: string; to: string; subject?: string; body: string; at: string };
  async function waitForOutbox(ok: (list: Entry[]) => boolean): Promise<Entry[]> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const list = (await call('/_local/outbox')).body as Entry[];
      if (ok(list)) return list;
      if (Date.now() > deadline) throw new Error(`outbox never showed it: ${JSON.stringify(list)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
});

describe('stopping', () => {
  it('puts the environment back', async () => {
    const r = await startLocalRuntime({ port: 0, endpoints, template: fixtureTemplate(), prefix: `${prefix}b-`, timers: false, log: () => {} });
    expect(process.env.LIAISON_TABLE_NAME).toBe(`${prefix}b-TableCD117FA1`);
    await r.stop();
    expect(process.env.LIAISON_TABLE_NAME).toBe(`${prefix}TableCD117FA1`);
    await runtime.stop();
    expect(process.env.LIAISON_TABLE_NAME).toBe(envBefore.LIAISON_TABLE_NAME);
    expect(await fetch(`${runtime.url}/_local/health`).then(() => 'answered', () => 'refused')).toBe('refused');
  });
});
