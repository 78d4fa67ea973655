// Server-made ids: a short type prefix and a ULID (time-ordered, 26 Crockford base32 characters).
import { randomBytes } from 'node:crypto';
import { clock } from './clock';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function ulid(atMs: number = clock.nowMs()): string {
  let time = '';
  let t = atMs;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  const bytes = randomBytes(16);
  let rand = '';
  for (let i = 0; i < 16; i++) rand += ALPHABET[(bytes[i] as number) % 32];
  return time + rand;
}

/** `newId('per')` → `per_01JB3…`. The prefix only helps people reading logs; clients treat ids as opaque. */
export function newId(prefix: string): string {
  return `${prefix}_${ulid()}`;
}
