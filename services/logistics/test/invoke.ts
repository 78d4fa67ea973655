// The logistics HTTP handler called in process against this worker's copy of the stack, and directory
// records written straight into the table as the directory stores them (through @liaison/directory-read's
// keys), so that these tests need no other service's code.
import { randomBytes } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Person } from '@liaison/contracts';
import { getPerson } from '@liaison/directory-read';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { readKeys, readPartitions } from '@liaison/directory-read/keys';
import { claimsFor, invoker } from '@liaison/kit/http/invoke';
import { handler } from '../src/handlers/http';
import { routes } from '../src/routes';

export const call = invoker(routes, handler);
export const organizer = claimsFor('organizer');
export { claimsFor };

const ddb = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const table = () => process.env.LIAISON_TABLE_NAME as string;
const uid = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;

/** Creates something as organiser and returns its body; throws with the answer if it was refused. */
export async function create(url: string, body: unknown, claims = organizer): Promise<any> {
  const res = await call({ method: 'POST', url, body, claims });
  if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface PersonSeed {
  role?: 'guest' | 'lo' | 'organizer' | 'contact';
  partyId?: string | null;
  arrival?: { at: string; flight?: string; airport?: string } | null;
  departure?: { at: string; flight?: string; airport?: string } | null;
}

const at = '2027-01-01T00:00:00.000Z';

/** A person as the directory stores them. */
export async function person(seed: PersonSeed = {}): Promise<string> {
  const id = uid('per');
  const item = {
    ...readKeys.person(id),
    id,
    name: `Person ${id}`,
    role: seed.role ?? 'guest',
    partyId: seed.partyId ?? null,
    language: 'en',
    arrival: seed.arrival ?? null,
    departure: seed.departure ?? null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  await ddb.send(new PutCommand({ TableName: table(), Item: item }));
  return id;
}

export async function party(): Promise<string> {
  const id = uid('pty');
  await ddb.send(new PutCommand({ TableName: table(), Item: { ...readKeys.party(id), id, name: `Party ${id}`, type: 'delegation', protocolLevel: 'standard', version: 1, createdAt: at, updatedAt: at } }));
  return id;
}

/** An LO assigned to a party or a person, in force from now on, as the directory stores the assignment. */
export async function assign(loId: string, target: { partyId: string } | { personId: string }): Promise<void> {
  const id = uid('asg');
  const partyId = 'partyId' in target ? target.partyId : null;
  const personId = 'personId' in target ? target.personId : null;
  await ddb.send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...readKeys.assignment(id),
        gsi1pk: readPartitions.allAssignments,
        gsi1sk: id,
        gsi2pk: readPartitions.assignmentsOfLo(loId),
        gsi2sk: id,
        gsi3pk: partyId ? readPartitions.assignmentsOfParty(partyId) : readPartitions.assignmentsOfPerson(personId as string),
        gsi3sk: id,
        id,
        loId,
        partyId,
        personId,
        from: null,
        to: null,
        version: 1,
        createdAt: at,
      },
    }),
  );
}

/** The event profile, so that local dates are Jakarta's. */
export async function profile(timeZone = 'Asia/Jakarta'): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: table(),
      Item: { ...readKeys.profile(), name: 'Jakarta summit', timeZone, languages: ['id', 'en'], startsAt: '2027-03-01T00:00:00+07:00', endsAt: '2027-03-10T00:00:00+07:00', version: 1, updatedAt: at },
    }),
  );
}

/** Changes a stored person's fields (as a directory write would) and answers the record before and after. */
export async function updatePerson(id: string, set: Record<string, unknown>): Promise<{ before: Person; after: Person }> {
  const before = (await getPerson(table(), id, { consistent: true })) as Person;
  const after = { ...before, ...set, version: before.version + 1 } as Person;
  await ddb.send(new PutCommand({ TableName: table(), Item: { ...readKeys.person(id), ...after } }));
  return { before, after };
}

export async function deletePerson(id: string): Promise<Person> {
  const before = (await getPerson(table(), id, { consistent: true })) as Person;
  await ddb.send(new DeleteCommand({ TableName: table(), Key: readKeys.person(id) }));
  return before;
}

let n = 0;
/** An SQS batch carrying the events as SNS delivers them raw to a consumer's queue. */
export function sqsBatch(...events: unknown[]): SQSEvent {
  return { Records: events.map((e) => ({ messageId: `m-${++n}`, receiptHandle: 'r', body: JSON.stringify(e), attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1' }) as unknown as SQSRecord) };
}
