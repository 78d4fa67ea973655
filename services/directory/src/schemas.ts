// Request and answer schemas of the directory API. The route table, the validator and the OpenAPI
// document all read these; field rules come from @liaison/contracts.
import {
  Assignment,
  Consent,
  EventProfile,
  ExternalId,
  Id,
  IsoDateTime,
  Language,
  Needs,
  Party,
  PartyType,
  Person,
  PersonRole,
  ProfileSettings,
  QuietHours,
  Text,
  TimeZone,
  Travel,
  Venue,
} from '@liaison/contracts';
import { Cursor, Limit } from '@liaison/kit/http/list';
import * as z from 'zod';

// ---- the event profile (settings left out read as their defaults)

export const PutProfileBody = z.strictObject({
  name: Text(200),
  timeZone: TimeZone,
  languages: z
    .array(Language)
    .min(1)
    .refine((l) => new Set(l).size === l.length, 'must not repeat a language'),
  startsAt: IsoDateTime,
  endsAt: IsoDateTime,
  venues: z.array(Venue).max(100).default([]),
  quietHours: QuietHours.nullable().default(null),
  sla: ProfileSettings.sla.optional(),
  reminderMinutes: ProfileSettings.reminderMinutes.optional(),
  coalesceMinutes: ProfileSettings.coalesceMinutes.optional(),
  retentionDays: ProfileSettings.retentionDays.optional(),
});
export type PutProfileBody = z.infer<typeof PutProfileBody>;

// ---- parties

/** The party fields a client writes, with their rules, as the record defines them. */
const PartyFields = Party.pick({ name: true, type: true, country: true, protocolLevel: true, language: true, externalId: true, notes: true }).shape;

export const CreatePartyBody = z.strictObject({
  ...PartyFields,
  country: PartyFields.country.optional(),
  protocolLevel: PartyFields.protocolLevel.default('standard'),
  language: PartyFields.language.optional(),
  externalId: PartyFields.externalId.optional(),
  notes: PartyFields.notes.optional(),
});
export type CreatePartyBody = z.infer<typeof CreatePartyBody>;

export const PatchPartyBody = z
  .strictObject(PartyFields)
  .partial()
  .describe('Merge patch: fields left out stay as they are, `null` clears a field');
export type PatchPartyBody = z.infer<typeof PatchPartyBody>;

export const ListPartiesQuery = z.strictObject({ type: PartyType.optional(), limit: Limit, cursor: Cursor });

// ---- people

/** The person fields a client writes, with their rules, as the record defines them. */
export const PersonFields = Person.omit({ id: true, version: true, createdAt: true, updatedAt: true }).shape;

export const CreatePersonBody = z.strictObject({
  name: PersonFields.name,
  role: PersonFields.role,
  partyId: PersonFields.partyId.optional(),
  title: PersonFields.title.optional(),
  phone: PersonFields.phone.optional(),
  email: PersonFields.email.optional(),
  language: PersonFields.language.optional().describe("Defaults to the party's language, then the event's first language"),
  consent: Consent.partial().optional().describe('Defaults to no consent on either channel'),
  needs: Needs.optional(),
  arrival: PersonFields.arrival.optional(),
  departure: PersonFields.departure.optional(),
  externalId: PersonFields.externalId.optional(),
  maxParties: PersonFields.maxParties.optional().describe('LOs only; defaults to 1'),
  languages: PersonFields.languages.optional().describe('LOs only'),
});
export type CreatePersonBody = z.infer<typeof CreatePersonBody>;

export const PatchPersonBody = z
  .strictObject({
    name: PersonFields.name.optional(),
    role: PersonFields.role.optional(),
    partyId: PersonFields.partyId.optional(),
    title: PersonFields.title.optional(),
    phone: PersonFields.phone.optional(),
    email: PersonFields.email.optional(),
    language: PersonFields.language.optional(),
    consent: Consent.partial().optional(),
    needs: Needs.optional(),
    arrival: Travel.partial().nullable().optional(),
    departure: Travel.partial().nullable().optional(),
    externalId: PersonFields.externalId.optional(),
    maxParties: PersonFields.maxParties.optional(),
    languages: PersonFields.languages.optional(),
  })
  .describe('Merge patch (RFC 7396): fields left out stay, `null` clears, nested objects merge');
export type PatchPersonBody = z.infer<typeof PatchPersonBody>;

export const ListPeopleQuery = z.strictObject({
  partyId: Id.optional(),
  role: PersonRole.optional(),
  q: z.string().trim().min(1).max(100).optional().describe('Matches the start of any word of the name, ignoring case and accents; or an exact email, phone or externalId'),
  limit: Limit,
  cursor: Cursor,
});

