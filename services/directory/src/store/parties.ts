// Parties in DynamoDB: items, guards on externalId, member counter shards (store/members.ts) and the
// assignment counter, events.
import type { Party } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { batchGet, queryPage, type Item, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { claimUnique, putNew, releaseUnique, versionedDelete, versionedUpdate } from '@liaison/kit/ddb/writes';
import { ConflictError } from '@liaison/kit/errors';
import { makeEvent } from '../events';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import { newId } from '@liaison/kit/ids';
import { toParty } from '@liaison/directory-read/records';
import { nameKey } from '../domain/text';
import { explain, type Role } from '@liaison/kit/ddb/conflicts';
import { origin, type StoreContext } from '@liaison/kit/store-context';
import { keys, partitions } from './keys';
import { MEMBER_SHARD_PREFIX } from './derived-keys';
import { dropShardItems, newShardItems, shardsOf, sumOf } from './members';

export { toParty };

export type PartyFields = Omit<Party, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export const PARTY_FIELDS = ['name', 'type', 'country', 'protocolLevel', 'language', 'externalId', 'notes'] as const satisfies readonly (keyof PartyFields)[];

function indexAttributes(p: Pick<Party, 'id' | 'name' | 'type'>) {
  const sort = nameKey(p.name, p.id);
  return { gsi1pk: partitions.allParties, gsi1sk: sort, gsi2pk: partitions.partiesOfType(p.type), gsi2sk: sort };
}

/** A party and its counters (outside the party's version): members summed over their shards, assignments on the party item. */
export interface StoredParty {
  party: Party;
  memberCount: number;
  assignmentCount: number;
  /** The member-count shards as read: shard number → members. */
  memberShards: Map<number, number>;
}

/** The party with its counters, in one query of the party's partition (the party item and its shards). */
export async function findParty(tableName: string, id: string, consistent = false): Promise<StoredParty | null> {
  const key = keys.party(id);
  const out = await ddb.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': key.pk }, ConsistentRead: consistent }));
  const items = (out.Items ?? []) as Item[];
  const item = items.find((i) => i.sk === key.sk);
  if (!item) return null;
  const memberShards = shardsOf(items);
  // A party written before its members were counted in shards kept them on its item.
  const memberCount = Number(item.memberCount ?? 0) + sumOf(memberShards);
  return { party: toParty(item), memberCount, assignmentCount: Number(item.assignmentCount ?? 0), memberShards };
}

export function partyFieldsOf(party: Party): PartyFields {
  return Object.fromEntries(PARTY_FIELDS.map((f) => [f, party[f]])) as PartyFields;
}

/** Party ids by party externalId (imports). */
export async function partiesByExternalId(tableName: string, externalIds: string[]): Promise<Map<string, string>> {
  const guards = await batchGet(tableName, externalIds.map(keys.partyExternalId), true);
  return new Map(guards.map((g) => [(g.pk as string).slice('UNIQUE#PARTY#EXTERNALID#'.length), g.ownerId as string]));
}

export async function listParties(tableName: string, q: { type?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<Party>> {
  const page = await queryPage<Item>({
    tableName,
    index: q.type ? 'gsi2' : 'gsi1',
    partition: q.type ? partitions.partiesOfType(q.type) : partitions.allParties,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: page.items.map(toParty), nextCursor: page.nextCursor };
}

export async function createParty(ctx: StoreContext, fields: PartyFields): Promise<Party> {
  const id = newId('pty');
  const now = clock.iso();
  const party: Party = { id, ...fields, version: 1, createdAt: now, updatedAt: now };
  const items: TransactItem[] = [putNew(ctx.tableName, { ...keys.party(id), ...indexAttributes(party), ...party, assignmentCount: 0 }), ...newShardItems(ctx.tableName, id)];
  const roles: Role[] = [{ kind: 'new' }, ...items.slice(1).map((): Role => ({ kind: 'other' }))];
  if (party.externalId) {
    items.push(claimUnique(ctx.tableName, keys.partyExternalId(party.externalId), id, 'party.externalId'));
    roles.push({ kind: 'unique', path: 'externalId', what: `externalId "${party.externalId}"` });
  }
  await commitWithEvents(ctx, items, [makeEvent('party.created', { party }, origin(ctx))], explain(roles));
  return party;
}

export async function updateParty(ctx: StoreContext, before: Party, fields: PartyFields, changed: string[]): Promise<Party> {
  const after: Party = { ...before, ...fields, version: before.version + 1, updatedAt: clock.iso() };
  const items: TransactItem[] = [
    versionedUpdate(ctx.tableName, keys.party(before.id), before.version, {
      ...fields,
      ...indexAttributes(after),
      updatedAt: after.updatedAt,
    }),
  ];
  const roles: Role[] = [{ kind: 'versioned', expected: before.version }];
  if (before.externalId !== after.externalId) {
    if (before.externalId) {
      items.push(releaseUnique(ctx.tableName, keys.partyExternalId(before.externalId), before.id));
      roles.push({ kind: 'other' });
    }
    if (after.externalId) {
      items.push(claimUnique(ctx.tableName, keys.partyExternalId(after.externalId), before.id, 'party.externalId'));
      roles.push({ kind: 'unique', path: 'externalId', what: `externalId "${after.externalId}"` });
    }
  }
  await commitWithEvents(ctx, items, [makeEvent('party.updated', { before, after, changed }, origin(ctx))], explain(roles));
  return after;
}

/** Deletes a party that nobody belongs to and no LO is assigned to. */
export async function deleteParty(ctx: StoreContext, stored: StoredParty): Promise<void> {
  const { party } = stored;
  if (stored.memberCount > 0 || stored.assignmentCount > 0) throw partyInUse(party.id, stored);
  const items: TransactItem[] = [
    versionedDelete(ctx.tableName, keys.party(party.id), party.version, {
      expression: '(attribute_not_exists(memberCount) OR memberCount = :zero) AND (attribute_not_exists(assignmentCount) OR assignmentCount = :zero)',
      values: { ':zero': 0 },
    }),
  ];
  // Each shard must still hold what was read (a zero sum): a member added meanwhile cancels the delete.
  items.push(...dropShardItems(ctx.tableName, party.id, stored.memberShards).items);
  if (party.externalId) items.push(releaseUnique(ctx.tableName, keys.partyExternalId(party.externalId), party.id));
  await commitWithEvents(ctx, items, [makeEvent('party.deleted', { party }, origin(ctx))], (reasons) => {
    const old = reasons[0]?.item;
    if (reasons[0]?.code === 'ConditionalCheckFailed' && old) {
      if (old.version !== party.version) return explain([{ kind: 'versioned', expected: party.version }])(reasons);
      return partyInUse(party.id, { memberCount: Number(old.memberCount ?? 0), assignmentCount: Number(old.assignmentCount ?? 0) });
    }
    const shardMoved = reasons.slice(1).some((r) => r.code === 'ConditionalCheckFailed' && r.item?.sk !== undefined && String(r.item.sk).startsWith(MEMBER_SHARD_PREFIX));
    if (shardMoved) return new ConflictError('The party is still in use', [{ kind: 'has_members', message: 'someone joined this party meanwhile; move or remove them first', refs: [party.id] }]);
    return null;
  });
}

function partyInUse(id: string, p: { memberCount: number; assignmentCount: number }): ConflictError {
  const clashes = [];
  if (p.memberCount > 0) clashes.push({ kind: 'has_members', message: `${p.memberCount} person(s) belong to this party; move or remove them first`, refs: [id] });
  if (p.assignmentCount > 0) clashes.push({ kind: 'has_assignments', message: `${p.assignmentCount} LO assignment(s) name this party; end them first`, refs: [id] });
  return new ConflictError('The party is still in use', clashes);
}
