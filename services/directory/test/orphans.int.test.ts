// No assignment outlives the people it names: a person's delete and an assignment's creation race
// over HTTP, and whatever the order, no assignment is left naming a missing person and the counters
// (people's links, parties' assignmentCount) equal what exists. Ending an orphan left by older code
// works and recreates nothing.
import { describe, expect, it } from '@jest/globals';
import { DeleteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { ChangedSinceRead } from '@liaison/kit/ddb/read-again';
import { randomBytes } from 'node:crypto';
import { linksOf } from '../src/store/assignments';
import { partitions } from '../src/store/keys';
import { deletePerson, findPerson } from '../src/store/people';
import { call, create, organizer } from './invoke';

const tableName = process.env.LIAISON_TABLE_NAME as string;
const ctx = () => ({ tableName, topicArn: process.env.LIAISON_EVENTS_TOPIC_ARN as string, service: 'directory', correlationId: `int-${randomBytes(3).toString('hex')}` });
const ROUNDS = 8;

const getRaw = async (pk: string, sk: string) => (await ddb.send(new GetCommand({ TableName: tableName, Key: { pk, sk }, ConsistentRead: true }))).Item;

async function assignmentsIn(index: 'gsi2' | 'gsi3', partition: string): Promise<{ id: string; loId: string; personId: string | null }[]> {
  const out = await ddb.send(new QueryCommand({ TableName: tableName, IndexName: index, KeyConditionExpression: `${index}pk = :p`, ExpressionAttributeValues: { ':p': partition } }));
  return (out.Items ?? []) as never;
}

/** Every assignment of the party names people who exist, and the party counts exactly those. */
async function expectPartyTrue(partyId: string): Promise<void> {
  const listed = await assignmentsIn('gsi3', partitions.assignmentsOfParty(partyId));
  for (const a of listed) expect(await getRaw(`PERSON#${a.loId}`, 'PERSON')).toBeDefined();
  expect(Number((await getRaw(`PARTY#${partyId}`, 'PARTY'))?.assignmentCount ?? 0)).toBe(listed.length);
}

const del = (url: string) => call({ method: 'DELETE', url, claims: organizer });
const post = (body: unknown) => call({ method: 'POST', url: '/assignments', body, claims: organizer });

describe('deleting a person while an assignment for them is created', () => {
  it('never leaves an assignment naming a deleted LO, and keeps party counters true', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const party = await create('/parties', { name: `Orphan party ${round}`, type: 'delegation' });
      const lo = await create('/people', { name: `Orphan LO ${round}`, role: 'lo', maxParties: 3 });
      const [created, deleted] = await Promise.all([post({ loId: lo.id, partyId: party.id }), del(`/people/${lo.id}`)]);
      expect(deleted.status).toBe(204);
      expect([201, 422]).toContain(created.status);
      expect(await getRaw(`PERSON#${lo.id}`, 'PERSON')).toBeUndefined();
      if (created.status === 201) expect(await getRaw(`ASSIGNMENT#${created.body.id}`, 'ASSIGNMENT')).toBeUndefined();
      expect(await assignmentsIn('gsi2', partitions.assignmentsOfLo(lo.id))).toEqual([]);
      expect(await getRaw(`PERSON#${lo.id}`, 'BOOKINGS')).toBeUndefined();
      await expectPartyTrue(party.id);
    }
  });

  it('never leaves an assignment naming a deleted guest, and keeps the LO counting the real number', async () => {
    const lo = await create('/people', { name: 'Orphan-proof LO', role: 'lo', maxParties: ROUNDS + 1 });
    const kept = await create('/people', { name: 'Kept guest', role: 'guest' });
    expect((await post({ loId: lo.id, personId: kept.id })).status).toBe(201);
    for (let round = 0; round < ROUNDS; round++) {
      const guest = await create('/people', { name: `Orphan guest ${round}`, role: 'guest' });
      const [created, deleted] = await Promise.all([post({ loId: lo.id, personId: guest.id }), del(`/people/${guest.id}`)]);
      expect(deleted.status).toBe(204);
      expect([201, 422]).toContain(created.status);
      expect(await assignmentsIn('gsi3', partitions.assignmentsOfPerson(guest.id))).toEqual([]);
      if (created.status === 201) expect(await getRaw(`ASSIGNMENT#${created.body.id}`, 'ASSIGNMENT')).toBeUndefined();
    }
    const mine = await assignmentsIn('gsi2', partitions.assignmentsOfLo(lo.id));
    expect(mine.map((a) => a.personId)).toEqual([kept.id]);
    expect((await getRaw(`PERSON#${lo.id}`, 'PERSON'))?.links).toBe(1);
    expect(Object.keys((await getRaw(`PERSON#${lo.id}`, 'BOOKINGS'))?.bookings ?? {})).toEqual([mine[0]?.id]);
  });

  it('reads again when an assignment commits between the delete reading and committing', async () => {
    const party = await create('/parties', { name: 'Interleaved party', type: 'ngo' });
    const lo = await create('/people', { name: 'Interleaved LO', role: 'lo', maxParties: 2 });
    const person = await findPerson(tableName, lo.id, true);
    const seen = await linksOf(tableName, lo.id);
    const created = await post({ loId: lo.id, partyId: party.id });
    expect(created.status).toBe(201);
    await expect(deletePerson(ctx(), person as never, seen)).rejects.toBeInstanceOf(ChangedSinceRead);
    expect(await getRaw(`PERSON#${lo.id}`, 'PERSON')).toBeDefined();
    // Read again, the delete ends the assignment with the person.
    expect((await del(`/people/${lo.id}`)).status).toBe(204);
    expect(await getRaw(`ASSIGNMENT#${created.body.id}`, 'ASSIGNMENT')).toBeUndefined();
    await expectPartyTrue(party.id);
  });
});

