// People in DynamoDB: items with their index keys and search text, guards on externalId and email,
// the party member counters, and person.* events.
import type { Envelope, Person } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { allOf, batchGet, containsFilter, equalsFilter, getItem, queryPage, transact, type Item, type Key, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { addToCounter, claimUnique, putNew, releaseUnique, versionedDelete, versionedUpdate } from '@liaison/kit/ddb/writes';
import { makeEvent } from '@liaison/kit/events/envelope';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import { newId } from '@liaison/kit/ids';
import type { PersonFields } from '../domain/person';
import { nameKey, searchNeedle, searchText } from '../domain/text';
import { explain, type Role } from './conflicts';
import { origin, type StoreContext } from './context';
import { keys, partitions } from './keys';

function indexAttributes(p: PersonFields & { id: string }) {
  const sort = nameKey(p.name, p.id);
  return {
    gsi1pk: partitions.allPeople,
    gsi1sk: sort,
    gsi2pk: p.partyId ? partitions.peopleOfParty(p.partyId) : undefined,
    gsi2sk: p.partyId ? sort : undefined,
    gsi3pk: partitions.peopleWithRole(p.role),
    gsi3sk: sort,
    search: searchText(p),
  };
}

export function toPerson(item: Item): Person {
  return {
    id: item.id as string,
    name: item.name as string,
    role: item.role as Person['role'],
    partyId: (item.partyId as string | null) ?? null,
    title: (item.title as string | null) ?? null,
    phone: (item.phone as string | null) ?? null,
    email: (item.email as string | null) ?? null,
    language: item.language as Person['language'],
    consent: (item.consent as Person['consent']) ?? { sms: false, email: false },
    needs: (item.needs as Person['needs']) ?? {},
    arrival: (item.arrival as Person['arrival']) ?? null,
    departure: (item.departure as Person['departure']) ?? null,
    externalId: (item.externalId as string | null) ?? null,
    maxParties: (item.maxParties as number | null) ?? null,
    languages: (item.languages as string[] | null) ?? null,
    version: item.version as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

export async function findPerson(tableName: string, id: string, consistent = false): Promise<Person | null> {
  const item = await getItem(tableName, keys.person(id), consistent);
  return item ? toPerson(item) : null;
}

export async function getPeople(tableName: string, ids: string[]): Promise<Person[]> {
  const items = await batchGet(tableName, ids.map((id) => keys.person(id)));
  return items.map(toPerson);
}

export interface PeopleQuery {
  partyId?: string | undefined;
  role?: string | undefined;
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Picks the narrowest index (party, then role, then all) and filters the rest. */
export async function listPeople(tableName: string, q: PeopleQuery): Promise<Page<Person>> {
  const [index, partition] = q.partyId
    ? (['gsi2', partitions.peopleOfParty(q.partyId)] as const)
    : q.role
      ? (['gsi3', partitions.peopleWithRole(q.role)] as const)
      : (['gsi1', partitions.allPeople] as const);
  const page = await queryPage<Item>({
    tableName,
    index,
    partition,
    limit: q.limit,
    cursor: q.cursor,
    binding: `role=${q.role ?? ''}|q=${q.q ?? ''}`,
    filter: allOf(q.partyId ? equalsFilter({ role: q.role }) : undefined, q.q ? containsFilter('search', searchNeedle(q.q)) : undefined),
  });
  return { items: page.items.map(toPerson), nextCursor: page.nextCursor };
}

// ---- creating

export function buildPerson(fields: PersonFields): Person {
  const now = clock.iso();
  return { id: newId('per'), ...fields, version: 1, createdAt: now, updatedAt: now };
}

/** The transaction items and their roles for one new person (without party counters). */
function createItems(tableName: string, person: Person): { items: TransactItem[]; roles: Role[] } {
  const items: TransactItem[] = [putNew(tableName, { ...keys.person(person.id), ...indexAttributes(person), ...person })];
  const roles: Role[] = [{ kind: 'new' }];
  if (person.externalId) {
    items.push(claimUnique(tableName, keys.personExternalId(person.externalId), person.id, 'person.externalId'));
    roles.push({ kind: 'unique', path: 'externalId', what: `externalId "${person.externalId}"` });
  }
  if (person.email) {
    items.push(claimUnique(tableName, keys.personEmail(person.email), person.id, 'person.email'));
    roles.push({ kind: 'unique', path: 'email', what: 'this email' });
  }
  return { items, roles };
}

function memberCounters(tableName: string, deltas: Map<string, number>): { items: TransactItem[]; roles: Role[] } {
  const items: TransactItem[] = [];
  const roles: Role[] = [];
  for (const [partyId, delta] of deltas) {
    if (delta === 0) continue;
    items.push(addToCounter(tableName, keys.party(partyId), 'memberCount', delta));
    roles.push({ kind: 'reference', path: 'partyId', message: `party ${partyId} does not exist` });
  }
  return { items, roles };
}

/**
 * Creates people in one transaction: each takes up to 3 items (person, externalId and email guards),
 * plus a counter per party and the outbox entry, within DynamoDB's 100 items a transaction.
 * `countedAhead`: the caller already added these people to their parties' member counters (imports
 * do, so that parallel transactions do not all touch one party item).
 */
export async function createPeople(ctx: StoreContext, people: Person[], opts: { countedAhead?: boolean } = {}): Promise<void> {
  const items: TransactItem[] = [];
  const roles: Role[] = [];
  const deltas = new Map<string, number>();
  const events: Envelope[] = [];
  for (const person of people) {
    const built = createItems(ctx.tableName, person);
    items.push(...built.items);
    roles.push(...built.roles);
    if (person.partyId && !opts.countedAhead) deltas.set(person.partyId, (deltas.get(person.partyId) ?? 0) + 1);
    events.push(makeEvent('person.created', { person }, origin(ctx)));
  }
  const counters = memberCounters(ctx.tableName, deltas);
  await commitWithEvents(ctx, [...items, ...counters.items], events, explain([...roles, ...counters.roles]));
}

/**
 * Adds to parties' member counters outside any person transaction. Counting ahead is safe: a counter
 * that is too high only keeps a party from being deleted; one too low could orphan people.
 */
export async function addMembers(tableName: string, deltas: Map<string, number>): Promise<void> {
  await Promise.all(
    [...deltas].filter(([, d]) => d !== 0).map(([partyId, delta]) => transact([addToCounter(tableName, keys.party(partyId), 'memberCount', delta)])),
  );
}

// ---- changing

export async function updatePerson(ctx: StoreContext, before: Person, fields: PersonFields, changed: string[]): Promise<Person> {
  const after: Person = { ...before, ...fields, version: before.version + 1, updatedAt: clock.iso() };
  const { items, roles, event } = updateItems(ctx, before, after, changed);
  await commitWithEvents(ctx, items, [event], explain(roles));
  return after;
}

/** Transaction items for one person's change: the versioned update, guard moves and party counters. */
export function updateItems(ctx: StoreContext, before: Person, after: Person, changed: string[]): { items: TransactItem[]; roles: Role[]; event: Envelope } {
  const { id: _id, version: _v, createdAt: _c, ...set } = after;
  const items: TransactItem[] = [versionedUpdate(ctx.tableName, keys.person(before.id), before.version, { ...set, ...indexAttributes(after) })];
  const roles: Role[] = [{ kind: 'versioned', expected: before.version }];
  const guard = (old: string | null, next: string | null, key: (v: string) => Key, kind: string, path: string, what: string) => {
    if (old === next) return;
    if (old) {
      items.push(releaseUnique(ctx.tableName, key(old), before.id));
      roles.push({ kind: 'other' });
    }
    if (next) {
      items.push(claimUnique(ctx.tableName, key(next), before.id, kind));
      roles.push({ kind: 'unique', path, what });
    }
  };
  guard(before.externalId, after.externalId, keys.personExternalId, 'person.externalId', 'externalId', `externalId "${after.externalId}"`);
  guard(before.email, after.email, keys.personEmail, 'person.email', 'email', 'this email');
  if (before.partyId !== after.partyId) {
    const deltas = new Map<string, number>();
    if (before.partyId) deltas.set(before.partyId, -1);
    if (after.partyId) deltas.set(after.partyId, 1);
    const counters = memberCounters(ctx.tableName, deltas);
    items.push(...counters.items);
    roles.push(...counters.roles);
  }
  return { items, roles, event: makeEvent('person.updated', { before, after, changed }, origin(ctx)) };
}

/** Deletes a person with their guards; `extra` are further items of the same change (ended assignments). */
export async function deletePerson(ctx: StoreContext, person: Person, extra: { items: TransactItem[]; events: Envelope[] }): Promise<void> {
  const items: TransactItem[] = [versionedDelete(ctx.tableName, keys.person(person.id), person.version)];
  const roles: Role[] = [{ kind: 'versioned', expected: person.version }];
  if (person.externalId) items.push(releaseUnique(ctx.tableName, keys.personExternalId(person.externalId), person.id));
  if (person.email) items.push(releaseUnique(ctx.tableName, keys.personEmail(person.email), person.id));
  if (person.partyId) items.push(addToCounter(ctx.tableName, keys.party(person.partyId), 'memberCount', -1));
  await commitWithEvents(ctx, [...items, ...extra.items], [...extra.events, makeEvent('person.deleted', { person }, origin(ctx))], explain(roles));
}

// ---- lookups by key (imports)

/** Owners of externalIds and emails: `{ externalId: Map<value, personId>, email: Map<value, personId> }`. */
export async function ownersOf(tableName: string, externalIds: string[], emails: string[]): Promise<{ externalId: Map<string, string>; email: Map<string, string> }> {
  const guards = await batchGet(tableName, [...externalIds.map(keys.personExternalId), ...emails.map(keys.personEmail)], true);
  const externalId = new Map<string, string>();
  const email = new Map<string, string>();
  for (const g of guards) {
    const pk = g.pk as string;
    if (pk.startsWith('UNIQUE#PERSON#EXTERNALID#')) externalId.set(pk.slice('UNIQUE#PERSON#EXTERNALID#'.length), g.ownerId as string);
    else if (pk.startsWith('UNIQUE#PERSON#EMAIL#')) email.set(pk.slice('UNIQUE#PERSON#EMAIL#'.length), g.ownerId as string);
  }
  return { externalId, email };
}
