import { describe, expect, it } from '@jest/globals';
import { ForbiddenError, UnauthorizedError } from '../src/errors';
import { authorize, parseGroups, principalFromClaims, roleOf } from '../src/http/auth';

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
