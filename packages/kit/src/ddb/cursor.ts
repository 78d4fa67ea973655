// Opaque pagination cursors. A cursor carries DynamoDB's LastEvaluatedKey, is bound to the query it
// came from (index, partition, filters) and carries a checksum: a cursor that was edited, cut short or
// moved to another query is refused with 400 instead of reading from an arbitrary place.
import { createHash } from 'node:crypto';
import { MalformedError } from '../errors';

type Key = Record<string, string | number>;

const VERSION = 1;

function checksum(payload: string): string {
  return createHash('sha256').update(`liaison-cursor:${payload}`).digest('base64url').slice(0, 16);
}

/** `binding` names the query (e.g. `gsi2|PARTY#pty_1|role=guest`): a cursor only works for the same query. */
export function encodeCursor(key: Key, binding: string): string {
  const payload = Buffer.from(JSON.stringify({ v: VERSION, k: key, b: checksum(binding) })).toString('base64url');
  return `${payload}.${checksum(payload)}`;
}

function bad(message: string): never {
  throw new MalformedError(`The cursor is not valid: ${message}`, [{ path: 'cursor', message: 'is not a cursor this list gave out; start again without it' }]);
}

/**
 * Decodes a cursor for this query. `keyNames` are the attributes a key of this query must have
 * (table keys, plus the index keys when querying an index); `partition` pins the partition value.
 */
export function decodeCursor(cursor: string, binding: string, keyNames: readonly string[], partition?: { name: string; value: string }): Key {
  const [payload, sum, ...rest] = cursor.split('.');
  if (!payload || !sum || rest.length > 0 || checksum(payload) !== sum) bad('checksum mismatch');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    bad('unreadable');
  }
  const { v, k, b } = (parsed ?? {}) as { v?: unknown; k?: unknown; b?: unknown };
  if (v !== VERSION) bad('unknown version');
  if (b !== checksum(binding)) bad('it belongs to another query');
  if (!k || typeof k !== 'object' || Array.isArray(k)) bad('no key');
  const key = k as Record<string, unknown>;
  const names = Object.keys(key).sort();
  if (names.join('|') !== [...keyNames].sort().join('|')) bad('wrong key shape');
  for (const name of names) {
    const value = key[name];
    if (typeof value !== 'string' && typeof value !== 'number') bad('wrong key type');
  }
  if (partition && key[partition.name] !== partition.value) bad('it belongs to another list');
  return key as Key;
}
