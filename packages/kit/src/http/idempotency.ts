// Idempotency-Key on creating POSTs. The first request with a key claims it (a conditional put, so
// concurrent retries cannot both run); a 2xx answer is stored for 24 hours and replayed for the same
// key and body; the same key with another body gets 422; a retry while the first still runs gets 409.
// A failed first attempt releases the key so the client can retry it.
import { createHash, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { clock } from '../clock';
import { ddb } from '../ddb/client';
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

export type Claimed = { kind: 'claimed'; release: () => Promise<void>; complete: (answer: StoredAnswer) => Promise<void> } | { kind: 'replay'; answer: StoredAnswer };

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

/**
 * Claims `key` for the caller `scope` (the token subject) and request `print`.
 * `leaseSeconds` should exceed the function timeout: a claim older than that is taken over.
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
        // A new key, one past its 24 hours (TTL deletes lazily), or a stale claim for the same request.
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt < :now OR (#s = :pending AND leaseUntil < :now AND print = :print)',
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
    if (old.state === 'done') return { kind: 'replay', answer: JSON.parse(String(old.answer)) as StoredAnswer };
    throw new ConflictError('A request with this Idempotency-Key is still being processed; retry in a moment', [
      { kind: 'idempotency_in_progress', message: 'the first request with this key has not finished yet' },
    ]);
  }

  const release = async () => {
    await ddb
      .send(
        new DeleteCommand({
          TableName: tableName,
          Key: itemKey,
          ConditionExpression: '#o = :o',
          ExpressionAttributeNames: { '#o': 'owner' },
          ExpressionAttributeValues: { ':o': owner },
        }),
      )
      .catch((e: Error) => log.warn('could not release idempotency key', { err: e.message }));
  };

  const complete = async (answer: StoredAnswer) => {
    const text = JSON.stringify(answer);
    if (Buffer.byteLength(text) > MAX_STORED_BYTES) {
      // Too big to store: release, so a retry runs again (routes that answer this much are naturally idempotent).
      await release();
      return;
    }
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: itemKey,
        UpdateExpression: 'SET #s = :done, answer = :a REMOVE leaseUntil',
        ConditionExpression: '#o = :o',
        ExpressionAttributeNames: { '#s': 'state', '#o': 'owner' },
        ExpressionAttributeValues: { ':done': 'done', ':a': text, ':o': owner },
      }),
    );
  };

  return { kind: 'claimed', release, complete };
}
