// The directory's records as the API returns them and its events carry them. Owned by the directory
// service; other services read them through events or the read-only accessor, never by copying.
//
// The enums are plain; the records are built on first use (`z.lazy`), like notifications.ts': a function
// that imports them (every directory function, and every consumer of the directory's events) builds only
// those it parses with. Inside this file, records are composed from memoized builders (`once`), so each is
// built once and the generated JSON schemas are the same as when they were plain. The builders that other
// code needs structurally (`z.pick`, `z.omit`, `z.partial`) are exported: `partyObject`, `personObject`,
// `consentObject`, `travelObject`, and `profileSettings` (the profile's settings, one schema each).
import * as z from 'zod/mini';
import { once } from './once';
import { Airport, Country, Email, ExternalId, Flight, Id, IsoDateTime, Language, Phone, SpokenLanguage, Text, TimeOfDay, TimeZone, Version } from './fields';

import { PARTY_TYPES, PERSON_ROLES, PROFILE_DEFAULTS, PROTOCOL_LEVELS, SLA_SEVERITIES } from './constants';

export { PARTY_TYPES, PERSON_ROLES, PROFILE_DEFAULTS, PROTOCOL_LEVELS, SLA_SEVERITIES };

export const PartyType = z.enum(PARTY_TYPES);
export const ProtocolLevel = z.enum(PROTOCOL_LEVELS);
export const PersonRole = z.enum(PERSON_ROLES);
export type PartyType = z.infer<typeof PartyType>;
export type ProtocolLevel = z.infer<typeof ProtocolLevel>;
export type PersonRole = z.infer<typeof PersonRole>;

const Stamps = {
  version: Version,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

const venueObject = once(() => z.strictObject({ name: Text(200), address: Text(500) }));
export const Venue = z.lazy(venueObject);

const quietHoursObject = once(() =>
  z
    .strictObject({ start: TimeOfDay, end: TimeOfDay })
    .check(z.describe('Local times between which `normal` messages wait; `start` after `end` spans midnight')),
);
export const QuietHours = z.lazy(quietHoursObject);

export const SlaSeverity = z.enum(SLA_SEVERITIES);
export type SlaSeverity = z.infer<typeof SlaSeverity>;

const Minutes = (what: string) =>
  z
    .number('must be a number')
    .check(z.int('must be a whole number of minutes'), z.minimum(1, 'must be at least 1 minute'), z.maximum(525_600, 'must be at most a year'), z.describe(what));

/** Minutes to acknowledge and to resolve a ticket of one severity; acknowledging comes first. */
const slaTargetObject = once(() =>
  z
    .strictObject({ ackMinutes: Minutes('Minutes to acknowledge'), resolveMinutes: Minutes('Minutes to resolve') })
    .check(z.refine((t) => t.ackMinutes < t.resolveMinutes, { message: 'ackMinutes must be less than resolveMinutes', path: ['ackMinutes'] })),
);
export const SlaTarget = z.lazy(slaTargetObject);
export type SlaTarget = z.infer<typeof SlaTarget>;

/** The settings other services read from the profile, as a PUT gives them (each optional); one schema each, built on the first call. */
export const profileSettings = once(() => ({
  sla: z
    .strictObject({ critical: z.optional(slaTargetObject()), high: z.optional(slaTargetObject()), medium: z.optional(slaTargetObject()), low: z.optional(slaTargetObject()) })
    .check(z.describe('Overrides per severity; severities left out keep their defaults (critical 5/60, high 15/240, medium 60/1440, low 240/4320 minutes)')),
  reminderMinutes: Minutes('Pick-up reminders go this many minutes before departure (default 60)'),
  coalesceMinutes: z
    .number('must be a number')
    .check(
      z.int('must be a whole number of minutes'),
      z.minimum(0, 'must be 0 (no coalescing) or more'),
      z.maximum(1440, 'must be at most 1440 (a day)'),
      z.describe('Quick successive changes to one subject within this many minutes go out as one message (default 2)'),
    ),
  retentionDays: z
    .number('must be a number')
    .check(
      z.int('must be a whole number of days'),
      z.minimum(1, 'must be at least 1 day'),
      z.maximum(3650, 'must be at most 3650 days'),
      z.describe('Personal data is kept this many days after endsAt (default 30)'),
    ),
}));

export const EventProfile = z.lazy(() => {
  const settings = profileSettings();
  const sla = slaTargetObject();
  return z.object({
    name: Text(200),
    timeZone: TimeZone,
    languages: z.array(Language).check(z.minLength(1)),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    venues: z.array(venueObject()).check(z.maxLength(100)),
    quietHours: z.nullable(quietHoursObject()),
    sla: z.object({ critical: sla, high: sla, medium: sla, low: sla }).check(z.describe('SLA per severity, defaults applied')),
    reminderMinutes: settings.reminderMinutes,
    coalesceMinutes: settings.coalesceMinutes,
    retentionDays: settings.retentionDays,
    version: Version,
    updatedAt: IsoDateTime,
  });
});
export type EventProfile = z.infer<typeof EventProfile>;

/** The party record's object, built on the first call; `Party` is the same, lazily. */
export const partyObject = once(() =>
  z.object({
    id: Id,
    name: Text(200),
    type: PartyType,
    country: z.nullable(Country),
    protocolLevel: ProtocolLevel,
    language: z.nullable(Language),
    externalId: z.nullable(ExternalId),
    notes: z.nullable(z.string().check(z.trim(), z.maxLength(2000))),
    ...Stamps,
  }),
);
export const Party = z.lazy(partyObject);
export type Party = z.infer<typeof Party>;

export const consentObject = once(() =>
  z.strictObject({
    sms: z.boolean().check(z.describe('May be sent SMS')),
    email: z.boolean().check(z.describe('May be sent email')),
  }),
);
export const Consent = z.lazy(consentObject);

const needsObject = once(() =>
  z.strictObject({
    dietary: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(500)))),
    accessibility: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(500)))),
    notes: z.optional(z.nullable(z.string().check(z.trim(), z.maxLength(2000)))),
  }),
);
export const Needs = z.lazy(needsObject);

