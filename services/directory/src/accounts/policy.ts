// Who may have a sign-in account and in which group, and what MFA a staff account is given: pure rules,
// shared by the account route, the consumer that makes accounts follow their person, and the sync tool.
import type { Person } from '@liaison/contracts';
import type { FieldError } from '@liaison/kit/errors';

export const ACCOUNT_GROUPS = ['organizer', 'lo', 'guest'] as const;
export type AccountGroup = (typeof ACCOUNT_GROUPS)[number];

/** MFA methods as Cognito names them (AdminGetUser's UserMFASettingList). */
export type MfaMethod = 'EMAIL_OTP' | 'SOFTWARE_TOKEN_MFA' | 'SMS_MFA';

/** An account as Cognito holds it, as the API answers it. */
export interface AccountState {
  /** The person id. */
  username: string;
  /** Cognito's user status: `FORCE_CHANGE_PASSWORD` until the invitation is used, then `CONFIRMED`. */
  status: string;
  enabled: boolean;
  /** Its role group, or null when it is in none. */
  group: AccountGroup | null;
  mfa: { methods: MfaMethod[]; preferred: MfaMethod | null };
}

/** The group a person's account belongs in, or null when their role may not have one (contacts; guests unless the event gives them the app). */
export function groupFor(role: Person['role'], guestAccounts: boolean): AccountGroup | null {
  if (role === 'organizer' || role === 'lo') return role;
  if (role === 'guest' && guestAccounts) return 'guest';
  return null;
}

export function isStaff(group: AccountGroup | null): boolean {
  return group === 'organizer' || group === 'lo';
}

/** Why a person cannot have an account (one entry per field), or none: a 422 names each field. */
export function accountProblems(person: Pick<Person, 'role' | 'email'>, guestAccounts: boolean): FieldError[] {
  const problems: FieldError[] = [];
  if (groupFor(person.role, guestAccounts) === null) {
    problems.push({
      path: 'role',
      message:
        person.role === 'guest'
          ? 'this event gives guests no sign-in accounts (guestAccounts in the event settings)'
          : `a ${person.role} does not sign in`,
    });
  }
  if (!person.email) problems.push({ path: 'email', message: 'the person has no email; accounts sign in by email' });
  return problems;
}

/**
 * Whether a staff account needs email MFA switched on: when it has no MFA method at all. A user who
 * enrolled TOTP keeps it (and their preference); guests are left to themselves.
 */
export function needsEmailMfa(group: AccountGroup | null, mfa: AccountState['mfa']): boolean {
  return isStaff(group) && mfa.methods.length === 0;
}

/** What an existing account must change to match its person: group moves, re-enabling, MFA. */
export interface AccountFix {
  addTo: AccountGroup | null;
  removeFrom: AccountGroup[];
  enable: boolean;
  emailMfa: boolean;
}

export function fixFor(state: AccountState, groups: readonly AccountGroup[], want: AccountGroup): AccountFix {
  return {
    addTo: groups.includes(want) ? null : want,
    removeFrom: groups.filter((g) => g !== want),
    enable: !state.enabled,
    emailMfa: needsEmailMfa(want, state.mfa),
  };
}

export function isNoop(fix: AccountFix): boolean {
  return fix.addTo === null && fix.removeFrom.length === 0 && !fix.enable && !fix.emailMfa;
}
