// What happens to accounts: made for a person who may sign in (or brought in line when already there),
// given their person's new email, and retired (signed out, disabled) when their person goes or may no
// longer sign in. Every step is safe to repeat: the account route may be called again, and the consumer
// may see an event twice.
import { AliasExistsException, UsernameExistsException } from '@aws-sdk/client-cognito-identity-provider';
import type { Person } from '@liaison/contracts';
import { ConflictError, ValidationError } from '@liaison/kit/errors';
import type { AccountPool, StoredAccount } from './pool';
import { accountProblems, fixFor, groupFor, isNoop, type AccountGroup, type AccountState } from './policy';

/** The person's account, made now (`created`) or found and brought in line with their role. */
export async function ensureAccount(pool: AccountPool, person: Person, guestAccounts: boolean): Promise<{ created: boolean; account: AccountState }> {
  const problems = accountProblems(person, guestAccounts);
  if (problems.length > 0) throw new ValidationError(problems);
  const group = groupFor(person.role, guestAccounts) as AccountGroup;
  let stored = await pool.get(person.id);
  let created = false;
  if (!stored) {
    try {
      await pool.create({ id: person.id, name: person.name, email: person.email as string });
      created = true;
    } catch (err) {
      if (err instanceof AliasExistsException) throw emailInUse();
      // A racing call made it first: bring that one in line like any existing account.
      if (!(err instanceof UsernameExistsException)) throw err;
    }
    stored = await pool.get(person.id);
    if (!stored) throw new Error(`account ${person.id} is not there right after it was created`);
  }
  // An account may hold an older email (made from a read that an email change overtook, or a change the
  // consumer could not make because the address was taken): calling again, or the sync, puts it right.
  // First, so that a taken email answers 409 with nothing changed.
  if (stored.email !== person.email) {
    try {
      await pool.setEmail(person.id, person.email as string);
    } catch (err) {
      throw err instanceof AliasExistsException ? emailInUse() : err;
    }
  }
  if (await bringInLine(pool, stored, group)) stored = (await pool.get(person.id)) ?? stored;
  return { created, account: stored.state };
}

function emailInUse(): ConflictError {
  return new ConflictError('Another account signs in with this email', [
    { kind: 'email_in_use', path: 'email', message: 'another sign-in account of this pool has this email (a person removed earlier keeps a disabled account)' },
  ]);
}

/** Moves the account to `group`, enables it and gives staff email MFA, as far as it differs; whether anything changed. */
async function bringInLine(pool: AccountPool, stored: StoredAccount, group: AccountGroup): Promise<boolean> {
  const fix = fixFor(stored.state, stored.groups, group);
  if (isNoop(fix)) return false;
  const username = stored.state.username;
  if (fix.addTo) await pool.addToGroup(username, fix.addTo);
  for (const g of fix.removeFrom) await pool.removeFromGroup(username, g);
  if (fix.enable) await pool.enable(username);
  if (fix.emailMfa) await pool.enableEmailMfa(username);
  return true;
}

export type Followed = 'none' | 'unchanged' | 'disabled' | 'moved';

/** Signs the account out everywhere and disables it; `none` when there is no account. */
export async function retireAccount(pool: AccountPool, personId: string): Promise<Followed> {
  const stored = await pool.get(personId);
  if (!stored) return 'none';
  await pool.signOut(personId);
  if (stored.state.enabled) await pool.disable(personId);
  return 'disabled';
}

/**
 * After a person's role changed: an account whose new role may not sign in is retired; otherwise it
 * moves to the new role's group and is signed out, so that its next tokens carry the new group.
 */
export async function followRole(pool: AccountPool, person: Pick<Person, 'id' | 'role'>, guestAccounts: boolean): Promise<Followed> {
  const group = groupFor(person.role, guestAccounts);
  if (group === null) return retireAccount(pool, person.id);
  const stored = await pool.get(person.id);
  if (!stored) return 'none';
  const changed = await bringInLine(pool, stored, group);
  // Even when nothing moved (a repeated delivery after a failed sign-out): signing out is harmless.
  await pool.signOut(person.id);
  return changed ? 'moved' : 'unchanged';
}

export type EmailFollowed = 'none' | 'unchanged' | 'updated' | 'disabled' | 'email_in_use';

/**
 * After a person's email changed: their account (if any) signs in with the new address from now on,
 * verified as at creation. `unchanged` when it has it already (a repeated delivery).
 *
 * An email removed retires the account (signed out, disabled) rather than leaving it on the old address:
 * accounts sign in by email (a person without one cannot get an account, `accountProblems`), and the
 * old mailbox, which the directory no longer vouches for, would still get password resets and MFA codes.
 * An email added again later does not re-enable it: the account route or `pnpm accounts sync` does.
 *
 * An address another account signs in with (a removed person's disabled account keeps theirs) is not
 * retried, as it would fail the same way every time: the account keeps its old email, the caller reports
 * `email_in_use`, and the account route (409) and the sync (skipped) name it until someone frees the address.
 */
export async function followEmail(pool: AccountPool, person: Pick<Person, 'id' | 'email'>): Promise<EmailFollowed> {
  const stored = await pool.get(person.id);
  if (!stored) return 'none';
  if (person.email === null) {
    await retireAccount(pool, person.id);
    return 'disabled';
  }
  if (stored.email === person.email) return 'unchanged';
  try {
    await pool.setEmail(person.id, person.email);
  } catch (err) {
    if (err instanceof AliasExistsException) return 'email_in_use';
    throw err;
  }
  return 'updated';
}
