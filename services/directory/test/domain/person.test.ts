import { describe, expect, it } from '@jest/globals';
import { ForbiddenError, ValidationError } from '@liaison/kit/errors';
import { assertMayPatch, newPersonFields, patchPersonFields, personChanges } from '../../src/domain/person';
import { CreatePersonBody } from '../../src/schemas';

const defaults = { partyLanguage: null, eventLanguage: 'id' as const };
const guest = () => newPersonFields(CreatePersonBody.parse({ name: 'Takeshi Sato', role: 'guest', phone: '+81 90 1234 5678' }), defaults);

describe('a new person', () => {
  it('gets the event language, no consent and no LO fields', () => {
    expect(guest()).toMatchObject({ language: 'id', consent: { sms: false, email: false }, maxParties: null, languages: null, phone: '+819012345678' });
  });

  it("gets the party's language before the event's", () => {
    expect(newPersonFields(CreatePersonBody.parse({ name: 'A', role: 'guest' }), { partyLanguage: 'en', eventLanguage: 'id' }).language).toBe('en');
  });

  it('as an LO serves one party at once unless told otherwise', () => {
    expect(newPersonFields(CreatePersonBody.parse({ name: 'Budi', role: 'lo' }), defaults)).toMatchObject({ maxParties: 1, languages: [] });
  });

  it('may not carry LO fields unless an LO', () => {
    expect(() => newPersonFields(CreatePersonBody.parse({ name: 'A', role: 'guest', maxParties: 2 }), defaults)).toThrow(ValidationError);
  });

  it('departs after arriving', () => {
    const body = CreatePersonBody.parse({ name: 'A', role: 'guest', arrival: { at: '2027-03-02T09:00:00+07:00' }, departure: { at: '2027-03-01T09:00:00+07:00' } });
    try {
      newPersonFields(body, defaults);
      throw new Error('accepted');
    } catch (err) {
      expect((err as ValidationError).errors).toEqual([{ path: 'departure.at', message: 'must be after arrival.at' }]);
    }
  });
});

describe('patching a person', () => {
  it('merges nested objects and clears with null', () => {
    const p = { ...guest(), needs: { dietary: 'halal', notes: 'late flight' } };
    const next = patchPersonFields(p, { needs: { notes: null, accessibility: 'wheelchair' }, title: null });
    expect(next.needs).toEqual({ dietary: 'halal', accessibility: 'wheelchair' });
    expect(personChanges(p, next)).toEqual(['needs']);
  });

  it('needs a time when travel is first given', () => {
    expect(() => patchPersonFields(guest(), { arrival: { flight: 'GA 881' } })).toThrow(ValidationError);
  });

  it('gives an LO capacity when the role becomes lo, and takes it away after', () => {
    const lo = patchPersonFields(guest(), { role: 'lo' });
    expect(lo.maxParties).toBe(1);
    expect(patchPersonFields(lo, { role: 'guest' }).maxParties).toBeNull();
  });
});

describe('who may change what', () => {
  const guestP = { sub: 'g', role: 'guest' as const, personId: 'per_g' };
  const loP = { sub: 'l', role: 'lo' as const, personId: 'per_l' };

  it('a guest changes their own needs and contact preferences', () => {
    expect(() => assertMayPatch(guestP, 'self', { needs: { dietary: 'vegan' }, consent: { sms: true }, language: 'en' })).not.toThrow();
  });

  it('a guest may not change their role or name, and is told which fields', () => {
    try {
      assertMayPatch(guestP, 'self', { role: 'organizer', name: 'x' });
      throw new Error('allowed');
    } catch (err) {
      expect(err).toBeInstanceOf(ForbiddenError);
      expect((err as ForbiddenError).errors.map((e) => e.path)).toEqual(['role', 'name']);
    }
  });

  it('a guest changes their own phone but not their email, and is told so by field', () => {
    expect(() => assertMayPatch(guestP, 'self', { phone: '+6281234567890' })).not.toThrow();
    try {
      assertMayPatch(guestP, 'self', { email: 'vip@example.org', phone: '+6281234567890' });
      throw new Error('allowed');
    } catch (err) {
      expect(err).toBeInstanceOf(ForbiddenError);
      expect((err as ForbiddenError).errors.map((e) => e.path)).toEqual(['email']);
    }
  });

  it('an assigned LO changes needs and travel; an unassigned one nothing', () => {
    expect(() => assertMayPatch(loP, 'assigned-lo', { arrival: { at: '2027-03-01T09:00:00+07:00' }, needs: {} })).not.toThrow();
    expect(() => assertMayPatch(loP, 'other', { needs: {} })).toThrow(ForbiddenError);
  });
});