export const travelObject = once(() =>
  z.strictObject({
    at: IsoDateTime,
    flight: z.optional(z.nullable(Flight)),
    airport: z.optional(z.nullable(Airport)),
  }),
);
export const Travel = z.lazy(travelObject);

/** The person record's object, built on the first call; `Person` is the same, lazily. */
export const personObject = once(() =>
  z.object({
    id: Id,
    name: Text(200),
    role: PersonRole,
    partyId: z.nullable(Id),
    title: z.nullable(z.string().check(z.trim(), z.maxLength(200))),
    phone: z.nullable(Phone),
    email: z.nullable(Email),
    language: Language,
    consent: consentObject(),
    needs: needsObject(),
    arrival: z.nullable(travelObject()),
    departure: z.nullable(travelObject()),
    externalId: z.nullable(ExternalId),
    maxParties: z
      .nullable(z.number('must be a number').check(z.int('must be a whole number'), z.minimum(1), z.maximum(50)))
      .check(z.describe('LOs only: how many parties they serve at once')),
    languages: z.nullable(z.array(SpokenLanguage).check(z.maxLength(20))).check(z.describe('LOs only: languages they speak')),
    ...Stamps,
  }),
);
export const Person = z.lazy(personObject);
export type Person = z.infer<typeof Person>;

export const Assignment = z.lazy(() =>
  z.object({
    id: Id,
    loId: Id,
    partyId: z.nullable(Id),
    personId: z.nullable(Id),
    from: z.nullable(IsoDateTime).check(z.describe('Start; null means from the beginning')),
    to: z.nullable(IsoDateTime).check(z.describe('End; null means until further notice')),
    version: Version,
    createdAt: IsoDateTime,
  }),
);
export type Assignment = z.infer<typeof Assignment>;

export { Email, Phone };
