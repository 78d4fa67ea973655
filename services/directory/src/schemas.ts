// Request and answer schemas of the directory API. The route table, the validator and the OpenAPI
// document all read these; field rules come from @liaison/contracts.
//
// Each is built on first use (`z.lazy`): the HTTP function's cold start builds none of them, a request
// builds its own route's, and answer schemas are built only by the OpenAPI document and the tests. (Path
// parameter and query schemas are small and stay plain: the route table types them as objects.)
import {
  Assignment,
  consentObject,
  EventProfile,
  ExternalId,
  Id,
  IsoDateTime,
  Language,
  Needs,
  Party,
  partyObject,
  PartyType,
  Person,
  personObject,
  PersonRole,
  profileSettings,
  QuietHours,
  Text,
  TimeZone,
  travelObject,
  Venue,
} from '@liaison/contracts';
import { Cursor, Limit } from '@liaison/kit/http/list';
import * as z from 'zod/mini';
import { once } from '@liaison/contracts/once';

// ---- the event profile (settings left out read as their defaults)

export const PutProfileBody = z.lazy(() => {
  const settings = profileSettings();
  return z.strictObject({
    name: Text(200),
    timeZone: TimeZone,
    languages: z.array(Language).check(
      z.minLength(1),
      z.refine((l) => new Set(l).size === l.length, 'must not repeat a language'),
    ),
    startsAt: IsoDateTime,
    endsAt: IsoDateTime,
    venues: z._default(z.array(Venue).check(z.maxLength(100)), []),
    quietHours: z._default(z.nullable(QuietHours), null),
    sla: z.optional(settings.sla),
    reminderMinutes: z.optional(settings.reminderMinutes),
    coalesceMinutes: z.optional(settings.coalesceMinutes),
    retentionDays: z.optional(settings.retentionDays),
  });
});
export type PutProfileBody = z.infer<typeof PutProfileBody>;

// ---- parties

/** The party fields a client writes, with their rules, as the record defines them. */
const partyFields = once(() => z.pick(partyObject(), { name: true, type: true, country: true, protocolLevel: true, language: true, externalId: true, notes: true }).shape);

export const CreatePartyBody = z.lazy(() => {
  const fields = partyFields();
  return z.strictObject({
    ...fields,
    country: z.optional(fields.country),
    protocolLevel: z._default(fields.protocolLevel, 'standard'),
    language: z.optional(fields.language),
    externalId: z.optional(fields.externalId),
    notes: z.optional(fields.notes),
  });
});
export type CreatePartyBody = z.infer<typeof CreatePartyBody>;

export const PatchPartyBody = z.lazy(() =>
  z.partial(z.strictObject(partyFields())).check(z.describe('Merge patch: fields left out stay as they are, `null` clears a field')),
);
export type PatchPartyBody = z.infer<typeof PatchPartyBody>;

export const ListPartiesQuery = z.strictObject({ type: z.optional(PartyType), limit: Limit, cursor: Cursor });

// ---- people

/** The person fields a client writes, with their rules, as the record defines them. */
const personFields = once(() => z.omit(personObject(), { id: true, version: true, createdAt: true, updatedAt: true }).shape);

/** POST /people's fields; an import row has them too. */
function createPersonShape() {
  const fields = personFields();
  return {
    name: fields.name,
    role: fields.role,
    partyId: z.optional(fields.partyId),
    title: z.optional(fields.title),
    phone: z.optional(fields.phone),
    email: z.optional(fields.email),
    language: z.optional(fields.language).check(z.describe("Defaults to the party's language, then the event's first language")),
    consent: z.optional(z.partial(consentObject())).check(z.describe('Defaults to no consent on either channel')),
    needs: z.optional(Needs),
    arrival: z.optional(fields.arrival),
    departure: z.optional(fields.departure),
    externalId: z.optional(fields.externalId),
    maxParties: z.optional(fields.maxParties).check(z.describe('LOs only; defaults to 1')),
    languages: z.optional(fields.languages).check(z.describe('LOs only')),
  };
}

export const CreatePersonBody = z.lazy(() => z.strictObject(createPersonShape()));
export type CreatePersonBody = z.infer<typeof CreatePersonBody>;

export const PatchPersonBody = z.lazy(() => {
  const fields = personFields();
  return z
    .strictObject({
      name: z.optional(fields.name),
      role: z.optional(fields.role),
      partyId: z.optional(fields.partyId),
      title: z.optional(fields.title),
      phone: z.optional(fields.phone),
      email: z.optional(fields.email),
      language: z.optional(fields.language),
      consent: z.optional(z.partial(consentObject())),
      needs: z.optional(Needs),
      arrival: z.optional(z.nullable(z.partial(travelObject()))),
      departure: z.optional(z.nullable(z.partial(travelObject()))),
      externalId: z.optional(fields.externalId),
      maxParties: z.optional(fields.maxParties),
      languages: z.optional(fields.languages),
    })
    .check(z.describe('Merge patch (RFC 7396): fields left out stay, `null` clears, nested objects merge'));
});
export type PatchPersonBody = z.infer<typeof PatchPersonBody>;

