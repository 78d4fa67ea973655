// The stack's user pool in moto, provisioned from the template: made with its properties and groups,
// named to the functions by the id moto gave it, found again (with its users) when provisioned again,
// made empty and new when fresh, and one per copy of the stack.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from '@jest/globals';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolCommand,
  ListGroupsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { endpointsFromEnv, type Endpoints } from '../src/emulators';
import { provision } from '../src/provision';
import type { CfnTemplate } from '../src/template';
import { fixtureTemplate } from './fixture';

const endpoints = endpointsFromEnv() as Endpoints;
const cognito = new CognitoIdentityProviderClient({});
afterAll(() => cognito.destroy());

const POOL = 'UserPool6BA7E5F2';

/** The fixture with the pool as infra makes it: person-id usernames, email alias, custom:personId, role groups, and a function that is told the pool id. */
function template(): CfnTemplate {
  const t = fixtureTemplate();
  t.Resources[POOL] = {
    Type: 'AWS::Cognito::UserPool',
    Properties: {
      UserPoolName: 'fixture',
      AliasAttributes: ['email'],
      AutoVerifiedAttributes: ['email'],
      MfaConfiguration: 'OPTIONAL',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Schema: [{ Name: 'personId', AttributeDataType: 'String', Mutable: true, StringAttributeConstraints: { MinLength: '1', MaxLength: '64' } }],
      Policies: { PasswordPolicy: { MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true } },
    },
  };
  ['organizer', 'lo', 'guest'].forEach((role, precedence) => {
    t.Resources[`${role}Group`] = { Type: 'AWS::Cognito::UserPoolGroup', Properties: { UserPoolId: { Ref: POOL }, GroupName: role, Precedence: precedence } };
  });
  const fn = t.Resources.HttpFunction77D01D73!.Properties as { Environment: { Variables: Record<string, unknown> } };
  fn.Environment.Variables.LIAISON_USER_POOL_ID = { Ref: POOL };
  return t;
}

const copy = () => `cg-${randomBytes(3).toString('hex')}-`;

describe('the user pool in moto', () => {
  it('is made from the template with its sign-in settings and groups, and the functions are told its id', async () => {
    const prefix = copy();
    const stack = await provision(template(), { prefix, stackName: 'Fixture-dev', endpoints });
    const pool = stack.userPools[POOL]!;
    expect(pool).toMatchObject({ name: `${prefix}fixture`, groups: ['organizer', 'lo', 'guest'] });
    expect(stack.env.LIAISON_USER_POOL_ID).toBe(pool.id);
    expect(stack.env.AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER).toBe(endpoints.aws);

    const described = (await cognito.send(new DescribeUserPoolCommand({ UserPoolId: pool.id }))).UserPool!;
    expect(described.AliasAttributes).toEqual(['email']);
    expect(described.SchemaAttributes?.map((a) => a.Name)).toContain('custom:personId');
    const groups = (await cognito.send(new ListGroupsCommand({ UserPoolId: pool.id }))).Groups ?? [];
    expect(groups.map((g) => [g.GroupName, g.Precedence]).sort()).toEqual([['guest', 2], ['lo', 1], ['organizer', 0]]);
  });

  it('keeps a user named by person id (email is an alias, not the username)', async () => {
    const stack = await provision(template(), { prefix: copy(), stackName: 'Fixture-dev', endpoints });
    const id = stack.userPools[POOL]!.id;
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: id, Username: 'per_01TEST', UserAttributes: [{ Name: 'email', Value: 'lo@summit.example' }, { Name: 'custom:personId', Value: 'per_01TEST' }] }));
    expect((await cognito.send(new AdminGetUserCommand({ UserPoolId: id, Username: 'per_01TEST' }))).Username).toBe('per_01TEST');
  });

  it('is found again with its users when provisioned again, and made new and empty when fresh', async () => {
    const prefix = copy();
    const first = await provision(template(), { prefix, stackName: 'Fixture-dev', endpoints });
    const id = first.userPools[POOL]!.id;
    await cognito.send(new AdminCreateUserCommand({ UserPoolId: id, Username: 'per_KEEP', UserAttributes: [{ Name: 'email', Value: 'keep@summit.example' }] }));

    const again = await provision(template(), { prefix, stackName: 'Fixture-dev', endpoints });
    expect(again.userPools[POOL]!.id).toBe(id);
    expect(again.env.LIAISON_USER_POOL_ID).toBe(id);
    expect((await cognito.send(new AdminGetUserCommand({ UserPoolId: id, Username: 'per_KEEP' }))).Username).toBe('per_KEEP');

    const fresh = await provision(template(), { prefix, stackName: 'Fixture-dev', endpoints, fresh: true });
    const freshId = fresh.userPools[POOL]!.id;
    expect(freshId).not.toBe(id);
    await expect(cognito.send(new AdminGetUserCommand({ UserPoolId: freshId, Username: 'per_KEEP' }))).rejects.toMatchObject({ name: 'UserNotFoundException' });
  });

  it('is one pool per copy of the stack', async () => {
    const [a, b] = await Promise.all([copy(), copy()].map((prefix) => provision(template(), { prefix, stackName: 'Fixture-dev', endpoints })));
    expect(a!.userPools[POOL]!.id).not.toBe(b!.userPools[POOL]!.id);
  });
});
