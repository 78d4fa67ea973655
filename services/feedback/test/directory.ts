// Directory records for feedback's int tests, written straight into this worker's table with the
// keys and index partitions @liaison/directory-read reads them by (the directory's own code is
// another service's: its tests, not these, check how it writes them).
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { PersonRole, SlaSeverity, SlaTarget } from '@liaison/contracts';
import { readKeys, readPartitions } from '@liaison/directory-read/keys';
import { ddb } from '@liaison/kit/ddb/client';
import { claimsFor } from '@liaison/kit/http/invoke';
import { randomBytes } from 'node:crypto';

const table = () => process.env.LIAISON_TABLE_NAME as string;
const STAMP = '2020-01-01T00:00:00.000Z';
export const uid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

export async function party(name = 'Test delegation'): Promise<string> {
  const id = uid('pty');
  await ddb.send(new PutCommand({ TableName: table(), Item: { ...readKeys.party(id), id, name, type: 'delegation', protocolLevel: 'standard', version: 1, createdAt: STAMP, updatedAt: STAMP } }));
  return id;
}

export async function person(role: PersonRole, partyId: string | null = null, name = `Test ${role}`): Promise<string> {
  const id = uid('per');
  const item = {
    ...readKeys.person(id),
    gsi1pk: readPartitions.allPeople,
    gsi1sk: `${name}#${id}`,
    ...(partyId ? { gsi2pk: readPartitions.peopleOfParty(partyId), gsi2sk: name } : {}),
    gsi3pk: readPartitions.peopleWithRole(role),
    gsi3sk: `${name}#${id}`,
    id, name, role, partyId, language: 'en', consent: { sms: false, email: false }, needs: {}, version: 1, createdAt: STAMP, updatedAt: STAMP,
  };
  await ddb.send(new PutCommand({ TableName: table(), Item: item }));
  return id;
}

/** An LO assignment to a party or a person, in force over [from, to) (open ends by default). */
export async function assign(loId: string, target: { partyId: string } | { personId: string }, window: { from?: string; to?: string } = {}): Promise<string> {
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
    id, loId, partyId, personId, from: window.from ?? null, to: window.to ?? null, version: 1, createdAt: STAMP,
  };
  await ddb.send(new PutCommand({ TableName: table(), Item: item }));
  return id;
}

export async function profile(sla: Partial<Record<SlaSeverity, SlaTarget>> = {}): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: table(),
      Item: { ...readKeys.profile(), name: 'Test summit', timeZone: 'Asia/Jakarta', languages: ['id', 'en'], startsAt: STAMP, endsAt: '2030-01-01T00:00:00.000Z', sla, version: 1, updatedAt: STAMP },
    }),
  );
}

/** A guest with an LO (assigned to the guest's party), and the claims of each. */
export async function delegation(): Promise<{ partyId: string; guest: string; lo: string; claims: { guest: Record<string, string>; lo: Record<string, string> } }> {
  const partyId = await party();
  const [guest, lo] = await Promise.all([person('guest', partyId), person('lo')]);
  await assign(lo, { partyId });
  return { partyId, guest, lo, claims: { guest: claimsFor('guest', guest), lo: claimsFor('lo', lo) } };
}
