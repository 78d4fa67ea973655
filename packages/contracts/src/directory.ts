// The directory's records as the API returns them and its events carry them. Owned by the directory
// service; other services read them through events or the read-only accessor, never by copying.
import { z } from 'zod';
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

export const EventProfile = z.object({
  name: Text(200),
  timeZone: TimeZone,
  languages: z.array(Language).min(1),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  venues: z.array(Venue).max(100),
  quietHours: QuietHours.nullable(),
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
