import { describe, expect, it } from '@jest/globals';
import { ForbiddenError, UnauthorizedError } from '../src/errors';
import { authorize, authorizeCaller, parseGroups, principalFromClaims, roleOf, type Principal } from '../src/http/auth';

describe('groups claim', () => {
  it.each([
    ['[organizer lo]', ['organizer', 'lo']],
    ['["lo","guest"]', ['lo', 'guest']],
    ['lo,guest', ['lo', 'guest']],
    ['guest', ['guest']],
    ['[]', []],
  ])('reads %p as API Gateway passes it', (value, groups) => expect(parseGroups(value)).toEqual(groups));

  it('reads a real array too', () => expect(parseGroups(['lo'])).toEqual(['lo']));

  it('takes the most capable role', () => {
    expect(roleOf(['guest', 'lo'])).toBe('lo');
    expect(roleOf(['guest', 'organizer'])).toBe('organizer');
    expect(roleOf(['admins'])).toBeNull();
  });
});

describe('principal', () => {
  it('comes from sub, personId and cognito:groups', () => {
    expect(principalFromClaims({ sub: 'u1', personId: 'per_1', 'cognito:groups': '[guest]' })).toEqual({ sub: 'u1', role: 'guest', personId: 'per_1' });
  });

  it('reads custom:personId as Cognito names it', () => {
    expect(principalFromClaims({ sub: 'u1', 'custom:personId': 'per_2', 'cognito:groups': '[lo]' })?.personId).toBe('per_2');
  });

  it('refuses a guest or LO token without a person', () => {
    expect(() => principalFromClaims({ sub: 'u1', 'cognito:groups': '[guest]' })).toThrow(ForbiddenError);
  });

  it('refuses a token without a Liaison role', () => {
    expect(() => principalFromClaims({ sub: 'u1', 'cognito:groups': '[admins]' })).toThrow(ForbiddenError);
  });

  it('lets an organiser in without a person', () => {
    expect(principalFromClaims({ sub: 'u1', 'cognito:groups': '[organizer]' })).toEqual({ sub: 'u1', role: 'organizer', personId: null });
  });
});

describe('route policy', () => {
  it('needs a token on protected routes', () => {
    expect(() => authorize({ access: ['organizer'] }, undefined)).toThrow(UnauthorizedError);
  });

  it('refuses roles the route does not list', () => {
    expect(() => authorize({ access: ['organizer'] }, { sub: 'u', personId: 'p', 'cognito:groups': '[lo]' })).toThrow(ForbiddenError);
  });

  it('lets anyone call a public route', () => {
    expect(authorize({ access: 'public' }, undefined)).toBeNull();
  });
});

describe('caller checked against their current record', () => {
  const lo = { sub: 'u', personId: 'per_l', 'cognito:groups': '[lo]' };

  it('takes the role the record holds now: a demoted LO is refused staff routes', async () => {
    const demoted = async (p: Principal) => ({ ...p, role: 'guest' as const });
    await expect(authorizeCaller({ access: ['organizer', 'lo'] }, lo, demoted)).rejects.toThrow(ForbiddenError);
    await expect(authorizeCaller({ access: ['organizer', 'lo', 'guest'] }, lo, demoted)).resolves.toMatchObject({ role: 'guest' });
  });

  it('answers 401 when the record is gone', async () => {
    await expect(authorizeCaller({ access: ['organizer', 'lo', 'guest'] }, lo, async () => null)).rejects.toThrow(UnauthorizedError);
  });

  it('leaves organisers without a person to their token', async () => {
    let asked = 0;
    const resolve = async (p: Principal) => (asked++, p);
    await expect(authorizeCaller({ access: ['organizer'] }, { sub: 'o', 'cognito:groups': '[organizer]' }, resolve)).resolves.toMatchObject({ role: 'organizer' });
    expect(asked).toBe(0);
  });
});