export const ImportRow = CreatePersonBody.extend({
  partyExternalId: ExternalId.optional().describe("The party by its externalId, instead of partyId"),
});
export type ImportRow = z.infer<typeof ImportRow>;

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const ImportBody = z
  .array(z.unknown())
  .max(MAX_IMPORT_ROWS, `must have at most ${MAX_IMPORT_ROWS} rows`)
  .describe('JSON rows shaped like POST /people bodies (plus `partyExternalId`), or the same as CSV with dotted headers such as `arrival.at`');

export const ImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  errors: z.array(z.object({ row: z.number().int().describe('1-based record number, header excluded'), path: z.string(), message: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

// ---- assignments

export const CreateAssignmentBody = z.strictObject({
  loId: Id,
  partyId: Id.optional(),
  personId: Id.optional(),
  from: IsoDateTime.nullable().optional(),
  to: IsoDateTime.nullable().optional(),
});
export type CreateAssignmentBody = z.infer<typeof CreateAssignmentBody>;

export const ListAssignmentsQuery = z.strictObject({
  loId: Id.optional(),
  partyId: Id.optional(),
  personId: Id.optional(),
  limit: Limit,
  cursor: Cursor,
});

// ---- me

export const LoContact = z.object({ id: Id, name: z.string(), phone: z.string().nullable(), languages: z.array(z.string()).nullable() });

export const Me = z.object({
  role: z.enum(['organizer', 'lo', 'guest']),
  person: Person.nullable(),
  los: z.array(LoContact).optional().describe('Guests: the LOs serving them now'),
  assigned: z
    .object({ assignments: z.array(Assignment), parties: z.array(Party), people: z.array(Person) })
    .optional()
    .describe('LOs: what is assigned to them'),
});

// ---- accounts (POST /people/{personId}/account)

const MfaMethod = z.enum(['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA', 'SMS_MFA']);

export const Account = z.object({
  username: z.string().describe('The sign-in account\'s name: the person id'),
  status: z.string().describe('Cognito\'s user status: FORCE_CHANGE_PASSWORD until the invitation is used, then CONFIRMED'),
  enabled: z.boolean(),
  group: z.enum(['organizer', 'lo', 'guest']).nullable().describe('The role group the account is in'),
  mfa: z
    .object({ methods: z.array(MfaMethod), preferred: MfaMethod.nullable() })
    .describe('MFA methods that Cognito has on for this user (staff get EMAIL_OTP; a user may add SOFTWARE_TOKEN_MFA)'),
});

export const PartyParams = z.strictObject({ partyId: Id });
export const PersonParams = z.strictObject({ personId: Id });
export const AssignmentParams = z.strictObject({ assignmentId: Id });

export { Assignment, EventProfile, Party, Person };

// ---- import jobs (POST /imports, POST /imports/{importId}/start, GET /imports/{importId})

/** A job's file: at most this many rows, and this many bytes. */
export const MAX_JOB_ROWS = 50_000;
export const MAX_JOB_BYTES = 50 * 1024 * 1024;
export const IMPORT_STATUSES = ['waiting_upload', 'queued', 'running', 'done', 'failed'] as const;

export const ImportParams = z.strictObject({ importId: Id });

export const CreateImportBody = z.strictObject({
  format: z.enum(['csv', 'json'], 'must be "csv" or "json"').describe('csv: the same columns as POST /people/import; json: an array of rows'),
});
export type CreateImportBody = z.infer<typeof CreateImportBody>;

export const CreatedImport = z.object({
  importId: Id,
  uploadUrl: z.string().describe('Presigned URL: PUT the file there, with the Content-Type given in uploadContentType, before uploadExpiresAt'),
  uploadContentType: z.string(),
  uploadExpiresAt: IsoDateTime,
});

export const ImportJob = z.object({
  importId: Id,
  status: z.enum(IMPORT_STATUSES),
  format: z.enum(['csv', 'json']),
  rowsTotal: z.number().int().nullable().describe('Known once the job is started'),
  rowsDone: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  failed: z.number().int(),
  errors: z
    .array(z.object({ row: z.number().int().describe('1-based record number in the file, header excluded'), path: z.string(), message: z.string() }))
    .describe('The first 100 row errors'),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
  startedAt: IsoDateTime.nullable(),
  finishedAt: IsoDateTime.nullable(),
});
export type ImportJob = z.infer<typeof ImportJob>;
