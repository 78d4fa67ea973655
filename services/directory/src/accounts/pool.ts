// The adapter for the stack's Cognito user pool: the one place that knows its API. Accounts are named
// by person id; the client is made once per process (on first use, after the runtime set the environment).
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  AdminListGroupsForUserCommand,
  AdminRemoveUserFromGroupCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminUpdateUserAttributesCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  NotAuthorizedException,
  UserNotFoundException,
  type AttributeType,
} from '@aws-sdk/client-cognito-identity-provider';
import type { Person } from '@liaison/contracts';
import { ACCOUNT_GROUPS, type AccountGroup, type AccountState, type MfaMethod } from './policy';

export const PERSON_ID_ATTRIBUTE = 'custom:personId';

let shared: CognitoIdentityProviderClient | null = null;

/** The process's one Cognito client (region, credentials and endpoint from the environment). */
export function cognitoClient(): CognitoIdentityProviderClient {
  shared ??= new CognitoIdentityProviderClient({ maxAttempts: 5 });
  return shared;
}

/** An account with the role groups it is in (normally one) and the email it signs in with. */
export interface StoredAccount {
  state: AccountState;
  groups: AccountGroup[];
  /** Its `email` attribute (never logged), or null when it has none. */
  email: string | null;
}

const MFA_METHODS: readonly MfaMethod[] = ['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA', 'SMS_MFA'];
const asMfa = (m: string | undefined): MfaMethod | null => ((MFA_METHODS as readonly string[]).includes(m ?? '') ? (m as MfaMethod) : null);
const isGroup = (g: string | undefined): g is AccountGroup => (ACCOUNT_GROUPS as readonly string[]).includes(g ?? '');

export class AccountPool {
  constructor(
    readonly userPoolId: string,
    readonly client: CognitoIdentityProviderClient = cognitoClient(),
  ) {}

  /** The account named `username`, or null. */
  async get(username: string): Promise<StoredAccount | null> {
    let user;
    try {
      user = await this.client.send(new AdminGetUserCommand({ UserPoolId: this.userPoolId, Username: username }));
    } catch (err) {
      if (err instanceof UserNotFoundException) return null;
      throw err;
    }
    const groups: AccountGroup[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new AdminListGroupsForUserCommand({ UserPoolId: this.userPoolId, Username: username, NextToken: token }));
      for (const g of page.Groups ?? []) if (isGroup(g.GroupName)) groups.push(g.GroupName);
      token = page.NextToken;
    } while (token);
    // Highest precedence first, as Cognito orders cognito:groups (organizer 0, lo 1, guest 2).
    groups.sort((a, b) => ACCOUNT_GROUPS.indexOf(a) - ACCOUNT_GROUPS.indexOf(b));
    const methods = (user.UserMFASettingList ?? []).map(asMfa).filter((m): m is MfaMethod => m !== null);
    const email = user.UserAttributes?.find((a) => a.Name === 'email')?.Value ?? null;
    return {
      groups,
      email,
      state: {
        username: user.Username ?? username,
        status: user.UserStatus ?? 'UNKNOWN',
        enabled: user.Enabled ?? true,
        group: groups[0] ?? null,
        mfa: { methods, preferred: asMfa(user.PreferredMfaSetting) },
      },
    };
  }

  /**
   * Creates the account of `person` (username = person id, verified email, name, custom:personId);
   * Cognito emails the invitation with a temporary password. Throws UsernameExistsException when it
   * is there already, AliasExistsException when another account signs in with that email.
   */
  async create(person: Pick<Person, 'id' | 'name'> & { email: string }): Promise<void> {
    const attributes: AttributeType[] = [
      { Name: 'email', Value: person.email },
      { Name: 'email_verified', Value: 'true' },
      { Name: 'name', Value: person.name },
      { Name: PERSON_ID_ATTRIBUTE, Value: person.id },
    ];
    await this.client.send(
      new AdminCreateUserCommand({ UserPoolId: this.userPoolId, Username: person.id, UserAttributes: attributes, DesiredDeliveryMediums: ['EMAIL'] }),
    );
  }

  /**
   * Sets the account's email to `email`, verified, as `create` does: the directory is where an
   * organiser vouches for a person's email, so Cognito sends no code and the alias moves at once (the
   * pool does not keep the original until verification). The person then signs in with the new address
   * and invitations, resets and MFA codes go there. Throws AliasExistsException when another account
   * signs in with that email, and leaves this one unchanged.
   */
  async setEmail(username: string, email: string): Promise<void> {
    await this.client.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: this.userPoolId,
        Username: username,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
  }

  async addToGroup(username: string, group: AccountGroup): Promise<void> {
    await this.client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: group }));
  }

  async removeFromGroup(username: string, group: AccountGroup): Promise<void> {
    await this.client.send(new AdminRemoveUserFromGroupCommand({ UserPoolId: this.userPoolId, Username: username, GroupName: group }));
  }

  /** Email MFA on and preferred: Cognito then asks for an emailed code at every sign-in (pool on Essentials or Plus, email through SES). */
  async enableEmailMfa(username: string): Promise<void> {
    await this.client.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: this.userPoolId, Username: username, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
  }

  async enable(username: string): Promise<void> {
    await this.client.send(new AdminEnableUserCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  async disable(username: string): Promise<void> {
    await this.client.send(new AdminDisableUserCommand({ UserPoolId: this.userPoolId, Username: username }));
  }

  /**
   * Revokes the account's refresh tokens everywhere (issued ID and access tokens run out within their
   * hour; the services check the person's role on each request). Harmless on a user who has none; a
   * disabled user may be refused (NotAuthorizedException), which leaves nothing to sign out.
   */
  async signOut(username: string): Promise<void> {
    try {
      await this.client.send(new AdminUserGlobalSignOutCommand({ UserPoolId: this.userPoolId, Username: username }));
    } catch (err) {
      if (err instanceof UserNotFoundException || err instanceof NotAuthorizedException) return;
      throw err;
    }
  }
}
