// A person's new email reaches their sign-in account, against moto's Cognito: the directory's real routes
// (PATCH /people/{id}, POST /people/import) publish person.updated, the test hands that very message to
// the accounts consumer and reads the user back with AdminGetUser. An email removed disables the account;
// an email another account signs in with is reported, never retried, and leaves the account as it was.
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  AliasExistsException,
  CognitoIdentityProviderClient,
  ListUsersCommand,
  type AdminUpdateUserAttributesCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Message } from '@aws-sdk/client-sqs';
import type { Person } from '@liaison/contracts';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { accountPool } from '../src/accounts/deps';
import { handler as accountsConsumer } from '../src/consumers/accounts';
import { listen } from '../../../test/support/events';
import { call, create, organizer } from './invoke';

const cognito = new CognitoIdentityProviderClient({});
const poolId = process.env.LIAISON_USER_POOL_ID!;
const context = {} as Context;
const unique = () => randomBytes(4).toString('hex');

// ---- the person events the routes publish, through a queue of the test's own

let topic: Awaited<ReturnType<typeof listen>>;

/** The published message of `type` about `personId` that `match` accepts, polled for until a deadline. */
async function publishedEvent(type: string, personId: string, match: (data: any) => boolean = () => true): Promise<Message> {
  const find = () =>
    topic.received.find(({ event: e }) => {
      const id = e.data.after?.id ?? e.data.person?.id;
      return e.type === type && id === personId && match(e.data);
    });
  await topic.collect(() => find() !== undefined, 20_000);
  const hit = find();
  if (!hit) throw new Error(`no ${type} about ${personId} was published`);
  return { MessageId: hit.messageId, Body: hit.body };
}

