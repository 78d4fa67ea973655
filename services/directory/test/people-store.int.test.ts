// The people store against DynamoDB Local: word-prefix search through token items written with each
// person, tokens that follow renames and deletes, and party member counters that stay true whatever
// fails or is cut short.
import { describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { randomBytes } from 'node:crypto';
import { scanTable } from '../../../test/support/int';
import { importRows } from '../src/store/import';
import { findParty } from '../src/store/parties';
import { partitions } from '../src/store/keys';
import { call, create, organizer } from './invoke';

const tableName = process.env.LIAISON_TABLE_NAME as string;
const ctx = () => ({ tableName, topicArn: process.env.LIAISON_EVENTS_TOPIC_ARN as string, service: 'directory', correlationId: `int-${randomBytes(3).toString('hex')}` });
const tag = () => randomBytes(4).toString('hex');

async function search(query: string): Promise<{ id: string; name: string }[]> {
  const res = await call({ method: 'GET', url: `/people?${query}`, claims: organizer });
  expect(res.status).toBe(200);
  return res.body.items;
}

/** The search words indexed for a person: the index keys of every item that carries their tokens (guards and token items). */
async function tokensOf(personId: string): Promise<string[]> {
  const carriers = (await scanTable()).filter((i) => i.personId === personId);
  return carriers.flatMap((i) => [i.gsi1sk, i.gsi2sk, i.gsi3sk].filter((k): k is string => typeof k === 'string').map((k) => k.slice(0, k.lastIndexOf(' ')))).sort();
}

/** The people who really belong to a party (its index partition), against the counter. */
async function membersAndCount(partyId: string): Promise<{ members: number; counted: number }> {
  let members = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(
      new QueryCommand({ TableName: tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': partitions.peopleOfParty(partyId) }, Select: 'COUNT', ExclusiveStartKey: startKey }),
    );
    members += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return { members, counted: (await findParty(tableName, partyId, true))?.memberCount ?? Number.NaN };
}

describe('people search', () => {
  it('finds a person by the start of any word of their name, email, phone or externalId, combined with party and role', async () => {
    const t = tag();
    const party = await create('/parties', { name: `Search party ${t}`, type: 'delegation' });
    const siti = await create('/people', { name: `Siti Nurhaliza Zq${t}`, role: 'guest', partyId: party.id, email: `siti.${t}@x.id`, phone: '+6281299887766', externalId: `EXT-${t}` });
    await create('/people', { name: `Budi Zq${t}`, role: 'lo' });
    expect((await search(`q=nurhal`)).map((p) => p.id)).toContain(siti.id);
    expect((await search(`q=${encodeURIComponent(`siti.${t}`)}`)).map((p) => p.id)).toEqual([siti.id]);
    expect((await search(`q=ext-${t}`)).map((p) => p.id)).toEqual([siti.id]);
    expect((await search(`q=${encodeURIComponent('+628129988')}&partyId=${party.id}`)).map((p) => p.id)).toEqual([siti.id]);
    expect((await search(`q=zq${t}`)).map((p) => p.name).sort()).toEqual([`Budi Zq${t}`, `Siti Nurhaliza Zq${t}`]);
    expect((await search(`q=ZQ${t}&role=lo`)).map((p) => p.name)).toEqual([`Budi Zq${t}`]);
    expect((await search(`q=zq${t}&partyId=${party.id}`)).map((p) => p.id)).toEqual([siti.id]);
    expect((await search(`q=${encodeURIComponent(`siti zq${t}`)}`)).map((p) => p.id)).toEqual([siti.id]);
    expect(await search(`q=haliza${t}`)).toEqual([]);
  });

  it('pages through matches without gaps or repeats, each person once even when several of their words match', async () => {
    const t = tag();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await create('/people', { name: `Pq${t}a Pq${t}b ${i}`, role: 'guest', email: `pq${t}.${i}@x.org` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { id: string }[]; nextCursor: string | null } } = await call({ method: 'GET', url: `/people?q=pq${t}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, claims: organizer });
      expect(res.status).toBe(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((p) => p.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());
    const first = await call({ method: 'GET', url: `/people?q=pq${t}&limit=1`, claims: organizer });
    expect((await call({ method: 'GET', url: `/people?q=pq${t}a&limit=1&cursor=${first.body.nextCursor}`, claims: organizer })).status).toBe(400);
    expect((await call({ method: 'GET', url: `/people?q=pq${t}&limit=1&cursor=${first.body.nextCursor.slice(0, -2)}xx`, claims: organizer })).status).toBe(400);
  });

  it('moves tokens on a rename and removes them on delete', async () => {
    const t = tag();
    const p = await create('/people', { name: `Old${t} Name Three Four`, role: 'guest', phone: '+6281311112222', email: `o${t}@x.org`, externalId: `X${t}` });
    expect(await tokensOf(p.id)).toEqual(['6281311112222', 'four', `name`, `o${t}@x.org`, `old${t}`, 'three', `x${t}`].sort());
    const renamed = await call({ method: 'PATCH', url: `/people/${p.id}`, body: { name: `New${t} Name`, phone: null, email: `n${t}@x.org` }, claims: organizer, headers: { 'if-match': '"1"' } });
    expect(renamed.status).toBe(200);
    expect(await tokensOf(p.id)).toEqual([`n${t}@x.org`, `name`, `new${t}`, `x${t}`].sort());
    expect(await search(`q=o${t}`)).toEqual([]);
    expect((await search(`q=n${t}@`)).map((x) => x.id)).toEqual([p.id]);
    const moved = await call({ method: 'PATCH', url: `/people/${p.id}`, body: { role: 'contact', externalId: null }, claims: organizer, headers: { 'if-match': '"2"' } });
    expect(moved.status).toBe(200);
    expect(await tokensOf(p.id)).toEqual([`n${t}@x.org`, `name`, `new${t}`].sort());
    expect((await search(`q=new${t}&role=contact`)).map((x) => x.id)).toEqual([p.id]);
    expect(await search(`q=new${t}&role=guest`)).toEqual([]);
    expect(await search(`q=old${t}`)).toEqual([]);
    expect((await search(`q=new${t}`)).map((x) => x.id)).toEqual([p.id]);
    expect((await call({ method: 'DELETE', url: `/people/${p.id}`, claims: organizer })).status).toBe(204);
    expect(await tokensOf(p.id)).toEqual([]);
    expect(await search(`q=new${t}`)).toEqual([]);
  });

  it('follows names changed by an import, several people a transaction', async () => {
    const t = tag();
    const rows = Array.from({ length: 40 }, (_, i) => ({ externalId: `IM-${t}-${i}`, name: `Before${t} ${i}`, role: 'guest' }));
    expect(await importRows(ctx(), rows)).toMatchObject({ created: 40, failed: 0 });
    const changed = await importRows(ctx(), rows.map((r, i) => ({ ...r, name: `After${t} ${i}` })));
    expect(changed).toMatchObject({ created: 0, updated: 40, failed: 0 });
    expect(await search(`q=before${t}`)).toEqual([]);
    expect(await search(`q=after${t}&limit=100`)).toHaveLength(40);
  });
});

describe('party member counters', () => {
  it('stay equal to the real members when racing imports fight over the same new rows', async () => {
    const t = tag();
    const party = await create('/parties', { name: `Raced ${t}`, type: 'ngo', externalId: `RACE-${t}` });
    const rows = Array.from({ length: 60 }, (_, i) => ({ externalId: `R-${t}-${i}`, name: `Racer ${i}`, role: 'guest', partyExternalId: `RACE-${t}` }));
    // Overlapping halves in different orders: chunks collide, fail and are retried row by row.
    const results = await Promise.all([importRows(ctx(), rows), importRows(ctx(), [...rows].reverse()), importRows(ctx(), rows.slice(20, 50))]);
    expect(results.reduce((n, r) => n + r.created, 0)).toBe(60);
    expect(results.flatMap((r) => r.errors).every((e) => e.path === 'externalId')).toBe(true);
    expect(await membersAndCount(party.id)).toEqual({ members: 60, counted: 60 });
  });

  it('stay equal to the real members when an import runs out of time midway', async () => {
    const t = tag();
    const party = await create('/parties', { name: `Cut short ${t}`, type: 'ngo', externalId: `CUT-${t}` });
    const rows = Array.from({ length: 120 }, (_, i) => ({ externalId: `C-${t}-${i}`, name: `Cut ${i}`, role: 'guest', partyExternalId: `CUT-${t}`, email: `c${i}.${t}@x.org` }));
    let calls = 0;
    const result = await importRows(ctx(), rows, { timeLeftMs: () => (calls++ < 3 ? 20_000 : 1_000) });
    expect(result.created).toBeGreaterThan(0);
    expect(result.created).toBeLessThan(120);
    expect(result.failed).toBe(120 - result.created);
    expect(result.errors[0]?.message).toMatch(/ran out of time/);
    expect(await membersAndCount(party.id)).toEqual({ members: result.created, counted: result.created });

    // Sent again, the rest land and the counter follows; moving people out counts them out.
    const again = await importRows(ctx(), rows);
    expect(again).toMatchObject({ created: 120 - result.created, unchanged: result.created, failed: 0 });
    const other = await create('/parties', { name: `Elsewhere ${t}`, type: 'ngo', externalId: `ELSE-${t}` });
    await importRows(ctx(), rows.slice(0, 30).map((r) => ({ ...r, partyExternalId: `ELSE-${t}` })));
    expect(await membersAndCount(party.id)).toEqual({ members: 90, counted: 90 });
    expect(await membersAndCount(other.id)).toEqual({ members: 30, counted: 30 });
  });

  it('let a party go only when nobody belongs to it, whether a join races the delete or not', async () => {
    const t = tag();
    const party = await create('/parties', { name: `Emptied ${t}`, type: 'media' });
    const member = await create('/people', { name: `Member ${t}`, role: 'guest', partyId: party.id });
    expect((await call({ method: 'DELETE', url: `/parties/${party.id}`, claims: organizer })).status).toBe(409);
    expect((await call({ method: 'DELETE', url: `/people/${member.id}`, claims: organizer })).status).toBe(204);
    const [deleted, joined] = await Promise.all([
      call({ method: 'DELETE', url: `/parties/${party.id}`, claims: organizer }),
      call({ method: 'POST', url: '/people', body: { name: `Joiner ${t}`, role: 'guest', partyId: party.id }, claims: organizer }),
    ]);
    // Either the party went first and the join was refused, or the join landed and the delete was refused.
    expect([deleted.status, joined.status].sort()).toEqual(deleted.status === 204 ? [204, 422] : [201, 409]);
    if (deleted.status === 409) expect(await membersAndCount(party.id)).toEqual({ members: 1, counted: 1 });
  });
});
