// Idempotency-Key on creating POSTs. The first request with a key claims it (a conditional put, so
// concurrent retries cannot both run). The claim rides along with the request's first committed
// transaction, marking the key `committed` in the same write (ddb/commit-scope.ts). Any answer below
// 500 (2xx and 4xx alike, as API.md says) is then stored for 24 hours and replayed for the same key
// and body; the same key with another body gets 422; a retry while the first still runs gets 409.
// A first attempt that fails before anything committed releases the key, so the client can retry it;
// one that committed keeps it, and a retry whose answer was never recorded gets a 409 saying the
// first request was applied: it never runs again.
import { createHash, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clock } from '../clock';
import { ddb } from '../ddb/client';
import { CommitMark } from '../ddb/commit-scope';
import { ConflictError, MalformedError, ValidationError } from '../errors';
import { log } from '../log';

const KEEP_SECONDS = 24 * 3600;
/** Largest answer stored for replay; DynamoDB items stop at 400 KB. */
const MAX_STORED_BYTES = 350 * 1024;

export interface StoredAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export interface Claim {
  kind: 'claimed';
  /** Marks the key committed inside the request's first transaction. */
  mark: CommitMark;
  /** Gives the key back, unless a write of this request committed (then it stays claimed). */
  release: () => Promise<void>;
  /** Stores the answer for replay. */
  complete: (answer: StoredAnswer) => Promise<void>;
}

export type Claimed = Claim | { kind: 'replay'; answer: StoredAnswer };

export function fingerprint(parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('base64url');
}

export function checkKey(key: string): void {
  if (key.length < 1 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key)) {
    throw new MalformedError('Idempotency-Key must be 1 to 255 printable ASCII characters without spaces', [
      { path: 'Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' },
    ]);
  }
}

function appliedConflict(why: string): ConflictError {
  return new ConflictError(`The first request with this Idempotency-Key was applied, but ${why}; read the resource instead of retrying`, [
    { kind: 'idempotency_applied', message: 'the first request with this key was applied; it is not run again' },
  ]);
}

/**
 * Claims `key` for the caller `scope` (the token subject) and request `print`.
 * `leaseSeconds` should exceed the function timeout: an uncommitted claim older than that is taken over.
 */
export async function claimKey(tableName: string, scope: string, key: string, print: string, leaseSeconds: number): Promise<Claimed> {
  checkKey(key);
  const itemKey = { pk: `IDEMPOTENCY#${scope}#${key}`, sk: 'IDEMPOTENCY' };
  const owner = randomUUID();
  const now = clock.epochSeconds();
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...itemKey, state: 'pending', print, owner, leaseUntil: now + leaseSeconds, expiresAt: now + KEEP_SECONDS },
        // A new key, one past its 24 hours (TTL deletes lazily), or a stale claim for the same request
        // that never committed a write.
        ConditionExpression:
          'attribute_not_exists(pk) OR expiresAt < :now OR (#s = :pending AND leaseUntil < :now AND print = :print AND attribute_not_exists(committed))',
        ExpressionAttributeNames: { '#s': 'state' },
        ExpressionAttributeValues: { ':now': now, ':pending': 'pending', ':print': print },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    const old = err.Item ? (unmarshall(err.Item as never) as Record<string, unknown>) : {};
    if (old.print !== print) {
      throw new ValidationError(
        [{ path: 'Idempotency-Key', message: 'was already used with another request; use a new key for a new request' }],
        'This Idempotency-Key was already used with a different request',
      );
    }
    if (old.state === 'done') {
      if (typeof old.answer !== 'string') throw appliedConflict('its answer was too large to keep');
      return { kind: 'replay', answer: JSON.parse(old.answer) as StoredAnswer };
    }
    // Its write committed: whether or not the first request is still recording its answer, this one must not run.
    if (old.committed === true) throw appliedConflict('its answer was not recorded');
    throw new ConflictError('A request with this Idempotency-Key is still being processed; retry in a moment', [
      { kind: 'idempotency_in_progress', message: 'the first request with this key has not finished yet' },
    ]);
  }

  const ownerCondition = { ConditionExpression: '#o = :o', ExpressionAttributeNames: { '#o': 'owner' }, ExpressionAttributeValues: { ':o': owner } };
  const mark = new CommitMark({
    Update: {
      TableName: tableName,
      Key: itemKey,
      UpdateExpression: 'SET committed = :t',
      ...ownerCondition,
      ExpressionAttributeValues: { ...ownerCondition.ExpressionAttributeValues, ':t': true },
    },
  });

  const release = async () => {
    if (mark.wrote) {
      log.warn('idempotency key kept claimed: a write of this request committed, so a retry must not run it again');
      return;
    }
    await ddb
      .send(new DeleteCommand({ TableName: tableName, Key: itemKey, ...ownerCondition }))
      .catch((e: Error) => log.warn('could not release idempotency key', { err: e.message }));
  };

  const complete = async (answer: StoredAnswer) => {
    const text = JSON.stringify(answer);
    const tooBig = Buffer.byteLength(text) > MAX_STORED_BYTES;
    if (tooBig && !mark.wrote) {
      // Nothing was written: a retry may simply run again.
      await release();
      return;
    }
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: itemKey,
        // Too big to keep after a write: stored without the answer, so a retry hears "applied" instead of running again.
        UpdateExpression: tooBig ? 'SET #s = :done REMOVE leaseUntil' : 'SET #s = :done, answer = :a REMOVE leaseUntil',
        ...ownerCondition,
        ExpressionAttributeNames: { ...ownerCondition.ExpressionAttributeNames, '#s': 'state' },
        ExpressionAttributeValues: { ...ownerCondition.ExpressionAttributeValues, ':done': 'done', ...(tooBig ? {} : { ':a': text }) },
      }),
    );
  };

  return { kind: 'claimed', mark, release, complete };
}
