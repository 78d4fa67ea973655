// How many SMS segments a text costs. GSM-7 when every character is in the GSM 03.38 basic set or its
// extension table (extension characters take two septets: escape + character), else UCS-2 counted in
// UTF-16 code units (an emoji is two). One segment holds 160 septets / 70 units; a longer text is split
// into parts of 153 / 67 (the rest is the concatenation header), and a part never splits an escape
// pair or a surrogate pair, so a character that does not fit starts the next part.

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2). */
  characters: number;
  /** 0 for an empty text. */
  segments: number;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '^{}\\[~]|€\f';

const BASIC = new Set(GSM_BASIC);
const EXTENSION = new Set(GSM_EXTENSION);

export const SMS_LIMITS = {
  'GSM-7': { single: 160, part: 153 },
  'UCS-2': { single: 70, part: 67 },
} as const;

/** True when every character of `text` can be sent in GSM-7. */
export function isGsm7(text: string): boolean {
  for (const ch of text) if (!BASIC.has(ch) && !EXTENSION.has(ch)) return false;
  return true;
}

export function smsSegments(text: string): SmsLength {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  // Units per character (code point): what a part boundary must not cut through.
  const units: number[] = [];
  for (const ch of text) units.push(encoding === 'GSM-7' ? (EXTENSION.has(ch) ? 2 : 1) : ch.length);
  const characters = units.reduce((a, b) => a + b, 0);
  const limits = SMS_LIMITS[encoding];
  if (characters === 0) return { encoding, characters, segments: 0 };
  if (characters <= limits.single) return { encoding, characters, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const u of units) {
    if (used + u > limits.part) {
      segments += 1;
      used = 0;
    }
    used += u;
  }
  return { encoding, characters, segments };
}
