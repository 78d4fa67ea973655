// Who may have a sign-in account, in which group, and what a staff account's MFA becomes: the pure
// rules the account route, the accounts consumer and the sync share (moto ignores email MFA, so this is
// where "staff get email MFA unless they enrolled TOTP" is checked).
import { describe, expect, it } from '@jest/globals';
import { accountProblems, fixFor, groupFor, isNoop, needsEmailMfa, type AccountState } from '../../src/accounts/policy';

const state = (over: Partial<AccountState> = {}): AccountState => ({ username: 'per_1', status: 'CONFIRMED', enabled: true, group: 'lo', mfa: { methods: ['EMAIL_OTP'], preferred: 'EMAIL_OTP' }, ...over });

describe('account groups', () => {
  it('puts organisers and LOs in their group, guests only when the event gives them accounts, contacts never', () => {
    expect([groupFor('organizer', false), groupFor('lo', false), groupFor('guest', false), groupFor('contact', false)]).toEqual(['organizer', 'lo', null, null]);
    expect([groupFor('guest', true), groupFor('contact', true)]).toEqual(['guest', null]);
  });

  it('names each reason a person cannot have an account', () => {
    expect(accountProblems({ role: 'lo', email: 'lo@x.example' }, false)).toEqual([]);
    expect(accountProblems({ role: 'lo', email: null }, false).map((p) => p.path)).toEqual(['email']);
    expect(accountProblems({ role: 'guest', email: 'g@x.example' }, false).map((p) => p.path)).toEqual(['role']);
    expect(accountProblems({ role: 'guest', email: 'g@x.example' }, true)).toEqual([]);
    expect(accountProblems({ role: 'contact', email: null }, true).map((p) => p.path)).toEqual(['role', 'email']);
  });
});

describe('MFA of an account', () => {
  it('switches email MFA on for a staff account without any MFA, and leaves TOTP, SMS and guests alone', () => {
    expect(needsEmailMfa('organizer', { methods: [], preferred: null })).toBe(true);
    expect(needsEmailMfa('lo', { methods: [], preferred: null })).toBe(true);
    expect(needsEmailMfa('lo', { methods: ['SOFTWARE_TOKEN_MFA'], preferred: 'SOFTWARE_TOKEN_MFA' })).toBe(false);
    expect(needsEmailMfa('lo', { methods: ['EMAIL_OTP'], preferred: 'EMAIL_OTP' })).toBe(false);
    expect(needsEmailMfa('guest', { methods: [], preferred: null })).toBe(false);
    expect(needsEmailMfa(null, { methods: [], preferred: null })).toBe(false);
  });
});

describe('bringing an account in line', () => {
  it('changes nothing on an account that matches its person', () => {
    expect(isNoop(fixFor(state(), ['lo'], 'lo'))).toBe(true);
  });

  it('moves it to the wanted group only, enables it, and gives a staff account without MFA email MFA', () => {
    expect(fixFor(state({ enabled: false, mfa: { methods: [], preferred: null } }), ['organizer', 'guest'], 'lo')).toEqual({
      addTo: 'lo',
      removeFrom: ['organizer', 'guest'],
      enable: true,
      emailMfa: true,
    });
    expect(fixFor(state(), ['lo', 'organizer'], 'organizer')).toEqual({ addTo: null, removeFrom: ['lo'], enable: false, emailMfa: false });
  });
});