/** The SQS batch the consumer's event source would hand it, carrying those messages as they were published. */
function batch(...messages: Message[]): SQSEvent {
  return {
    Records: messages.map(
      (m) => ({ messageId: m.MessageId, receiptHandle: 'r', body: m.Body, attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1' }) as unknown as SQSRecord,
    ),
  };
}

async function deliver(...messages: Message[]): Promise<string[]> {
  return (await accountsConsumer(batch(...messages), context)).batchItemFailures.map((f) => f.itemIdentifier);
}

// ---- Cognito's alias rule, which moto leaves out

/**
 * Cognito refuses to give an account an email that another account of the pool signs in with
 * (AliasExistsException); moto enforces that only for pools that sign in by email as username, not for
 * this pool's email alias. This middleware on the accounts' own client does what Cognito does, and
 * counts the attempts, so that a test can show that a refusal is not retried.
 */
const updateAttempts = new Map<string, number>();

function enforceEmailAliases(): void {
  accountPool.client.middlewareStack.add(
    (next, ctx) => async (args) => {
      if (ctx.commandName === AdminUpdateUserAttributesCommand.name) {
        const input = args.input as AdminUpdateUserAttributesCommandInput;
        updateAttempts.set(input.Username!, (updateAttempts.get(input.Username!) ?? 0) + 1);
        const email = input.UserAttributes?.find((a) => a.Name === 'email')?.Value;
        if (email) {
          const holders = await cognito.send(new ListUsersCommand({ UserPoolId: poolId, Filter: `email = "${email}"` }));
          if (holders.Users?.some((u) => u.Username !== input.Username)) throw new AliasExistsException({ message: 'An account with the given email already exists.', $metadata: {} });
        }
      }
      return next(args);
    },
    { step: 'initialize', name: 'emulateEmailAliases' },
  );
}

// ---- people and accounts

async function staff(fields: Record<string, unknown> = {}): Promise<Person> {
  const tag = unique();
  return create('/people', { name: `Staff ${tag}`, role: 'lo', email: `staff-${tag}@summit.example`, ...fields });
}

async function withAccount(person: Person): Promise<void> {
  const res = await call({ method: 'POST', url: `/people/${person.id}/account`, claims: organizer });
  expect(res.status).toBe(201);
}

async function patch(person: { id: string }, version: number, body: Record<string, unknown>): Promise<Person> {
  const res = await call({ method: 'PATCH', url: `/people/${person.id}`, body, claims: organizer, headers: { 'if-match': `"${version}"` } });
  if (res.status !== 200) throw new Error(`PATCH /people/${person.id}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** The account's attributes and whether it is enabled. */
async function account(username: string): Promise<{ enabled: boolean; attrs: Record<string, string | undefined> }> {
  const user = await cognito.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  return { enabled: user.Enabled ?? true, attrs: Object.fromEntries((user.UserAttributes ?? []).map((a) => [a.Name!, a.Value])) };
}

/** What the consumer writes to stderr (warnings and errors) while `work` runs. */
async function stderrOf(work: () => Promise<void>): Promise<string> {
  const lines: string[] = [];
  const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines.join('');
}

beforeAll(async () => {
  expect(poolId).toBeTruthy();
  topic = await listen(['person.updated', 'person.deleted']);
  enforceEmailAliases();
});

afterAll(async () => {
  accountPool.client.middlewareStack.remove('emulateEmailAliases');
  await topic.close();
});

afterEach(() => updateAttempts.clear());

describe('accounts consumer: a changed email', () => {
  it('gives the account the email an organiser set with PATCH, verified, and a second delivery changes nothing', async () => {
    const lo = await staff();
    await withAccount(lo);
    const newEmail = `moved-${unique()}@summit.example`;
    await patch(lo, lo.version, { email: newEmail });
    const message = await publishedEvent('person.updated', lo.id, (d) => d.after.email === newEmail);
    expect(JSON.parse(message.Body!).data.changed).toContain('email');

    expect(await deliver(message)).toEqual([]);
    const after = await account(lo.id);
    expect(after.attrs).toMatchObject({ email: newEmail, email_verified: 'true', 'custom:personId': lo.id });
    expect(after.enabled).toBe(true);
    expect(updateAttempts.get(lo.id)).toBe(1);

    // The same message again (SQS redelivers): the consumer's claim skips it, and the account stays so.
    expect(await deliver(message)).toEqual([]);
    expect((await account(lo.id)).attrs.email).toBe(newEmail);
    expect(updateAttempts.get(lo.id)).toBe(1);
  });

  it('follows an email changed by an import row keyed by externalId', async () => {
    const externalId = `EXT-${unique()}`;
    const lo = await staff({ externalId });
    await withAccount(lo);
    const newEmail = `imported-${unique()}@summit.example`;
    const csv = `externalId,name,role,email\n${externalId},${lo.name},lo,${newEmail}\n`;
    const res = await call({ method: 'POST', url: '/people/import', body: csv, headers: { 'content-type': 'text/csv' }, claims: organizer });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 0, updated: 1 });

    const message = await publishedEvent('person.updated', lo.id, (d) => d.after.email === newEmail);
    expect(await deliver(message)).toEqual([]);
    expect((await account(lo.id)).attrs).toMatchObject({ email: newEmail, email_verified: 'true' });
  });

  it('changes nothing for a person without an account, nor for an event whose email did not change', async () => {
    const nobody = await staff();
    const newEmail = `nobody-${unique()}@summit.example`;
    await patch(nobody, nobody.version, { email: newEmail });
    expect(await deliver(await publishedEvent('person.updated', nobody.id, (d) => d.after.email === newEmail))).toEqual([]);
    await expect(account(nobody.id)).rejects.toMatchObject({ name: 'UserNotFoundException' });

    const lo = await staff();
    await withAccount(lo);
    await patch(lo, lo.version, { title: 'Dr.' });
    expect(await deliver(await publishedEvent('person.updated', lo.id, (d) => d.after.title === 'Dr.'))).toEqual([]);
    expect((await account(lo.id)).attrs.email).toBe(lo.email);
    expect(updateAttempts.has(lo.id)).toBe(false);
  });

  it('disables the account of a person whose email is removed; an email given again is set but the account stays disabled until the account route', async () => {
    const lo = await staff();
    await withAccount(lo);
    const removed = await patch(lo, lo.version, { email: null });
    expect(await deliver(await publishedEvent('person.updated', lo.id, (d) => d.after.email === null))).toEqual([]);
    const disabled = await account(lo.id);
    expect(disabled.enabled).toBe(false);
    // The old address stays on the disabled account: nobody signs in with it, and no reset reaches it.
    expect(disabled.attrs.email).toBe(lo.email);

    const again = `again-${unique()}@summit.example`;
    await patch(lo, removed.version, { email: again });
    expect(await deliver(await publishedEvent('person.updated', lo.id, (d) => d.after.email === again))).toEqual([]);
    expect(await account(lo.id)).toMatchObject({ enabled: false, attrs: { email: again } });

    const res = await call({ method: 'POST', url: `/people/${lo.id}/account`, claims: organizer });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ enabled: true, group: 'lo' });
  });

  it('keeps the old email when another account signs in with the new one: no retry, no failure, logged without the address, named by the account route', async () => {
    // A removed person keeps a disabled account that still holds their email alias.
    const gone = await staff();
    await withAccount(gone);
    expect((await call({ method: 'DELETE', url: `/people/${gone.id}`, claims: organizer })).status).toBe(204);
    expect(await deliver(await publishedEvent('person.deleted', gone.id))).toEqual([]);
    expect((await account(gone.id)).enabled).toBe(false);

    // The directory lets another person take that email (its owner is gone); Cognito does not.
    const lo = await staff();
    await withAccount(lo);
    const taken = gone.email!;
    await patch(lo, lo.version, { email: taken });
    const message = await publishedEvent('person.updated', lo.id, (d) => d.after.email === taken);

    const stderr = await stderrOf(async () => {
      expect(await deliver(message)).toEqual([]);
    });
    expect(updateAttempts.get(lo.id)).toBe(1);
    expect((await account(lo.id)).attrs.email).toBe(lo.email);
    expect((await account(gone.id)).attrs.email).toBe(taken);
    const logged = stderr.split('\n').filter((l) => l.includes(lo.id));
    expect(logged.map((l) => JSON.parse(l))).toEqual([expect.objectContaining({ level: 'error', personId: lo.id, reason: 'email_in_use' })]);
    expect(stderr).not.toContain(taken);
    expect(stderr).not.toContain(lo.email);

    // Delivered again: done already, so not tried again.
    expect(await deliver(message)).toEqual([]);
    expect(updateAttempts.get(lo.id)).toBe(1);

    // The account route names the conflict (409) and changes nothing.
    const res = await call({ method: 'POST', url: `/people/${lo.id}/account`, claims: organizer });
    expect(res.status).toBe(409);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'email', message: expect.stringContaining('another sign-in account') })]);
    expect((await account(lo.id)).attrs.email).toBe(lo.email);
  });
});

describe('accounts consumer: events out of order (a failed delivery comes back after later ones)', () => {
  it('never puts back an email that a newer change replaced', async () => {
    const lo = await staff();
    await withAccount(lo);
    const first = `first-${unique()}@summit.example`;
    const second = `second-${unique()}@summit.example`;
    const moved = await patch(lo, lo.version, { email: first });
    await patch(lo, moved.version, { email: second });
    const older = await publishedEvent('person.updated', lo.id, (d) => d.after.email === first);
    const newer = await publishedEvent('person.updated', lo.id, (d) => d.after.email === second);

    expect(await deliver(newer)).toEqual([]);
    expect((await account(lo.id)).attrs.email).toBe(second);
    expect(await deliver(older)).toEqual([]);
    expect((await account(lo.id)).attrs.email).toBe(second);
  });

  it('never enables the account of a person deleted since a role change', async () => {
    const lo = await staff();
    await withAccount(lo);
    await patch(lo, lo.version, { role: 'organizer' });
    const res = await call({ method: 'DELETE', url: `/people/${lo.id}`, claims: organizer });
    expect(res.status).toBe(204);
    const promoted = await publishedEvent('person.updated', lo.id, (d) => d.after.role === 'organizer');
    const deleted = await publishedEvent('person.deleted', lo.id);

    expect(await deliver(deleted)).toEqual([]);
    expect((await account(lo.id)).enabled).toBe(false);
    // The role change, late: it would move the account to the organizer group and enable it.
    expect(await deliver(promoted)).toEqual([]);
    expect((await account(lo.id)).enabled).toBe(false);
  });
});

describe('POST /people/{personId}/account', () => {
  it('puts right an account whose email is not its person\'s (an email change it missed)', async () => {
    const lo = await staff();
    await withAccount(lo);
    const stale = `stale-${unique()}@summit.example`;
    await cognito.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: lo.id, UserAttributes: [{ Name: 'email', Value: stale }] }));
    const res = await call({ method: 'POST', url: `/people/${lo.id}/account`, claims: organizer });
    expect(res.status).toBe(200);
    expect((await account(lo.id)).attrs).toMatchObject({ email: lo.email, email_verified: 'true' });
  });
});
