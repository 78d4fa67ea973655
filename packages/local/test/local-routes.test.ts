import { afterEach, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { clock, clockControl } from '@liaison/kit/clock';
import { createLocalIssuer } from '../src/jwt';
import { handleLocalRoute, type LocalRouteDeps } from '../src/local-routes';

const deps = (over: Partial<LocalRouteDeps> = {}): LocalRouteDeps => ({ isReady: () => true, issuer: null, scheduler: null, outbox: null, dynamodb: null, tableName: null, ...over });
const call = async (method: string, path: string, body: unknown, d = deps()) => {
  const answer = await handleLocalRoute(method, path, Buffer.from(body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body)), d);
  return { status: answer.status, type: answer.headers.find(([n]) => n === 'content-type')?.[1], body: JSON.parse(answer.body.toString()) as Record<string, unknown> };
};

afterEach(() => clockControl.reset());

describe('/_local/health', () => {
  it('says starting until ready', async () => {
    expect(await call('GET', '/_local/health', undefined, deps({ isReady: () => false }))).toMatchObject({ status: 503, body: { status: 'starting' } });
    expect(await call('GET', '/_local/health', undefined)).toMatchObject({ status: 200, body: { status: 'ready' } });
  });
});

describe('/_local/clock', () => {
  it('advances, sets and resets the clock that functions read', async () => {
    const before = clock.nowMs();
    const advanced = await call('POST', '/_local/clock', { advance: 'PT2H' });
    expect(advanced.status).toBe(200);
    expect(advanced.body).toMatchObject({ offsetMs: 7_200_000, frozen: false });
    expect(clock.nowMs() - before).toBeGreaterThanOrEqual(7_200_000);

    const set = await call('POST', '/_local/clock', { now: '2027-03-02T09:00:00+07:00' });
    expect(set.status).toBe(200);
    expect(Math.abs(clock.nowMs() - Date.parse('2027-03-02T02:00:00Z'))).toBeLessThan(1000);

    expect((await call('POST', '/_local/clock', { reset: true })).body).toMatchObject({ offsetMs: 0 });
    expect(Math.abs(clock.nowMs() - Date.now())).toBeLessThan(50);
  });

  it.each([
    [{ advance: 'two hours' }, 'advance'],
    [{ now: 'tomorrow' }, 'now'],
    [{ reset: false }, 'reset'],
    [{ advance: 'PT1H', now: '2027-03-02T09:00:00Z' }, 'now'],
    [{}, 'advance'],
    [{ jump: 'PT1H' }, 'jump'],
  ])('refuses %j with 422 naming %s', async (body, field) => {
    const out = await call('POST', '/_local/clock', body);
    expect(out.status).toBe(422);
    expect(out.type).toBe('application/problem+json');
    expect(out.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
    expect(clockControl.state().offsetMs).toBe(0);
  });

  it('answers malformed JSON with 400', async () => {
    expect((await call('POST', '/_local/clock', '{advance')).status).toBe(400);
  });
});

describe('/_local/tokens', () => {
  it('signs a token for a role', async () => {
    const issuer = await createLocalIssuer('https://issuer.example/pool', 'client-1');
    const out = await call('POST', '/_local/tokens', { role: 'lo', personId: 'per_9' }, deps({ issuer }));
    expect(out.status).toBe(200);
    expect(decodeJwt(String(out.body.token))).toMatchObject({ iss: 'https://issuer.example/pool', aud: 'client-1', personId: 'per_9', 'cognito:groups': ['lo'], token_use: 'id', sub: expect.any(String) });
  });

  it.each([
    [{}, 'personId'],
    [{ role: 'admin' }, 'role'],
    [{ personId: '' }, 'personId'],
    [{ personId: 5 }, 'personId'],
    [{ role: 'lo', email: 'x@y' }, 'email'],
  ])('refuses %j with 422 naming %s', async (body, field) => {
    const issuer = await createLocalIssuer('https://issuer.example/pool', 'client-1');
    const out = await call('POST', '/_local/tokens', body, deps({ issuer }));
    expect(out.status).toBe(422);
    expect(out.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: field })]));
  });
});

describe('unknown local routes', () => {
  it('answers 404 and 405 as problems', async () => {
    expect((await call('GET', '/_local/nothing', undefined)).status).toBe(404);
    expect((await call('GET', '/_local/tokens', undefined)).status).toBe(405);
    expect((await call('GET', '/_local/schedules/tick/run', undefined)).status).toBe(405);
  });
});