describe('people count the assignments that name them', () => {
  it('keeps links equal to the real number through racing creates and ends', async () => {
    const lo = await create('/people', { name: 'Busy LO', role: 'lo', maxParties: 10 });
    const guests = await Promise.all(Array.from({ length: 6 }, (_, i) => create('/people', { name: `Busy guest ${i}`, role: 'guest' })));
    const made = await Promise.all(guests.map((g) => post({ loId: lo.id, personId: g.id })));
    expect(made.map((m) => m.status)).toEqual(guests.map(() => 201));
    const ended = await Promise.all(made.slice(0, 3).map((m) => del(`/assignments/${m.body.id}`)));
    expect(ended.map((e) => e.status)).toEqual([204, 204, 204]);
    expect((await getRaw(`PERSON#${lo.id}`, 'PERSON'))?.links).toBe(3);
    for (const [i, g] of guests.entries()) expect((await getRaw(`PERSON#${g.id}`, 'PERSON'))?.links).toBe(i < 3 ? 0 : 1);
  });
});

describe('ending an orphan left by older code', () => {
  it('works when its LO is gone, fixes the party counter and recreates nothing', async () => {
    const party = await create('/parties', { name: 'Orphaned party', type: 'ngo' });
    const lo = await create('/people', { name: 'Vanished LO', role: 'lo' });
    const a = await create('/assignments', { loId: lo.id, partyId: party.id });
    // What the old race left: the LO and their bookings gone, the assignment and the party's count kept.
    await ddb.send(new DeleteCommand({ TableName: tableName, Key: { pk: `PERSON#${lo.id}`, sk: 'PERSON' } }));
    await ddb.send(new DeleteCommand({ TableName: tableName, Key: { pk: `PERSON#${lo.id}`, sk: 'BOOKINGS' } }));
    expect((await del(`/assignments/${a.id}`)).status).toBe(204);
    expect(await getRaw(`ASSIGNMENT#${a.id}`, 'ASSIGNMENT')).toBeUndefined();
    expect(await getRaw(`PERSON#${lo.id}`, 'PERSON')).toBeUndefined();
    expect(await getRaw(`PERSON#${lo.id}`, 'BOOKINGS')).toBeUndefined();
    expect((await getRaw(`PARTY#${party.id}`, 'PARTY'))?.assignmentCount).toBe(0);
    expect((await del(`/parties/${party.id}`)).status).toBe(204);
  });

  it('works when the guest it serves is gone, and the LO counts one fewer', async () => {
    const lo = await create('/people', { name: 'Orphan LO', role: 'lo' });
    const guest = await create('/people', { name: 'Vanished guest', role: 'guest' });
    const a = await create('/assignments', { loId: lo.id, personId: guest.id });
    await ddb.send(new DeleteCommand({ TableName: tableName, Key: { pk: `PERSON#${guest.id}`, sk: 'PERSON' } }));
    expect((await del(`/assignments/${a.id}`)).status).toBe(204);
    expect(await getRaw(`PERSON#${guest.id}`, 'PERSON')).toBeUndefined();
    expect((await getRaw(`PERSON#${lo.id}`, 'PERSON'))?.links).toBe(0);
    expect((await getRaw(`PERSON#${lo.id}`, 'BOOKINGS'))?.bookings).toEqual({});
  });
});
