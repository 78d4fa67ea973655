// `pnpm accounts sync`: every organiser and LO of the directory gets their account (made, or kept and
// brought in line), and every enabled account whose person is gone or may no longer sign in is signed
// out and disabled. An admin tool, not a request path: it reads the directory by its role index and
// lists the whole pool (ListUsers, which no function is granted).
import { ListUsersCommand } from '@aws-sdk/client-cognito-identity-provider';
import type { Person } from '@liaison/contracts';
import { getPeople, peopleWithRole } from '@liaison/directory-read';
import { AppError } from '@liaison/kit/errors';
import { ensureAccount, retireAccount } from './accounts';
import type { AccountPool } from './pool';
import { groupFor } from './policy';

export interface SyncReport {
  created: string[];
  kept: string[];
  disabled: string[];
  /** Staff who cannot have an account (no email, an email another account holds), with why. */
  skipped: { personId: string; reason: string }[];
}

export type SyncLine = (kind: 'created' | 'kept' | 'disabled' | 'skipped', personId: string, detail?: string) => void;

async function staffOf(tableName: string): Promise<Person[]> {
  const out: Person[] = [];
  for (const role of ['organizer', 'lo'] as const) {
    let cursor: string | undefined;
    do {
      const page = await peopleWithRole(tableName, role, { limit: 100, cursor });
      out.push(...page.items);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  return out;
}

async function enabledUsernames(pool: AccountPool): Promise<string[]> {
  const out: string[] = [];
  let token: string | undefined;
  do {
    const page = await pool.client.send(new ListUsersCommand({ UserPoolId: pool.userPoolId, Limit: 60, PaginationToken: token }));
    for (const u of page.Users ?? []) if (u.Username && u.Enabled !== false) out.push(u.Username);
    token = page.PaginationToken;
  } while (token);
  return out;
}

/** Runs `work` over `items`, `width` at a time (Cognito's admin APIs have per-second quotas). */
async function eachLimited<T>(items: readonly T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  }));
}

export async function syncAccounts(opts: { tableName: string; pool: AccountPool; guestAccounts: boolean; line?: SyncLine; concurrency?: number }): Promise<SyncReport> {
  const { tableName, pool, guestAccounts } = opts;
  const line: SyncLine = opts.line ?? (() => {});
  const width = opts.concurrency ?? 4;
  const report: SyncReport = { created: [], kept: [], disabled: [], skipped: [] };

  const staff = await staffOf(tableName);
  await eachLimited(staff, width, async (person) => {
    try {
      const { created } = await ensureAccount(pool, person, guestAccounts);
      (created ? report.created : report.kept).push(person.id);
      line(created ? 'created' : 'kept', person.id);
    } catch (err) {
      // A person the directory cannot give an account (no email, a taken email): reported, not fatal.
      if (!(err instanceof AppError)) throw err;
      const reason = err.errors.length > 0 ? err.errors.map((e) => `${e.path}: ${e.message}`).join('; ') : err.message;
      report.skipped.push({ personId: person.id, reason });
      line('skipped', person.id, reason);
    }
  });

  // Accounts are named by person id: an enabled one whose person is gone or may not sign in goes.
  const usernames = await enabledUsernames(pool);
  const people = new Map<string, Person>();
  for (let i = 0; i < usernames.length; i += 100) {
    for (const p of await getPeople(tableName, usernames.slice(i, i + 100), { consistent: true })) people.set(p.id, p);
  }
  const leaving = usernames.filter((u) => {
    const person = people.get(u);
    return !person || groupFor(person.role, guestAccounts) === null;
  });
  await eachLimited(leaving, width, async (username) => {
    if ((await retireAccount(pool, username)) === 'disabled') {
      report.disabled.push(username);
      line('disabled', username, people.has(username) ? `now a ${people.get(username)!.role}` : 'no such person');
    }
  });
  for (const list of [report.created, report.kept, report.disabled]) list.sort();
  return report;
}
