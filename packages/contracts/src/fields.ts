// Field schemas shared by every service's requests and events: one definition of a phone, a time, a language.
import * as z from 'zod/mini';
// English issue messages: consumers parse events with these schemas without the kit's validate.ts.
import './locale';
import { LANGUAGES } from './constants';

/** Languages the event serves people in (templates exist for each). */
export { LANGUAGES };
export const Language = z.enum(LANGUAGES).check(z.describe('Language people are served in: `id` (Bahasa Indonesia) or `en`'));
export type Language = z.infer<typeof Language>;

/** A spoken language, ISO 639-1/639-3 with an optional region: `ar`, `zh`, `pt-BR`. */
export const SpokenLanguage = z
  .string()
  .check(z.regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be an ISO 639 language code such as "en", "ar" or "pt-BR"'));

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const strictIso = z.iso.datetime({ offset: true });

/** ISO 8601 date-time with an offset (`2027-03-02T09:00:00+07:00`); seconds may be left out and are then added. */
export const IsoDateTime = z
  .string()
  .check(
    z.refine(
      (s) => ISO_WITH_OFFSET.test(s) && strictIso.safeParse(withSeconds(s)).success,
      'must be an ISO 8601 date-time with an offset, e.g. 2027-03-02T09:00:00+07:00',
    ),
    z.overwrite(withSeconds),
    z.meta({ format: 'date-time', examples: ['2027-03-02T09:00:00+07:00'] }),
  );

/** `2027-03-02T09:00+07:00` → `2027-03-02T09:00:00+07:00`; strings with seconds pass unchanged. */
function withSeconds(s: string): string {
  return s.replace(/T(\d{2}:\d{2})(Z|[+-])/, 'T$1:00$2');
}

/** Local time of day, `HH:MM`, 24-hour. */
export const TimeOfDay = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM, e.g. 22:00'));

/** IANA time zone, checked against the runtime's zone database. */
export const TimeZone = z.string().check(
  z.refine((tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return tz.includes('/') || tz === 'UTC';
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Asia/Jakarta'),
);

/** Phone in E.164; spaces, dashes, dots and brackets are dropped first, so `+62 812-3456-7890` is fine. */
export const Phone = z
  .pipe(
    z.pipe(
      z.string(),
      z.transform((s: string) => s.replace(/[\s().-]/g, '')),
    ),
    z.string().check(z.regex(/^\+[1-9]\d{6,14}$/, 'must be a phone number in E.164 form, e.g. +6281234567890')),
  )
  .check(z.meta({ examples: ['+6281234567890'] }));

/** Email, trimmed and lower-cased so that uniqueness ignores case. */
export const Email = z
  .pipe(
    z.pipe(z.string().check(z.trim(), z.maxLength(254)), z.email('must be an email address')),
    z.transform((s: string) => s.toLowerCase()),
  )
  .check(z.meta({ examples: ['budi@example.org'] }));

/** ISO 3166-1 alpha-2 country code. */
export const Country = z
  .string()
  .check(z.regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as ID or JP'), z.meta({ examples: ['ID'] }));

/** IATA airport code. */
export const Airport = z.string().check(z.regex(/^[A-Z]{3}$/, 'must be a 3-letter IATA airport code such as CGK'));

/** Flight number, e.g. `GA 881` or `SQ956`. */
export const Flight = z.string().check(z.regex(/^[A-Z0-9]{2}\s?\d{1,4}[A-Z]?$/, 'must be a flight number such as GA 881'));

/** A client's own key for a record, unique within the event; makes imports repeatable. */
export const ExternalId = z
  .string()
  .check(
    z.trim(),
    z.minLength(1),
    z.maxLength(100),
    z.regex(/^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/, 'must be printable ASCII without leading or trailing spaces'),
  );

/** Short human text: a name, a title. */
export const Text = (max: number) => z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(max, `must be at most ${max} characters`));

/** A server-made id. */
export const Id = z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be an id'));

export const Version = z.number().check(z.int(), z.minimum(1), z.describe('Increases by one with every change; sent back as ETag'));
