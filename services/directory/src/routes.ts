// The directory's route table: every route of API.md's Directory section, who may call it, and its schemas.
import { route, type RouteTable } from '@liaison/kit/http/route';
import {
  Assignment,
  AssignmentParams,
  CreateAssignmentBody,
  CreatePartyBody,
  CreatePersonBody,
  EventProfile,
  ImportBody,
  ImportResult,
  ListAssignmentsQuery,
  ListPartiesQuery,
  ListPeopleQuery,
  MAX_IMPORT_BYTES,
  Me,
  Party,
  PartyParams,
  PatchPartyBody,
  PatchPersonBody,
  Person,
  PersonParams,
  PutProfileBody,
} from './schemas';
import { listOf } from '@liaison/kit/http/list';
import { CreatedImport, CreateImportBody, ImportJob, ImportParams } from './schemas';
import { PurgeBody, PurgeRunSchema } from './retention/schemas';
import { Account } from './schemas';

const ANY = ['organizer', 'lo', 'guest'] as const;
const STAFF = ['organizer', 'lo'] as const;
const ORGANIZER = ['organizer'] as const;

export const routes = {
  getEvent: route({
    method: 'GET',
    path: '/event',
    summary: 'The event profile',
    access: ANY,
    responses: { 200: { description: 'The profile', schema: EventProfile }, 404: { description: 'Not set yet' } },
  }),
  putEvent: route({
    method: 'PUT',
    path: '/event',
    summary: 'Set the event profile',
    description: 'Creates the profile the first time; later calls replace it. Send `If-Match` to guard against lost updates.',
    access: ORGANIZER,
    body: PutProfileBody,
    responses: { 200: { description: 'The profile', schema: EventProfile }, 201: { description: 'Created', schema: EventProfile } },
  }),
  purgeEvent: route({
    method: 'POST',
    path: '/event/purge',
    summary: 'Purge guests\' personal data now',
    description:
      'Runs the retention purge early (it runs by itself once `endsAt` + `retentionDays` has passed): guests\' and contacts\' records keep only id, role, party and language, and every service removes what it holds about the event\'s people (delivery logs, ticket and comment bodies, rating comments, travel, drivers). Only after `endsAt`; `confirm` must be the event\'s name. It purges for up to 15 s and answers the run: 200 when done, 202 while pages are left (the hourly schedule goes on; calling again does too). Calling it after it is done answers the finished run.',
    access: ORGANIZER,
    body: PurgeBody,
    responses: {
      200: { description: 'The purge is done', schema: PurgeRunSchema },
      202: { description: 'The purge runs; pages are left', schema: PurgeRunSchema },
      404: { description: 'No event profile yet' },
      409: { description: 'The event has not ended' },
      422: { description: '`confirm` is not the event\'s name' },
    },
  }),

  createParty: route({
    method: 'POST',
    path: '/parties',
    summary: 'Add a party',
    access: ORGANIZER,
    body: CreatePartyBody,
    idempotent: true,
    responses: { 201: { description: 'Created', schema: Party }, 409: { description: 'externalId already used' } },
  }),
  listParties: route({
    method: 'GET',
    path: '/parties',
    summary: 'List parties, by name',
    access: STAFF,
    query: ListPartiesQuery,
    responses: { 200: { description: 'A page of parties', schema: listOf(Party) } },
  }),
  getParty: route({
    method: 'GET',
    path: '/parties/{partyId}',
    summary: 'One party',
    description: 'Guests may read their own party.',
    access: ANY,
    params: PartyParams,
    responses: { 200: { description: 'The party', schema: Party } },
  }),
  patchParty: route({
    method: 'PATCH',
    path: '/parties/{partyId}',
    summary: 'Change a party',
    access: ORGANIZER,
    params: PartyParams,
    body: PatchPartyBody,
    responses: { 200: { description: 'The party', schema: Party } },
  }),
  deleteParty: route({
    method: 'DELETE',
    path: '/parties/{partyId}',
    summary: 'Remove a party',
    description: 'Refused with 409 while people belong to it or an LO is assigned to it.',
    access: ORGANIZER,
    params: PartyParams,
    responses: { 204: { description: 'Removed' } },
  }),

  createPerson: route({
    method: 'POST',
    path: '/people',
    summary: 'Add a person',
    access: ORGANIZER,
    body: CreatePersonBody,
    idempotent: true,
    responses: { 201: { description: 'Created', schema: Person }, 409: { description: 'externalId or email already used' } },
  }),
  listPeople: route({
    method: 'GET',
    path: '/people',
    summary: 'List people, by name',
    access: STAFF,
    query: ListPeopleQuery,
    responses: { 200: { description: 'A page of people', schema: listOf(Person) } },
  }),
  importPeople: route({
    method: 'POST',
    path: '/people/import',
    summary: 'Import people from CSV or JSON',
    description:
      'Rows are keyed by `externalId`, else by `email`: a known key updates that person, so running the same import twice creates nothing new. Good rows land even when others fail. A CSV of more than 5,000 rows is answered 202 and runs as an import job (`Location: /imports/{importId}`).',
    access: ORGANIZER,
    accepts: ['application/json', 'text/csv'],
    body: ImportBody,
    maxBodyBytes: MAX_IMPORT_BYTES,
    idempotent: true,
    responses: {
      200: { description: 'What happened to each row', schema: ImportResult },
      202: { description: 'A CSV of more than 5,000 rows runs as an import job: follow it at Location (GET /imports/{importId})', schema: ImportJob },
    },
  }),
  getPerson: route({
    method: 'GET',
    path: '/people/{personId}',
    summary: 'One person',
    description: 'Guests may read only themselves.',
    access: ANY,
    params: PersonParams,
    responses: { 200: { description: 'The person', schema: Person } },
  }),
  patchPerson: route({
    method: 'PATCH',
    path: '/people/{personId}',
    summary: 'Change a person',
    description:
      'Organisers change anything. An LO changes needs, travel, language and consent of the people and parties assigned to them. A guest changes their own contact preferences (language, consent, phone) and needs.',
    access: ANY,
    params: PersonParams,
    body: PatchPersonBody,
    responses: { 200: { description: 'The person', schema: Person } },
  }),
  deletePerson: route({
    method: 'DELETE',
    path: '/people/{personId}',
    summary: 'Remove a person',
    description: 'Also ends the assignments that name them.',
    access: ORGANIZER,
    params: PersonParams,
    responses: { 204: { description: 'Removed' } },
  }),

  createAccount: route({
    method: 'POST',
    path: '/people/{personId}/account',
    summary: 'Give a person their sign-in account',
    description:
      'Creates the Cognito user named by the person id, with their email (verified, used to sign in), name and `custom:personId`, in the group of their role, and Cognito emails the invitation with a temporary password. Organisers and LOs always may have one; guests only when the event settings say `guestAccounts`; contacts never. Staff accounts get email MFA (a code at every sign-in) unless they enrolled TOTP. Calling it again answers the existing account, brought in line with the person (group, enabled, MFA): 200 instead of 201.',
    access: ORGANIZER,
    params: PersonParams,
    responses: {
      200: { description: 'The account was there already', schema: Account },
      201: { description: 'Created; the invitation is on its way', schema: Account },
      409: { description: 'Another account of the pool signs in with this email' },
      422: { description: 'The person has no email, or a role that may not sign in' },
    },
  }),

  createAssignment: route({
    method: 'POST',
    path: '/assignments',
    summary: 'Assign an LO to a party or a person',
    description: 'An LO booked beyond their `maxParties` at overlapping times is refused with 409, listing the clashing assignments.',
    access: ORGANIZER,
    body: CreateAssignmentBody,
    idempotent: true,
    responses: { 201: { description: 'Created', schema: Assignment }, 409: { description: 'The LO is fully booked then' } },
  }),
  listAssignments: route({
    method: 'GET',
    path: '/assignments',
    summary: 'List assignments',
    access: STAFF,
    query: ListAssignmentsQuery,
    responses: { 200: { description: 'A page of assignments', schema: listOf(Assignment) } },
  }),
  deleteAssignment: route({
    method: 'DELETE',
    path: '/assignments/{assignmentId}',
    summary: 'End an assignment',
    access: ORGANIZER,
    params: AssignmentParams,
    responses: { 204: { description: 'Ended' } },
  }),

  createImport: route({
    method: 'POST',
    path: '/imports',
    summary: 'Begin a large import (up to 50,000 rows)',
    description:
      'Answers a presigned upload URL: PUT the file (CSV or a JSON array, as for POST /people/import) there, then call `POST /imports/{importId}/start`. The URL expires after 15 minutes; uploads are deleted after 3 days.',
    access: ORGANIZER,
    body: CreateImportBody,
    idempotent: true,
    responses: { 201: { description: 'The job, waiting for its file', schema: CreatedImport } },
  }),
  startImport: route({
    method: 'POST',
    path: '/imports/{importId}/start',
    summary: 'Start an uploaded import',
    description:
      'Splits the file into chunks of 500 rows and queues them; progress shows at `GET /imports/{importId}`. Calling it again while the job is queued queues its chunks again (each is counted once). Rows are keyed as in POST /people/import, so running the same file twice creates nothing new.',
    access: ORGANIZER,
    params: ImportParams,
    responses: {
      202: { description: 'Queued', schema: ImportJob },
      409: { description: 'Nothing uploaded yet, or the job already runs or ended' },
      422: { description: 'The file cannot be imported (bad header, not a JSON array, too many rows)' },
    },
  }),
  getImport: route({
    method: 'GET',
    path: '/imports/{importId}',
    summary: 'Progress of an import',
    access: ORGANIZER,
    params: ImportParams,
    responses: { 200: { description: 'The job', schema: ImportJob } },
  }),

  me: route({
    method: 'GET',
    path: '/me',
    summary: 'The caller',
    description: 'Their person; for a guest also the LOs serving them; for an LO the parties and people assigned to them.',
    access: ANY,
    responses: { 200: { description: 'The caller', schema: Me } },
  }),
} satisfies RouteTable;

export type DirectoryRoutes = typeof routes;
