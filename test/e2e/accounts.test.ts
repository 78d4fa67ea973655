// Staff accounts on the running local stack, with moto's Cognito: an organiser gives a person their
// account over HTTP; the directory's consumer (through the real topic, queue and poller) disables a
// deleted person's account and moves a promoted LO's; `pnpm accounts sync --local` makes the missing
// staff accounts, keeps the others and disables those whose person is gone. Local tokens still come
// from the local issuer.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { AccountPool, cognitoClient } from '@liaison/directory/accounts/pool';
import { endpointsFromEnv } from '@liaison/local/emulators';
import { findUserPool, localPoolName } from '@liaison/local/cognito';
import { localTarget, runSync } from '../../infra/bin/accounts';
import { api, tokenFor, waitFor } from '../support/e2e';
import { E2E_PREFIX } from '../support/e2e-setup';

const EVENT = 'jakarta-summit-2027';
// The directory's own adapter, on the emulator (e2e-env points AWS clients at it).
const cognito = cognitoClient();
let pool: AccountPool;
const run = randomBytes(3).toString('hex');
let org: string;
let poolId: string;

const post = (path: string, body?: unknown) => api(path, { method: 'POST', token: org, ...(body === undefined ? {} : { body }) });

async function staff(role: 'lo' | 'organizer', fields: Record<string, unknown> = {}): Promise<{ id: string; version: number }> {
  const tag = randomBytes(3).toString('hex');
  const res = await post('/people', { name: `Staff ${run} ${tag}`, role, email: `acc-${run}-${tag}@summit.example`, ...fields });
  expect(res.status).toBe(201);
  return res.body;
}

async function account(username: string): Promise<{ Enabled: boolean } | null> {
  const stored = await pool.get(username);
  return stored ? { Enabled: stored.state.enabled } : null;
}

async function groupsOf(username: string): Promise<string[]> {
  return [...((await pool.get(username))?.groups ?? [])].sort();
}

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
  const found = await findUserPool(cognito, localPoolName(E2E_PREFIX, `liaison-${EVENT}-dev`));
  if (!found) throw new Error('the local runtime provisioned no user pool');
  poolId = found.id;
  pool = new AccountPool(poolId, cognito);
});

describe('POST /people/{personId}/account on the local stack', () => {
  it('makes the account in the stack\'s user pool, and answers it again with 200', async () => {
    const lo = await staff('lo');
    const made = await post(`/people/${lo.id}/account`);
    expect(made.status).toBe(201);
    expect(made.headers.get('location')).toBe(`/people/${lo.id}/account`);
    expect(made.body).toMatchObject({ username: lo.id, enabled: true, group: 'lo', status: 'FORCE_CHANGE_PASSWORD' });
    expect((await account(lo.id))?.Enabled).toBe(true);
    expect(await groupsOf(lo.id)).toEqual(['lo']);
    expect((await post(`/people/${lo.id}/account`)).status).toBe(200);
  });

  it('refuses a guest of this event (no guest accounts) with 422 naming role, and an LO caller with 403', async () => {
    const guest = await post('/people', { name: `Guest ${run}`, role: 'guest', email: `g-${run}@summit.example` });
    const res = await post(`/people/${guest.body.id}/account`);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
    const lo = await staff('lo');
    const loToken = await tokenFor({ personId: lo.id });
    expect((await api(`/people/${lo.id}/account`, { method: 'POST', token: loToken })).status).toBe(403);
  });
});

describe('accounts follow their person', () => {
  it('disables the account of a person the directory deletes', async () => {
    const lo = await staff('lo');
    expect((await post(`/people/${lo.id}/account`)).status).toBe(201);
    expect((await api(`/people/${lo.id}`, { method: 'DELETE', token: org })).status).toBe(204);
    await waitFor(async () => (await account(lo.id))?.Enabled === false, { timeoutMs: 30_000, intervalMs: 250 });
  });

  it('moves the account of an LO made organiser to the organizer group', async () => {
    const lo = await staff('lo');
    expect((await post(`/people/${lo.id}/account`)).status).toBe(201);
    const patched = await api(`/people/${lo.id}`, { method: 'PATCH', token: org, body: { role: 'organizer' }, headers: { 'if-match': `"${lo.version}"` } });
    expect(patched.status).toBe(200);
    await waitFor(async () => JSON.stringify(await groupsOf(lo.id)) === '["organizer"]', { timeoutMs: 30_000, intervalMs: 250 });
    expect((await account(lo.id))?.Enabled).toBe(true);
  });
});

describe('pnpm accounts sync --local', () => {
  it('creates missing staff accounts, keeps existing ones, disables accounts without a person, skips staff without email; a second run creates nothing', async () => {
    const [lo, organiser, had] = [await staff('lo'), await staff('organizer'), await staff('lo')];
    const noEmail = await staff('lo', { email: undefined });
    expect((await post(`/people/${had.id}/account`)).status).toBe(201);
    const stray = `stray-${run}`;
    // An account made by hand, named after no person.
    await pool.create({ id: stray, name: 'Made by hand', email: `stray-${run}@summit.example` });

    const endpoints = endpointsFromEnv();
    const target = await localTarget(EVENT, 'dev', { dynamodb: endpoints.dynamodb!, aws: endpoints.aws! }, E2E_PREFIX);
    expect(target.userPoolId).toBe(poolId);
    const lines: string[] = [];
    const first = await runSync(target, false, (l) => lines.push(l));
    expect(first.created).toEqual(expect.arrayContaining([lo.id, organiser.id]));
    expect(first.kept).toContain(had.id);
    expect(first.disabled).toContain(stray);
    expect(first.skipped).toContainEqual({ personId: noEmail.id, reason: expect.stringContaining('email') });
    expect(lines).toContain(`created  ${lo.id}`);
    expect(await groupsOf(organiser.id)).toEqual(['organizer']);
    expect((await account(stray))?.Enabled).toBe(false);

    const second = await runSync(target, false, () => {});
    expect(second.created).not.toEqual(expect.arrayContaining([lo.id]));
    expect(second.kept).toEqual(expect.arrayContaining([lo.id, organiser.id, had.id]));
    expect(second.disabled).not.toContain(stray);
  }, 300_000);
});
