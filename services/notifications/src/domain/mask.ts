// Phone numbers and email addresses as the delivery log and log lines may show them: enough to tell
// which of a person's numbers it was, not enough to call it. `+6281234567010` → `+62812•••••010`,
// `alice@example.org` → `a•••@example.org`.

const BULLET = '•';

// ITU-T E.164 country calling codes of one and two digits; every other code has three.
const ONE_DIGIT = new Set(['1', '7']);
const TWO_DIGITS = new Set([
  '20', '27', '30', '31', '32', '33', '34', '36', '39', '40', '41', '43', '44', '45', '46', '47', '48', '49',
  '51', '52', '53', '54', '55', '56', '57', '58', '60', '61', '62', '63', '64', '65', '66', '81', '82', '84',
  '86', '90', '91', '92', '93', '94', '95', '98',
]);

function countryCodeLength(digits: string): number {
  if (ONE_DIGIT.has(digits.slice(0, 1))) return 1;
  if (TWO_DIGITS.has(digits.slice(0, 2))) return 2;
  return 3;
}

/** Keeps `+`, the country code, the first 3 and the last 3 digits of the national number (fewer on short numbers). */
export function maskPhone(phone: string): string {
  const m = /^\+(\d+)$/.exec(phone.replace(/[\s().-]/g, ''));
  if (!m) return BULLET.repeat(3); // not E.164: show nothing of it
  const digits = m[1] as string;
  const cc = countryCodeLength(digits);
  const national = digits.slice(cc);
  const keep = Math.min(3, Math.floor(national.length / 3));
  const masked = national.length - 2 * keep;
  return `+${digits.slice(0, cc)}${national.slice(0, keep)}${BULLET.repeat(masked)}${keep > 0 ? national.slice(-keep) : ''}`;
}

/** Keeps the first character of the local part and the whole domain; the local part's length is not told. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return BULLET.repeat(3);
  return `${email.slice(0, 1)}${BULLET.repeat(3)}${email.slice(at)}`;
}

/** Masks what a delivery was sent to: a phone (starts with `+`) or an email. */
export function mask(to: string): string {
  return to.includes('@') ? maskEmail(to) : maskPhone(to);
}
