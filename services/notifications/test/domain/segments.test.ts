// SMS length in segments: GSM-7 160/153 with extension characters counting two, UCS-2 70/67 in UTF-16
// code units as soon as one character is outside GSM-7.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isGsm7, smsSegments } from '../../src/domain/segments';

const GSM_CHARS = [...'@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà'];
const EXTENSION_CHARS = [...'^{}\\[~]|€'];
const gsmText = fc.array(fc.constantFrom(...GSM_CHARS, ...EXTENSION_CHARS), { maxLength: 800 }).map((a) => a.join(''));
const basicText = fc.array(fc.constantFrom(...GSM_CHARS), { maxLength: 800 }).map((a) => a.join(''));

describe('smsSegments', () => {
  it('fits 160 GSM-7 characters in one segment and splits the 161st into two parts of 153', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', characters: 160, segments: 1 });
    expect(smsSegments('a'.repeat(161))).toEqual({ encoding: 'GSM-7', characters: 161, segments: 2 });
    expect(smsSegments('a'.repeat(306)).segments).toBe(2);
    expect(smsSegments('a'.repeat(307)).segments).toBe(3);
  });

  it('counts an extension character as two septets', () => {
    expect(smsSegments('€10 [a]')).toEqual({ encoding: 'GSM-7', characters: 10, segments: 1 });
    expect(smsSegments('{'.repeat(80)).segments).toBe(1);
    expect(smsSegments('{'.repeat(81))).toEqual({ encoding: 'GSM-7', characters: 162, segments: 2 });
  });

  it('never splits an escape pair across parts', () => {
    // 152 plain then a two-septet character that does not fit the first part's last septet:
    // 306 septets would fit two parts of 153, but the parts are 152 | 153 | 1.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;
    expect(smsSegments(text)).toEqual({ encoding: 'GSM-7', characters: 306, segments: 3 });
  });

  it('switches to UCS-2 for an emoji or a non-GSM character, counting UTF-16 code units', () => {
    expect(smsSegments('Halo 😀')).toEqual({ encoding: 'UCS-2', characters: 7, segments: 1 });
    expect(smsSegments('Jalan “Thamrin”')).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(smsSegments('ş'.repeat(70)).segments).toBe(1);
    expect(smsSegments('ş'.repeat(71)).segments).toBe(2);
    expect(smsSegments('ş'.repeat(134)).segments).toBe(2);
    expect(smsSegments('ş'.repeat(135)).segments).toBe(3);
  });

  it('keeps a surrogate pair whole across parts', () => {
    const text = `${'ş'.repeat(66)}😀${'ş'.repeat(10)}`;
    expect(smsSegments(text)).toEqual({ encoding: 'UCS-2', characters: 78, segments: 2 });
    expect(smsSegments(`${'ş'.repeat(66)}😀${'ş'.repeat(66)}`).segments).toBe(3);
  });

  it('costs nothing for an empty text', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', characters: 0, segments: 0 });
  });

  it('counts GSM-7 text one septet per basic character and stays within the part bounds', () => {
    fc.assert(
      fc.property(basicText, (text) => {
        const r = smsSegments(text);
        expect(r.encoding).toBe('GSM-7');
        expect(r.characters).toBe([...text].length);
        if (r.characters <= 160) expect(r.segments).toBe(r.characters === 0 ? 0 : 1);
        else expect(r.segments).toBe(Math.ceil(r.characters / 153));
      }),
    );
  });

  it('never needs fewer parts than the septets need, nor more than one extra per 76 escapes', () => {
    fc.assert(
      fc.property(gsmText, (text) => {
        const r = smsSegments(text);
        expect(r.encoding).toBe('GSM-7');
        expect(r.characters).toBe([...text].reduce((n, ch) => n + (EXTENSION_CHARS.includes(ch) ? 2 : 1), 0));
        if (r.characters > 160) {
          expect(r.segments).toBeGreaterThanOrEqual(Math.ceil(r.characters / 153));
          expect(r.segments).toBeLessThanOrEqual(Math.ceil(r.characters / 152));
        }
      }),
    );
  });

  it('turns any text with one non-GSM character into UCS-2, and a longer text never costs fewer segments', () => {
    fc.assert(
      fc.property(gsmText, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 3 }), (text, extra) => {
        const withExtra = `${text}${extra}`;
        const r = smsSegments(withExtra);
        expect(r.encoding).toBe(isGsm7(extra) ? 'GSM-7' : 'UCS-2');
        if (r.encoding === 'UCS-2') expect(r.characters).toBe(withExtra.length);
        expect(r.segments).toBeGreaterThanOrEqual(smsSegments(text).segments);
      }),
    );
  });
});
