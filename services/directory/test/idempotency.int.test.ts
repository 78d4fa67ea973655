// Idempotency-Key on a creating POST, against the emulator: whatever fails after the write committed,
// a retry with the same key never writes again; a failure before any commit leaves the key free.
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { scanTable } from '../../../test/support/int';
import { call, organizer } from './invoke';

const send = ddb.send.bind(ddb);

/** Fails the first DynamoDB command that `matches`, once; everything else goes through. */
function failOnce(matches: (command: unknown) => boolean): void {
  let failed = false;
  jest.spyOn(ddb, 'send').mockImplementation(((command: unknown, ...rest: unknown[]) => {
    if (!failed && matches(command)) {
      failed = true;
      return Promise.reject(new Error('injected failure'));
    }
    return (send as (...a: unknown[]) => unknown)(command, ...rest);
  }) as never);
}

const recordsAnswer = (c: unknown) => c instanceof UpdateCommand && String(c.input.Key?.pk).startsWith('IDEMPOTENCY#') && /:done/.test(String(c.input.UpdateExpression));
const writesPerson = (c: unknown) => c instanceof TransactWriteCommand;

async function peopleNamed(name: string): Promise<number> {
  return (await scanTable()).filter((i) => i.sk === 'PERSON' && i.name === name).length;
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('Idempotency-Key', () => {
  it('never writes twice when recording the answer fails after the write committed', async () => {
    const name = `Once only ${Math.random()}`;
    const request = { method: 'POST', url: '/people', body: { name, role: 'guest' }, claims: organizer, headers: { 'idempotency-key': `rec-fail-${Math.random()}` } };
    failOnce(recordsAnswer);
    const first = await call(request);
    expect(first.status).toBe(500);
    jest.restoreAllMocks();

    const retry = await call(request);
    expect(retry).toMatchObject({ status: 409, body: { clashes: [{ kind: 'idempotency_applied' }] } });
    const again = await call(request);
    expect(again.status).toBe(409);
    expect(await peopleNamed(name)).toBe(1);
  });

  it('frees the key when the request fails before anything committed, so a retry creates', async () => {
    const name = `Retried ${Math.random()}`;
    const request = { method: 'POST', url: '/people', body: { name, role: 'guest' }, claims: organizer, headers: { 'idempotency-key': `pre-fail-${Math.random()}` } };
    failOnce(writesPerson);
    expect((await call(request)).status).toBe(500);
    jest.restoreAllMocks();
    expect(await peopleNamed(name)).toBe(0);

    const retry = await call(request);
    expect(retry.status).toBe(201);
    const replay = await call(request);
    expect(replay).toMatchObject({ status: 201, body: { id: retry.body.id } });
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(await peopleNamed(name)).toBe(1);
  });

  it('replays a refusal with the same status and body', async () => {
    const request = { method: 'POST', url: '/assignments', body: { loId: 'per_nobody', partyId: 'pty_nothing' }, claims: organizer, headers: { 'idempotency-key': `refused-${Math.random()}` } };
    const first = await call(request);
    expect(first.status).toBe(422);
    const again = await call(request);
    expect(again).toMatchObject({ status: 422, body: first.body, headers: { 'idempotent-replayed': 'true' } });
  });
});
