// The directory's records as the API returns them and its events carry them. Owned by the directory
// service; other services read them through events or the read-only accessor, never by copying.
import * as z from 'zod';
import { Airport, Country, Email, ExternalId, Flight, Id, IsoDateTime, Language, Phone, SpokenLanguage, Text, TimeOfDay, TimeZone, Version } from './fields';

export const PARTY_TYPES = ['delegation', 'agency', 'ngo', 'volunteer_group', 'vendor', 'media', 'internal'] as const;
export const PROTOCOL_LEVELS = ['vvip', 'vip', 'standard'] as const;
export const PERSON_ROLES = ['guest', 'lo', 'organizer', 'contact'] as const;

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

export const Venue = z.strictObject({ name: Text(200), address: Text(500) });

export const QuietHours = z
  .strictObject({ start: TimeOfDay, end: TimeOfDay })
  .describe('Local times between which `normal` messages wait; `start` after `end` spans midnight');

/** Ticket severities, most urgent first; each has its own SLA. */
export const SLA_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export const SlaSeverity = z.enum(SLA_SEVERITIES);
export type SlaSeverity = z.infer<typeof SlaSeverity>;

const Minutes = (what: string) =>
  z.number('must be a number').int('must be a whole number of minutes').min(1, 'must be at least 1 minute').max(525_600, 'must be at most a year').describe(what);

/** Minutes to acknowledge and to resolve a ticket of one severity; acknowledging comes first. */
export const SlaTarget = z
  .strictObject({ ackMinutes: Minutes('Minutes to acknowledge'), resolveMinutes: Minutes('Minutes to resolve') })
  .refine((t) => t.ackMinutes < t.resolveMinutes, { message: 'ackMinutes must be less than resolveMinutes', path: ['ackMinutes'] });
export type SlaTarget = z.infer<typeof SlaTarget>;

/** What applies when the profile does not say (API.md, Directory: `GET/PUT /event`). */
export const PROFILE_DEFAULTS = {
  sla: {
    critical: { ackMinutes: 5, resolveMinutes: 60 },
    high: { ackMinutes: 15, resolveMinutes: 240 },
    medium: { ackMinutes: 60, resolveMinutes: 1440 },
    low: { ackMinutes: 240, resolveMinutes: 4320 },
  },
  reminderMinutes: 60,
  coalesceMinutes: 2,
  retentionDays: 30,
} as const satisfies { sla: Record<SlaSeverity, SlaTarget>; reminderMinutes: number; coalesceMinutes: number; retentionDays: number };

/** The settings other services read from the profile, as a PUT gives them (each optional). */
export const ProfileSettings = {
  sla: z
    .strictObject({ critical: SlaTarget.optional(), high: SlaTarget.optional(), medium: SlaTarget.optional(), low: SlaTarget.optional() })
    .describe('Overrides per severity; severities left out keep their defaults (critical 5/60, high 15/240, medium 60/1440, low 240/4320 minutes)'),
  reminderMinutes: Minutes('Pick-up reminders go this many minutes before departure (default 60)'),
  coalesceMinutes: z
    .number('must be a number')
    .int('must be a whole number of minutes')
    .min(0, 'must be 0 (no coalescing) or more')
    .max(1440, 'must be at most 1440 (a day)')
    .describe('Quick successive changes to one subject within this many minutes go out as one message (default 2)'),
  retentionDays: z
    .number('must be a number')
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(3650, 'must be at most 3650 days')
    .describe('Personal data is kept this many days after endsAt (default 30)'),
};

export const EventProfile = z.object({
  name: Text(200),
  timeZone: TimeZone,
  languages: z.array(Language).min(1),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  venues: z.array(Venue).max(100),
  quietHours: QuietHours.nullable(),
  sla: z.object({ critical: SlaTarget, high: SlaTarget, medium: SlaTarget, low: SlaTarget }).describe('SLA per severity, defaults applied'),
  reminderMinutes: ProfileSettings.reminderMinutes,
  coalesceMinutes: ProfileSettings.coalesceMinutes,
  retentionDays: ProfileSettings.retentionDays,
  version: Version,
  updatedAt: IsoDateTime,
});
export type EventProfile = z.infer<typeof EventProfile>;

export const Party = z.object({
  id: Id,
  name: Text(200),
  type: PartyType,
  country: Country.nullable(),
  protocolLevel: ProtocolLevel,
  language: Language.nullable(),
  externalId: ExternalId.nullable(),
  notes: z.string().trim().max(2000).nullable(),
  ...Stamps,
});
export type Party = z.infer<typeof Party>;

export const Consent = z.strictObject({
  sms: z.boolean().describe('May be sent SMS'),
  email: z.boolean().describe('May be sent email'),
});

export const Needs = z.strictObject({
  dietary: z.string().trim().max(500).nullable().optional(),
  accessibility: z.string().trim().max(500).nullable().optional(),
  notes: z.string().trim().max(2000).nullable().optional(),
});

export const Travel = z.strictObject({
  at: IsoDateTime,
  flight: Flight.nullable().optional(),
  airport: Airport.nullable().optional(),
});

export const Person = z.object({
  id: Id,
  name: Text(200),
  role: PersonRole,
  partyId: Id.nullable(),
  title: z.string().trim().max(200).nullable(),
  phone: Phone.nullable(),
  email: Email.nullable(),
  language: Language,
  consent: Consent,
  needs: Needs,
  arrival: Travel.nullable(),
  departure: Travel.nullable(),
  externalId: ExternalId.nullable(),
  maxParties: z.number('must be a number').int('must be a whole number').min(1).max(50).nullable().describe('LOs only: how many parties they serve at once'),
  languages: z.array(SpokenLanguage).max(20).nullable().describe('LOs only: languages they speak'),
  ...Stamps,
});
export type Person = z.infer<typeof Person>;

export const Assignment = z.object({
  id: Id,
  loId: Id,
  partyId: Id.nullable(),
  personId: Id.nullable(),
  from: IsoDateTime.nullable().describe('Start; null means from the beginning'),
  to: IsoDateTime.nullable().describe('End; null means until further notice'),
  version: Version,
  createdAt: IsoDateTime,
});
export type Assignment = z.infer<typeof Assignment>;

export { Email, Phone };
