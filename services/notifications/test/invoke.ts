// The notifications service's HTTP handler, called in process against this worker's copy of the stack,
// and the directory records its tests need, written straight into the table with the keys and index
// partitions @liaison/directory-read reads them by (the directory's own tests check how it writes them).
import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Language, PersonRole } from '@liaison/contracts';
import { readKeys, readPartitions } from '@liaison/directory-read/keys';
import { ddb } from '@liaison/kit/ddb/client';
import { claimsFor, invoker } from '@liaison/kit/http/invoke';
import { handler } from '../src/handlers/http';
import { routes } from '../src/routes';

export const call = invoker(routes, handler);
export const organizer = claimsFor('organizer');
export { claimsFor };

/** Read at call time: a file may point the process at a table of its own before it imports this. */
const table = () => process.env.LIAISON_TABLE_NAME as string;
const STAMP = '2027-01-01T00:00:00.000Z';
const run = String(parseInt(randomBytes(3).toString('hex'), 16) % 100_000).padStart(5, '0');
let counter = 0;
export const uid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

export async function party(name = 'Test delegation'): Promise<string> {
  const id = uid('pty');
  await ddb.send(new PutCommand({ TableName: table(), Item: { ...readKeys.party(id), gsi1pk: readPartitions.allParties, gsi1sk: `${name}#${id}`, id, name, type: 'delegation', protocolLevel: 'standard', version: 1, createdAt: STAMP, updatedAt: STAMP } }));
  return id;
}

export interface PersonSpec {
  role?: PersonRole;
  partyId?: string | null;
  language?: Language;
  /** `null`: none; default: a unique number / address of this run. */
  phone?: string | null;
  email?: string | null;
  consent?: { sms: boolean; email: boolean };
  name?: string;
}

/** A person as the directory stores them (indexed for everyone, their party and their role). */
export async function person(spec: PersonSpec = {}): Promise<{ id: string; phone: string | null; email: string | null }> {
  const id = uid('per');
  const n = String(counter++).padStart(4, '0');
  const role = spec.role ?? 'guest';
  const name = spec.name ?? `Test ${role} ${n}`;
  const partyId = spec.partyId ?? null;
  const phone = spec.phone === undefined ? `+6281${run}${n}` : spec.phone;
  const email = spec.email === undefined ? `n3.${run}.${n}@example.org` : spec.email;
  const sort = `${name}#${id}`;
  const item = {
    ...readKeys.person(id),
    gsi1pk: readPartitions.allPeople,
    gsi1sk: sort,
    ...(partyId ? { gsi2pk: readPartitions.peopleOfParty(partyId), gsi2sk: sort } : {}),
    gsi3pk: readPartitions.peopleWithRole(role),
    gsi3sk: sort,
    id, name, role, partyId, title: null, phone, email,
    language: spec.language ?? 'en',
    consent: spec.consent ?? { sms: true, email: true },
    needs: {}, arrival: null, departure: null, externalId: null, maxParties: null, languages: null,
    version: 1, createdAt: STAMP, updatedAt: STAMP,
  };
  await ddb.send(new PutCommand({ TableName: table(), Item: item }));
  return { id, phone, email };
}

/** An LO assignment to a party or a person, open-ended. */
export async function assign(loId: string, target: { partyId: string } | { personId: string }): Promise<string> {
  const id = uid('asg');
  const partyId = 'partyId' in target ? target.partyId : null;
  const personId = 'personId' in target ? target.personId : null;
  const item = {
    ...readKeys.assignment(id),
    gsi1pk: readPartitions.allAssignments,
    gsi1sk: id,
    gsi2pk: readPartitions.assignmentsOfLo(loId),
    gsi2sk: id,
    gsi3pk: partyId ? readPartitions.assignmentsOfParty(partyId) : readPartitions.assignmentsOfPerson(personId as string),
    gsi3sk: id,
    id, loId, partyId, personId, from: null, to: null, version: 1, createdAt: STAMP,
  };
  await ddb.send(new PutCommand({ TableName: table(), Item: item }));
  return id;
}

/** The event profile: Jakarta, `id` first, quiet hours as given (none by default: nothing is deferred). */
export async function profile(quietHours: { start: string; end: string } | null = null): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: table(),
      Item: { ...readKeys.profile(), name: 'Test summit', timeZone: 'Asia/Jakarta', languages: ['id', 'en'], startsAt: STAMP, endsAt: '2030-01-01T00:00:00.000Z', venues: [], quietHours, version: 1, updatedAt: STAMP },
    }),
  );
}

/** A party with `guests` members and an LO assigned to it; the claims of the LO. */
export async function delegation(guests = 2): Promise<{ partyId: string; guests: string[]; lo: string; loClaims: Record<string, string> }> {
  const partyId = await party();
  const members = await Promise.all(Array.from({ length: guests }, () => person({ partyId })));
  const lo = await person({ role: 'lo' });
  await assign(lo.id, { partyId });
  return { partyId, guests: members.map((m) => m.id), lo: lo.id, loClaims: claimsFor('lo', lo.id) };
}

/** A broadcast body (defaults that a test overrides). */
export function broadcastBody(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { audience: { all: true }, message: { id: 'Gunung meletus: tetap di hotel.', en: 'Volcano erupted: stay at your hotel.' }, channels: ['sms'], priority: 'urgent', ...over };
}
