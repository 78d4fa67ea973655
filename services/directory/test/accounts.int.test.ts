// Sign-in accounts against moto's Cognito: POST /people/{personId}/account makes the user (named by
// person id, verified email, custom:personId, in the group of the role), answers it again without
// making another, refuses people who may not sign in; the accounts consumer disables and signs out the
// account of a deleted or demoted person and moves a changed role's account to its new group.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  AdminAddUserToGroupCommand,
  AdminDisableUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminListGroupsForUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  ListUsersCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Person } from '@liaison/contracts';
import { makeEvent } from '@liaison/kit/events/envelope';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { handler as accountsConsumer } from '../src/consumers/accounts';
import { call, claimsFor, create, organizer } from './invoke';

const cognito = new CognitoIdentityProviderClient({});
const poolId = process.env.LIAISON_USER_POOL_ID!;
const origin = { source: 'directory', correlationId: 'test' };
const context = {} as Context;
let n = 0;
let clientId = '';

function batch(...events: unknown[]): SQSEvent {
  return { Records: events.map((e) => ({ messageId: `acc-${++n}`, receiptHandle: 'r', body: JSON.stringify(e), attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1' }) as unknown as SQSRecord) };
}

const unique = () => randomBytes(4).toString('hex');

async function personWith(fields: Record<string, unknown>): Promise<Person> {
  const tag = unique();
  return create('/people', { name: `Staff ${tag}`, role: 'lo', email: `staff-${tag}@summit.example`, ...fields });
}

/** Changes the person's role in the directory (the consumer acts on the person as stored), answering them after. */
async function changeRole(person: Person, role: Person['role']): Promise<Person> {
  const res = await call({ method: 'PATCH', url: `/people/${person.id}`, body: { role }, claims: organizer, headers: { 'if-match': `"${person.version}"` } });
  expect(res.status).toBe(200);
  return res.body as Person;
}

const account = (personId: string) => call({ method: 'POST', url: `/people/${personId}/account`, claims: organizer });

async function user(username: string) {
  return cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
}

async function groupsOf(username: string): Promise<string[]> {
  const out = await cognito.send(new AdminListGroupsForUserCommand({ UserPoolId: poolId, Username: username }));
  return (out.Groups ?? []).map((g) => g.GroupName!).sort();
}

/** Signs the user in (a password set by hand, as after the invitation) and answers their refresh token. */
async function signIn(username: string): Promise<string> {
  const password = `Pw-${unique()}-Aa1!xyz`;
  await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: password, Permanent: true }));
  const out = await cognito.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: password } }));
  return out.AuthenticationResult!.RefreshToken!;
}

/** Whether the refresh token still gets new tokens (it does not after a global sign-out). */
async function refreshes(refreshToken: string): Promise<boolean> {
  try {
    await cognito.send(new AdminInitiateAuthCommand({ UserPoolId: poolId, ClientId: clientId, AuthFlow: 'REFRESH_TOKEN_AUTH', AuthParameters: { REFRESH_TOKEN: refreshToken } }));
    return true;
  } catch (err) {
    if ((err as Error).name === 'NotAuthorizedException') return false;
    throw err;
  }
}

beforeAll(async () => {
  expect(poolId).toBeTruthy();
  // A client of the local pool, to sign in and prove that sign-out revokes refresh tokens.
  const out = await cognito.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: `accounts-test-${unique()}`, ExplicitAuthFlows: ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }),
  );
  clientId = out.UserPoolClient!.ClientId!;
});

