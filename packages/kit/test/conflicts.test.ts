import { describe, expect, it } from '@jest/globals';
import { explain, type Role } from '../src/ddb/conflicts';
import { ChangedSinceRead, readAgainOnChange } from '../src/ddb/read-again';
import { ConflictError, StaleVersionError, ValidationError } from '../src/errors';

const failed = { code: 'ConditionalCheckFailed' };
const fine = { code: 'None' };

describe('explaining a cancelled transaction', () => {
  const roles: Role[] = [{ kind: 'versioned', expected: 3 }, { kind: 'unique', path: 'email', what: 'this email' }, { kind: 'changed', what: 'the bookings' }, { kind: 'reference', path: 'partyId', message: 'no such party' }];

  it('reads again first when an item the decision was made on moved on', () => {
    expect(explain(roles)([failed, failed, failed, fine])).toBeInstanceOf(ChangedSinceRead);
  });

  it('answers a stale version with the version found', () => {
    const err = explain(roles)([{ ...failed, item: { version: 5 } }, fine, fine, fine]);
    expect(err).toBeInstanceOf(StaleVersionError);
    expect((err as StaleVersionError).current).toBe(5);
  });

  it('names the owner of a taken value, with a version for others that does not', () => {
    const err = explain(roles)([fine, { ...failed, item: { ownerId: 'per_1' } }, fine, fine]) as ConflictError;
    expect(err.clashes).toEqual([{ kind: 'duplicate', path: 'email', message: 'this email is already used by per_1', refs: ['per_1'], forOthers: 'this email is already used' }]);
  });

  it('names a vanished reference as a field error, and leaves unknown causes alone', () => {
    expect(explain(roles)([fine, fine, fine, failed])).toBeInstanceOf(ValidationError);
    expect(explain(roles)([fine, fine, fine, { code: 'TransactionConflict' }])).toBeNull();
  });
});

describe('reading again on change', () => {
  it('retries until the attempt goes through', async () => {
    let calls = 0;
    await expect(readAgainOnChange(async () => (++calls < 3 ? Promise.reject(new ChangedSinceRead()) : 'done'))).resolves.toBe('done');
    expect(calls).toBe(3);
  });

  it('answers 409 busy when it keeps changing, and passes other errors through at once', async () => {
    await expect(readAgainOnChange(() => Promise.reject(new ChangedSinceRead()), { attempts: 2 })).rejects.toMatchObject({ status: 409, clashes: [{ kind: 'busy' }] });
    let calls = 0;
    await expect(readAgainOnChange(() => (calls++, Promise.reject(new StaleVersionError(1, 2))))).rejects.toBeInstanceOf(StaleVersionError);
    expect(calls).toBe(1);
  });
});
