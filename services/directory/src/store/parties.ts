// Parties in DynamoDB: items, guards on externalId, member and assignment counters, events.
import type { Party } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { batchGet, getItem, queryPage, type Item, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { claimUnique, putNew, releaseUnique, versionedDelete, versionedUpdate } from '@liaison/kit/ddb/writes';
import { ConflictError } from '@liaison/kit/errors';
import { makeEvent } from '@liaison/kit/events/envelope';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import { newId } from '@liaison/kit/ids';
import { nameKey } from '../domain/text';
import { explain, type Role } from './conflicts';
import { origin, type StoreContext } from './context';
import { keys, partitions } from './keys';

export type PartyFields = Omit<Party, 'id' | 'version' | 'createdAt' | 'updatedAt'>;
export const PARTY_FIELDS = ['name', 'type', 'country', 'protocolLevel', 'language', 'externalId', 'notes'] as const satisfies readonly (keyof PartyFields)[];

function indexAttributes(p: Pick<Party, 'id' | 'name' | 'type'>) {
  const sort = nameKey(p.name, p.id);
  return { gsi1pk: partitions.allParties, gsi1sk: sort, gsi2pk: partitions.partiesOfType(p.type), gsi2sk: sort };
}

export function toParty(item: Item): Party {
  return {
    id: item.id as string,
    name: item.name as string,
    type: item.type as Party['type'],
    country: (item.country as string | null) ?? null,
    protocolLevel: item.protocolLevel as Party['protocolLevel'],
    language: (item.language as Party['language']) ?? null,
    externalId: (item.externalId as string | null) ?? null,
    notes: (item.notes as string | null) ?? null,
    version: item.version as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

/** A party and its counters (kept on the same item, outside the party's version). */
export interface StoredParty {
  party: Party;
  memberCount: number;
  assignmentCount: number;
}

export async function findParty(tableName: string, id: string, consistent = false): Promise<StoredParty | null> {
  const item = await getItem(tableName, keys.party(id), consistent);
  if (!item) return null;
  return { party: toParty(item), memberCount: Number(item.memberCount ?? 0), assignmentCount: Number(item.assignmentCount ?? 0) };
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
  const items: TransactItem[] = [putNew(ctx.tableName, { ...keys.party(id), ...indexAttributes(party), ...party, memberCount: 0, assignmentCount: 0 })];
  const roles: Role[] = [{ kind: 'new' }];
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
  if (party.externalId) items.push(releaseUnique(ctx.tableName, keys.partyExternalId(party.externalId), party.id));
  await commitWithEvents(ctx, items, [makeEvent('party.deleted', { party }, origin(ctx))], (reasons) => {
    const old = reasons[0]?.item;
    if (reasons[0]?.code !== 'ConditionalCheckFailed' || !old) return null;
    if (old.version !== party.version) return explain([{ kind: 'versioned', expected: party.version }])(reasons);
    return partyInUse(party.id, { memberCount: Number(old.memberCount ?? 0), assignmentCount: Number(old.assignmentCount ?? 0) });
  });
}

function partyInUse(id: string, p: { memberCount: number; assignmentCount: number }): ConflictError {
  const clashes = [];
  if (p.memberCount > 0) clashes.push({ kind: 'has_members', message: `${p.memberCount} person(s) belong to this party; move or remove them first`, refs: [id] });
  if (p.assignmentCount > 0) clashes.push({ kind: 'has_assignments', message: `${p.assignmentCount} LO assignment(s) name this party; end them first`, refs: [id] });
  return new ConflictError('The party is still in use', clashes);
}