export const ListPeopleQuery = z.strictObject({
  partyId: z.optional(Id),
  role: z.optional(PersonRole),
  q: z
    .optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100)))
    .check(z.describe('Matches the start of any word of the name, ignoring case and accents; or an exact email, phone or externalId')),
  limit: Limit,
  cursor: Cursor,
});

export const ImportRow = z.lazy(() =>
  z.strictObject({
    ...createPersonShape(),
    partyExternalId: z.optional(ExternalId).check(z.describe('The party by its externalId, instead of partyId')),
  }),
);
export type ImportRow = z.infer<typeof ImportRow>;

export const MAX_IMPORT_ROWS = 5000;
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;

export const ImportBody = z.lazy(() =>
  z
    .array(z.unknown())
    .check(
      z.maxLength(MAX_IMPORT_ROWS, `must have at most ${MAX_IMPORT_ROWS} rows`),
      z.describe('JSON rows shaped like POST /people bodies (plus `partyExternalId`), or the same as CSV with dotted headers such as `arrival.at`'),
    ),
);

export const ImportResult = z.lazy(() =>
  z.object({
    created: z.number().check(z.int()),
    updated: z.number().check(z.int()),
    unchanged: z.number().check(z.int()),
    failed: z.number().check(z.int()),
    errors: z.array(
      z.object({ row: z.number().check(z.int(), z.describe('1-based record number, header excluded')), path: z.string(), message: z.string() }),
    ),
  }),
);
export type ImportResult = z.infer<typeof ImportResult>;

// ---- assignments

export const CreateAssignmentBody = z.lazy(() =>
  z.strictObject({
    loId: Id,
    partyId: z.optional(Id),
    personId: z.optional(Id),
    from: z.optional(z.nullable(IsoDateTime)),
    to: z.optional(z.nullable(IsoDateTime)),
  }),
);
export type CreateAssignmentBody = z.infer<typeof CreateAssignmentBody>;

export const ListAssignmentsQuery = z.strictObject({
  loId: z.optional(Id),
  partyId: z.optional(Id),
  personId: z.optional(Id),
  limit: Limit,
  cursor: Cursor,
});

// ---- me

export const Me = z.lazy(() =>
  z.object({
    role: z.enum(['organizer', 'lo', 'guest']),
    person: z.nullable(Person),
    los: z
      .optional(z.array(z.object({ id: Id, name: z.string(), phone: z.nullable(z.string()), languages: z.nullable(z.array(z.string())) })))
      .check(z.describe('Guests: the LOs serving them now')),
    assigned: z
      .optional(z.object({ assignments: z.array(Assignment), parties: z.array(Party), people: z.array(Person) }))
      .check(z.describe('LOs: what is assigned to them')),
  }),
);

// ---- accounts (POST /people/{personId}/account)

export const Account = z.lazy(() => {
  const MfaMethod = z.enum(['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA', 'SMS_MFA']);
  return z.object({
    username: z.string().check(z.describe('The sign-in account\'s name: the person id')),
    status: z.string().check(z.describe('Cognito\'s user status: FORCE_CHANGE_PASSWORD until the invitation is used, then CONFIRMED')),
    enabled: z.boolean(),
    group: z.nullable(z.enum(['organizer', 'lo', 'guest'])).check(z.describe('The role group the account is in')),
    mfa: z
      .object({ methods: z.array(MfaMethod), preferred: z.nullable(MfaMethod) })
      .check(z.describe('MFA methods that Cognito has on for this user (staff get EMAIL_OTP; a user may add SOFTWARE_TOKEN_MFA)')),
  });
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

export const CreateImportBody = z.lazy(() =>
  z.strictObject({
    format: z.enum(['csv', 'json'], 'must be "csv" or "json"').check(z.describe('csv: the same columns as POST /people/import; json: an array of rows')),
  }),
);
export type CreateImportBody = z.infer<typeof CreateImportBody>;

export const CreatedImport = z.lazy(() =>
  z.object({
    importId: Id,
    uploadUrl: z.string().check(z.describe('Presigned URL: PUT the file there, with the Content-Type given in uploadContentType, before uploadExpiresAt')),
    uploadContentType: z.string(),
    uploadExpiresAt: IsoDateTime,
  }),
);

export const ImportJob = z.lazy(() =>
  z.object({
    importId: Id,
    status: z.enum(IMPORT_STATUSES),
    format: z.enum(['csv', 'json']),
    rowsTotal: z.nullable(z.number().check(z.int())).check(z.describe('Known once the job is started')),
    rowsDone: z.number().check(z.int()),
    created: z.number().check(z.int()),
    updated: z.number().check(z.int()),
    unchanged: z.number().check(z.int()),
    failed: z.number().check(z.int()),
    errors: z
      .array(
        z.object({
          row: z.number().check(z.int(), z.describe('1-based record number in the file, header excluded')),
          path: z.string(),
          message: z.string(),
        }),
      )
      .check(z.describe('The first 100 row errors')),
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
    startedAt: z.nullable(IsoDateTime),
    finishedAt: z.nullable(IsoDateTime),
  }),
);
export type ImportJob = z.infer<typeof ImportJob>;
