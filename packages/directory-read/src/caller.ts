// The caller check every service's HTTP function plugs into the kit (`httpService({ resolveCaller })`):
// a token is trusted only as far as its person still exists and holds the role, read at most
// `maxAgeMs` ago (60 s by default, on the clock module's time, so the local clock can show it).
// Cached per container: one consistent GetItem (of the role only, no contact data) per person a minute.
import type { PersonRole } from '@liaison/contracts';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { clock } from '@liaison/kit/clock';
import { ddb } from '@liaison/kit/ddb/client';
import type { CallerResolver } from '@liaison/kit/http/auth';
import type { Role } from '@liaison/kit/http/route';
import { readKeys } from './keys';

/** The rights a person's role gives: guests and contacts sign in as guests. */
export function roleOfPerson(role: PersonRole | string | undefined): Role | null {
  switch (role) {
    case 'organizer':
      return 'organizer';
    case 'lo':
      return 'lo';
    case 'guest':
    case 'contact':
      return 'guest';
    default:
      return null;
  }
}

export interface CallerResolverOptions {
  /** How stale a cached role may be; 60 s by default. */
  maxAgeMs?: number;
  /** Entries kept per container (oldest dropped first). */
  maxEntries?: number;
}

interface Entry {
  role: Role | null;
  readAt: number;
}

export function callerResolver(tableName: string, opts: CallerResolverOptions = {}): CallerResolver & { forget(personId: string): void } {
  const maxAgeMs = opts.maxAgeMs ?? 60_000;
  const maxEntries = opts.maxEntries ?? 10_000;
  const cache = new Map<string, Entry>();

  const read = async (personId: string): Promise<Entry> => {
    const out = await ddb.send(
      new GetCommand({ TableName: tableName, Key: readKeys.person(personId), ConsistentRead: true, ProjectionExpression: '#r', ExpressionAttributeNames: { '#r': 'role' } }),
    );
    return { role: out.Item ? roleOfPerson(out.Item.role as string) : null, readAt: clock.nowMs() };
  };

  const resolve = async (principal: Parameters<CallerResolver>[0]) => {
    const { personId } = principal;
    if (personId === null) return principal;
    const now = clock.nowMs();
    let entry = cache.get(personId);
    // A clock moved back (tests, the local runtime) makes an entry look young forever: read again.
    if (!entry || now - entry.readAt >= maxAgeMs || now < entry.readAt) {
      entry = await read(personId);
      cache.delete(personId);
      cache.set(personId, entry);
      if (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    }
    return entry.role ? { ...principal, role: entry.role } : null;
  };
  return Object.assign(resolve, { forget: (personId: string) => void cache.delete(personId) });
}