describe('POST /people/{personId}/account', () => {
  it('creates the account of an LO: named by the person id, verified email, name, custom:personId, in the lo group', async () => {
    const lo = await personWith({ role: 'lo' });
    const res = await account(lo.id);
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe(`/people/${lo.id}/account`);
    expect(res.body).toEqual({ username: lo.id, status: 'FORCE_CHANGE_PASSWORD', enabled: true, group: 'lo', mfa: expect.objectContaining({ methods: expect.any(Array) }) });

    const stored = await user(lo.id);
    const attrs = Object.fromEntries((stored.UserAttributes ?? []).map((a) => [a.Name, a.Value]));
    expect(attrs).toMatchObject({ email: lo.email, email_verified: 'true', name: lo.name, 'custom:personId': lo.id });
    expect(await groupsOf(lo.id)).toEqual(['lo']);
  });

  it('puts an organiser in the organizer group', async () => {
    const org = await personWith({ role: 'organizer' });
    expect((await account(org.id)).body.group).toBe('organizer');
    expect(await groupsOf(org.id)).toEqual(['organizer']);
  });

  it('answers the existing account when called again (200), and makes no second user', async () => {
    const lo = await personWith({ role: 'lo' });
    const first = await account(lo.id);
    const again = await account(lo.id);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const listed = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: `email = "${lo.email}"` }));
    expect(listed.Users?.map((u) => u.Username)).toEqual([lo.id]);
  });

  it('makes one account when two calls race: one 201, one 200', async () => {
    const lo = await personWith({ role: 'lo' });
    const answers = await Promise.all([account(lo.id), account(lo.id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(await groupsOf(lo.id)).toEqual(['lo']);
  });

  it('brings an existing account in line with its person: back in its role group only, enabled again', async () => {
    const lo = await personWith({ role: 'lo' });
    await account(lo.id);
    await cognito.send(new AdminAddUserToGroupCommand({ UserPoolId: poolId, Username: lo.id, GroupName: 'organizer' }));
    await cognito.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: lo.id }));
    const res = await account(lo.id);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enabled: true, group: 'lo' });
    expect(await groupsOf(lo.id)).toEqual(['lo']);
  });

  it('refuses a person without email with 422 naming email, and makes no account', async () => {
    const lo = await personWith({ role: 'lo', email: undefined });
    const res = await account(lo.id);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'email' })]);
    await expect(user(lo.id)).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('refuses a guest (this event gives guests no accounts) and a contact with 422 naming role', async () => {
    for (const role of ['guest', 'contact']) {
      const p = await personWith({ role });
      const res = await account(p.id);
      expect(res.status).toBe(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ path: 'role' })]);
      await expect(user(p.id)).rejects.toMatchObject({ name: 'UserNotFoundException' });
    }
  });

  it('names both problems of a contact without email', async () => {
    const p = await personWith({ role: 'contact', email: undefined });
    const res = await account(p.id);
    expect(res.status).toBe(422);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['email', 'role']);
  });

  it('answers 404 for an unknown person and 403 to an LO', async () => {
    expect((await account('per_UNKNOWN0000000000000000000')).status).toBe(404);
    const lo = await personWith({ role: 'lo' });
    const res = await call({ method: 'POST', url: `/people/${lo.id}/account`, claims: claimsFor('lo', lo.id) });
    expect(res.status).toBe(403);
    await expect(user(lo.id)).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });
});

describe('accounts consumer', () => {
  it('disables and signs out the account of a deleted person, and is harmless twice', async () => {
    const lo = await personWith({ role: 'lo' });
    await account(lo.id);
    const refresh = await signIn(lo.id);
    expect(await refreshes(refresh)).toBe(true);

    const event = makeEvent('person.deleted', { person: lo }, origin);
    expect((await accountsConsumer(batch(event), context)).batchItemFailures).toEqual([]);
    expect((await user(lo.id)).Enabled).toBe(false);
    expect(await refreshes(refresh)).toBe(false);
    // The same event again, and a new event for the same deletion (a replay): nothing fails.
    expect((await accountsConsumer(batch(event), context)).batchItemFailures).toEqual([]);
    expect((await accountsConsumer(batch(makeEvent('person.deleted', { person: lo }, origin)), context)).batchItemFailures).toEqual([]);
    expect((await user(lo.id)).Enabled).toBe(false);
  });

  it('moves the account of a promoted LO to the organizer group and signs it out', async () => {
    const lo = await personWith({ role: 'lo' });
    await account(lo.id);
    const refresh = await signIn(lo.id);
    const after = await changeRole(lo, 'organizer');
    const res = await accountsConsumer(batch(makeEvent('person.updated', { before: lo, after, changed: ['role'] }, origin)), context);
    expect(res.batchItemFailures).toEqual([]);
    expect(await groupsOf(lo.id)).toEqual(['organizer']);
    expect((await user(lo.id)).Enabled).toBe(true);
    expect(await refreshes(refresh)).toBe(false);
  });

  it('disables the account of an LO who becomes a guest (no guest accounts here) or a contact', async () => {
    for (const role of ['guest', 'contact'] as const) {
      const lo = await personWith({ role: 'lo' });
      await account(lo.id);
      const refresh = await signIn(lo.id);
      const after = await changeRole(lo, role);
      expect((await accountsConsumer(batch(makeEvent('person.updated', { before: lo, after, changed: ['role'] }, origin)), context)).batchItemFailures).toEqual([]);
      expect((await user(lo.id)).Enabled).toBe(false);
      expect(await refreshes(refresh)).toBe(false);
    }
  });

  it('leaves accounts alone when other fields change, and does nothing for a person without an account', async () => {
    const lo = await personWith({ role: 'lo' });
    await account(lo.id);
    const refresh = await signIn(lo.id);
    const renamed = { ...lo, name: 'Renamed', version: lo.version + 1 };
    expect((await accountsConsumer(batch(makeEvent('person.updated', { before: lo, after: renamed, changed: ['name'] }, origin)), context)).batchItemFailures).toEqual([]);
    expect(await refreshes(refresh)).toBe(true);

    const nobody = await personWith({ role: 'lo' });
    const events = [makeEvent('person.deleted', { person: nobody }, origin), makeEvent('person.updated', { before: nobody, after: { ...nobody, role: 'organizer' as const }, changed: ['role'] }, origin)];
    expect((await accountsConsumer(batch(...events), context)).batchItemFailures).toEqual([]);
    await expect(user(nobody.id)).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });
});
