// What the delivery log shows of a phone or an email: enough to tell which, never enough to use.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { mask, maskEmail, maskPhone } from '../../src/domain/mask';

describe('maskPhone', () => {
  it('keeps the country code, three leading and three trailing digits', () => {
    expect(maskPhone('+6281234567010')).toBe('+62812•••••010');
    expect(maskPhone('+12025550123')).toBe('+1202••••123');
    expect(maskPhone('+8613912345678')).toBe('+86139•••••678');
    expect(maskPhone('+353871234567')).toBe('+353871•••567'); // a three-digit country code
    expect(maskPhone('+35312345678')).toBe('+35312••••78'); // eight national digits: two each side
  });

  it('keeps fewer digits of a short number', () => {
    expect(maskPhone('+6212345')).toBe('+621•••5');
  });

  it('shows nothing of what is not a phone number', () => {
    expect(maskPhone('0812 3456 7010')).toBe('•••');
  });

  it('never shows more than six digits of the national number, and always hides some', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\+[1-9]\d{6,14}$/), (phone) => {
        const masked = maskPhone(phone);
        const shown = masked.replace(/\D/g, '');
        const hidden = [...masked].filter((c) => c === '•').length;
        expect(hidden).toBeGreaterThan(0);
        expect(shown.length + hidden).toBe(phone.length - 1);
        expect(shown.length).toBeLessThanOrEqual(phone.length - 1 - Math.ceil((phone.length - 4) / 3));
      }),
    );
  });
});

describe('maskEmail', () => {
  it('keeps the first character and the domain', () => {
    expect(maskEmail('alice@example.org')).toBe('a•••@example.org');
    expect(maskEmail('b@example.org')).toBe('b•••@example.org');
  });

  it('shows nothing of what is not an address', () => {
    expect(maskEmail('alice')).toBe('•••');
  });
});

describe('mask', () => {
  it('tells a phone from an email', () => {
    expect(mask('+6281234567010')).toBe('+62812•••••010');
    expect(mask('alice@example.org')).toBe('a•••@example.org');
  });
});
