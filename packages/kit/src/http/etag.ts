// Versions on the wire: `ETag: "3"` out, `If-Match: "3"` in (412 when stale), `If-None-Match` for cheap re-reads.
import { MalformedError, StaleVersionError } from '../errors';

export function etagOf(version: number): string {
  return `"${version}"`;
}

/** `"3"` or `W/"3"` → 3; `*` → 'any'; absent → null; anything else → 400 naming the header. */
export function parseIfMatch(header: string | undefined): number | 'any' | null {
  if (header === undefined || header.trim() === '') return null;
  const text = header.trim();
  if (text === '*') return 'any';
  const m = /^(?:W\/)?"(\d{1,15})"$/.exec(text) ?? /^(\d{1,15})$/.exec(text);
  if (!m) {
    throw new MalformedError('If-Match must name one version as an ETag, e.g. "3"', [{ path: 'If-Match', message: 'must be a quoted version such as "3"' }]);
  }
  return Number(m[1]);
}

/** True when `If-None-Match` already names this version (answer 304). */
export function notModified(header: string | undefined, version: number): boolean {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etagOf(version) || v === `W/${etagOf(version)}`;
  });
}

/** Throws 412 when the client's `If-Match` names another version than the current one. */
export function assertVersion(current: number, ifMatch: number | 'any' | null): void {
  if (typeof ifMatch === 'number' && ifMatch !== current) throw new StaleVersionError(ifMatch, current);
}

/**
 * Read-decide-write with optimistic concurrency. With `If-Match` a lost race is the client's 412;
 * without it, the server read the version itself, so it reads again and retries a few times.
 */
export async function optimistic<T>(ifMatch: number | 'any' | null, attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (err instanceof StaleVersionError && typeof ifMatch !== 'number' && i < 4) continue;
      throw err;
    }
  }
}
