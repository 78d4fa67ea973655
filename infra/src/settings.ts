// Per-event settings, one validated place: `infra/events/<slug>.json`, checked with zod before any
// construct is built, so a typo fails the synth with a message that names the field.
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

/** Where the event files live; tests may point elsewhere. */
export const EVENTS_DIR = path.resolve(__dirname, '../events');

export const SLUG_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
export const MAX_SLUG_LENGTH = 32;

export const STAGES = ['dev', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** A name Intl knows (`Asia/Jakarta`, `UTC`), not an offset like `+07:00`. */
const TimeZone = z.string().refine(
  (tz) => {
    if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(tz)) return false;
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be an IANA time zone name, e.g. Asia/Jakarta' },
);

/** Scheme, host and optional port, exactly as a browser sends it in `Origin` (no path, no trailing slash). */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === value;
  } catch {
    return false;
  }
}

/** `['*']`, or origins that browsers send in `Origin`. */
const CorsOrigins = z
  .array(z.string())
  .min(1, { message: "must be ['*'] or a non-empty list of origins" })
  .superRefine((origins, ctx) => {
    if (origins.includes('*')) {
      if (origins.length > 1) ctx.addIssue({ code: 'custom', message: "'*' allows every origin and must be alone: ['*'] or a list of origins" });
      return;
    }
    origins.forEach((origin, i) => {
      if (!isOrigin(origin)) ctx.addIssue({ code: 'custom', path: [i], message: 'must be an origin like https://app.example.org (no path, no trailing slash)' });
    });
  });

export const EventSettingsSchema = z.strictObject({
  /** Display name. */
  name: z.string().trim().min(1).max(200),
  timeZone: TimeZone,
  /** The first is the default language. */
  languages: z
    .array(z.enum(LANGUAGES))
    .min(1, { message: 'must list at least one language' })
    .refine((langs) => new Set(langs).size === langs.length, { message: 'must not repeat a language' }),
  /** Alphanumeric sender id shown on SMS: 1–11 characters, at least one letter (carrier rule). */
  smsSenderId: z.string().regex(/^(?=.*[A-Za-z])[A-Za-z0-9]{1,11}$/, {
    message: 'must be 1-11 letters or digits with at least one letter',
  }),
  emailFrom: z.email(),
  alarmEmail: z.email(),
  corsOrigins: CorsOrigins.default(['*']),
  /** The origins a prod stack allows, when they differ from `corsOrigins` (which may then stay `['*']` for dev). A prod stack refuses `*`. */
  prodCorsOrigins: CorsOrigins.optional(),
  /** How many guests and staff the event expects: throttles, concurrency and the cost estimate follow from them. */
  expectedGuests: z.number().int().min(1).max(200_000).default(5000),
  expectedStaff: z.number().int().min(1).max(5000).default(100),
  /** The account's send rates (SNS SMS: 20/s by default; SES out of the sandbox: 14/s by default): sends are paced to them. */
  smsPerSecond: z.number().int().min(1).max(10_000).default(20),
  emailPerSecond: z.number().int().min(1).max(10_000).default(14),
  /** Guests get sign-in accounts too (`POST /people/{personId}/account`); default: staff (organisers, LOs) only. */
  guestAccounts: z.boolean().default(false),
  /**
   * Where the guests' phones are, as ISO country codes with their shares (normalised: `{ "ID": 70, "SG": 30 }`
   * means 70 %): SMS prices and sender-ID rules are per country (see infra/src/cost, infra/src/preflight).
   */
  guestCountries: z
    .record(z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code like ID' }), z.number().positive())
    .refine((shares) => Object.keys(shares).length > 0, { message: 'must name at least one country' })
    .default({ ID: 1 }),
});

export type EventSettingsInput = z.input<typeof EventSettingsSchema>;
export type EventSettings = z.output<typeof EventSettingsSchema> & { readonly slug: string };

export class SettingsError extends Error {
  override name = 'SettingsError';
}

/** Slugs that have a settings file, sorted. */
export function knownEvents(dir: string = EVENTS_DIR): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort();
}

function knownList(dir: string): string {
  const known = knownEvents(dir);
  return known.length > 0 ? `Known events: ${known.join(', ')}.` : `No event settings found in ${dir}.`;
}

/** Loads and validates `<dir>/<slug>.json`; every failure names the problem and lists the known events. */
export function loadEventSettings(slug: unknown, dir: string = EVENTS_DIR): EventSettings {
  if (typeof slug !== 'string' || slug === '') {
    throw new SettingsError(`No event given: pass -c event=<slug>. ${knownList(dir)}`);
  }
  if (slug.length > MAX_SLUG_LENGTH || !SLUG_PATTERN.test(slug)) {
    throw new SettingsError(
      `Invalid event slug "${slug}": use lowercase letters, digits and single hyphens (${SLUG_PATTERN.source}), at most ${MAX_SLUG_LENGTH} characters. ${knownList(dir)}`,
    );
  }
  const file = path.join(dir, `${slug}.json`);
  if (!fs.existsSync(file)) {
    throw new SettingsError(`Unknown event "${slug}": no settings file ${path.relative(process.cwd(), file) || file}. ${knownList(dir)}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new SettingsError(`Settings of event "${slug}" (${file}) are not valid JSON: ${(err as Error).message}`);
  }
  const parsed = EventSettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  - ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new SettingsError(`Settings of event "${slug}" (${file}) are invalid:\n${problems.join('\n')}`);
  }
  return Object.freeze({ ...parsed.data, slug });
}

/**
 * The settings as a stage deploys them: a prod stack takes `prodCorsOrigins` when given, and refuses `*`
 * (any site could then call the API with a staff member's token in the browser).
 */
export function settingsForStage(settings: EventSettings, stage: Stage): EventSettings {
  if (stage !== 'prod') return settings;
  const corsOrigins = settings.prodCorsOrigins ?? settings.corsOrigins;
  if (corsOrigins.includes('*')) {
    throw new SettingsError(`Settings of event "${settings.slug}": a prod stack refuses '*' as a CORS origin: list the event's front-end origins in prodCorsOrigins (or corsOrigins).`);
  }
  return Object.freeze({ ...settings, corsOrigins });
}

/** `dev` or `prod`; anything else names what was given and what is allowed. */
export function parseStage(value: unknown): Stage {
  if ((STAGES as readonly unknown[]).includes(value)) return value as Stage;
  const given = value === undefined || value === '' ? 'no stage' : `stage "${String(value)}"`;
  throw new SettingsError(`Invalid ${given}: pass -c stage=${STAGES.join('|')}. ${knownList(EVENTS_DIR)}`);
}
