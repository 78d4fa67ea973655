// People in DynamoDB: items with their index keys, guards on externalId and email, search tokens
// (store/search.ts) and party member counters (store/members.ts) in the person's own transaction,
// and person.* events.
import type { Envelope, Person } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { allOf, batchGet, equalsFilter, getItem, queryPage, transact, type Item, type Key, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { claimUnique, putNew, releaseUnique, versionedDelete, versionedUpdate } from '@liaison/kit/ddb/writes';
import { ConflictError, StaleVersionError } from '@liaison/kit/errors';
import { ChangedSinceRead } from '@liaison/kit/ddb/read-again';
import { makeEvent } from '../events';
import { commitWithEvents, outboxEntry, type OutboxEntry } from '@liaison/kit/events/outbox';
import { newId } from '@liaison/kit/ids';
import { toPerson } from '@liaison/directory-read/records';
import type { PersonFields } from '../domain/person';
import { nameKey, searchQuery } from '../domain/text';
import { explain, type Role } from '@liaison/kit/ddb/conflicts';
import { origin, type StoreContext } from '@liaison/kit/store-context';
import { endingOf, unchangedLinks, type PersonLinks } from './assignments';
import { keys, partitions } from './keys';
import { addDelta, memberDeltaItems, pickShard } from './members';
import { searchPeople, searchWrites } from './search';

export { toPerson };

function indexAttributes(p: PersonFields & { id: string }) {
  const sort = nameKey(p.name, p.id);
  return {
    gsi1pk: partitions.allPeople,
    gsi1sk: sort,
    gsi2pk: p.partyId ? partitions.peopleOfParty(p.partyId) : undefined,
    gsi2sk: p.partyId ? sort : undefined,
    gsi3pk: partitions.peopleWithRole(p.role),
    gsi3sk: sort,
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

/** With `q`, reads the search tokens matching it; else picks the narrowest index (party, then role, then all) and filters the rest. */
export async function listPeople(tableName: string, q: PeopleQuery): Promise<Page<Person>> {
  const query = q.q ? searchQuery(q.q) : null;
  if (query) return searchPeople(tableName, query, { ...q, q: q.q as string }, (ids) => getPeople(tableName, ids));
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
    binding: `role=${q.role ?? ''}`,
    filter: allOf(q.partyId ? equalsFilter({ role: q.role }) : undefined),
  });
  return { items: page.items.map(toPerson), nextCursor: page.nextCursor };
}

// ---- creating

export function buildPerson(fields: PersonFields): Person {
  const now = clock.iso();
  return { id: newId('per'), ...fields, version: 1, createdAt: now, updatedAt: now };
}

/** Claims a guard for `ownerId`, carrying `attrs` too (the search tokens it holds). */
function claimGuard(tableName: string, key: Key, ownerId: string, kind: string, attrs: Record<string, unknown>): TransactItem {
  const claim = claimUnique(tableName, key, ownerId, kind);
  return { Put: { ...claim.Put!, Item: { ...claim.Put!.Item, ...attrs } } };
}

/** The transaction items and their roles for one new person (without party counters): person, guards, search tokens. */
export function createItems(tableName: string, person: Person): { items: TransactItem[]; roles: Role[] } {
  const search = searchWrites(tableName, null, person);
  const items: TransactItem[] = [putNew(tableName, { ...keys.person(person.id), ...indexAttributes(person), ...person })];
  const roles: Role[] = [{ kind: 'new' }];
  if (person.externalId) {
    items.push(claimGuard(tableName, keys.personExternalId(person.externalId), person.id, 'person.externalId', search.guardAttributes.externalId));
    roles.push({ kind: 'unique', path: 'externalId', what: `externalId "${person.externalId}"` });
  }
  if (person.email) {
    items.push(claimGuard(tableName, keys.personEmail(person.email), person.id, 'person.email', search.guardAttributes.email));
    roles.push({ kind: 'unique', path: 'email', what: 'this email' });
  }
  return { items: [...items, ...search.items], roles: [...roles, ...search.roles] };
}

/** How a batch of people is written: which member-count shard it adds to, and who publishes its events. */
export interface BatchOptions {
  /** The shard of each party's member counter (default: any). */
  shard?: number;
  /**
   * Takes the outbox entry of the committed batch instead of publishing it inline: an import publishes
   * while it writes on, and what is not published in time is left to the outbox relay (never lost).
   */
  defer?: (entry: OutboxEntry) => void;
}

async function commitBatch(ctx: StoreContext, items: TransactItem[], events: Envelope[], onCancel: ReturnType<typeof explain>, opts: BatchOptions): Promise<void> {
  if (!opts.defer) return commitWithEvents(ctx, items, events, onCancel);
  const { put, entry } = outboxEntry(ctx.tableName, events);
  await transact([...items, put], onCancel);
  opts.defer(entry);
}

/**
 * Creates people in one transaction, with their member counts (in one shard of each party) and their events.
 * The caller keeps it within DynamoDB's 100 items: `createItems` per person, one per party, one outbox entry.
 */
export async function createPeople(ctx: StoreContext, people: Person[], opts: BatchOptions = {}): Promise<void> {
  const items: TransactItem[] = [];
  const roles: Role[] = [];
  const deltas = new Map<string, number>();
  const events: Envelope[] = [];
  for (const person of people) {
    const built = createItems(ctx.tableName, person);
    items.push(...built.items);
    roles.push(...built.roles);
    addDelta(deltas, person.partyId, 1);
    events.push(makeEvent('person.created', { person }, origin(ctx)));
  }
  const counters = memberDeltaItems(ctx.tableName, deltas, opts.shard ?? pickShard());
  await commitBatch(ctx, [...items, ...counters.items], events, explain([...roles, ...counters.roles]), opts);
}

// ---- changing

export interface PersonChange {
  before: Person;
  fields: PersonFields;
  changed: string[];
}

export async function updatePerson(ctx: StoreContext, before: Person, fields: PersonFields, changed: string[]): Promise<Person> {
  const [after] = await updatePeople(ctx, [{ before, fields, changed }]);
  return after as Person;
}

/**
 * Changes people in one transaction, with their member-count moves (in one shard of each party) and events.
 * The caller keeps it within 100 items (`updateItems` per person, one per party, one outbox entry).
 */
export async function updatePeople(ctx: StoreContext, changes: PersonChange[], opts: BatchOptions = {}): Promise<Person[]> {
  const items: TransactItem[] = [];
  const roles: Role[] = [];
  const deltas = new Map<string, number>();
  const events: Envelope[] = [];
  const now = clock.iso();
  const afters = changes.map(({ before, fields, changed }) => {
    const after: Person = { ...before, ...fields, version: before.version + 1, updatedAt: now };
    const built = updateItems(ctx.tableName, before, after);
    items.push(...built.items);
    roles.push(...built.roles);
    if (before.partyId !== after.partyId) {
      addDelta(deltas, before.partyId, -1);
      addDelta(deltas, after.partyId, 1);
    }
    events.push(makeEvent('person.updated', { before, after, changed }, origin(ctx)));
    return after;
  });
  const counters = memberDeltaItems(ctx.tableName, deltas, opts.shard ?? pickShard());
  await commitBatch(ctx, [...items, ...counters.items], events, explain([...roles, ...counters.roles]), opts);
  return afters;
}

/** Transaction items for one person's change (without party counters): the versioned update, guard and token moves. */
export function updateItems(tableName: string, before: Person, after: Person): { items: TransactItem[]; roles: Role[] } {
  const ctx = { tableName };
  const { id: _id, version: _v, createdAt: _c, ...set } = after;
  const items: TransactItem[] = [versionedUpdate(ctx.tableName, keys.person(before.id), before.version, { ...set, ...indexAttributes(after) })];
  const roles: Role[] = [{ kind: 'versioned', expected: before.version }];
  const search = searchWrites(ctx.tableName, before, after);
  const guard = (old: string | null, next: string | null, key: (v: string) => Key, kind: string, path: string, what: string, attrs: Record<string, unknown>) => {
    if (old === next) return;
    if (old) {
      items.push(releaseUnique(ctx.tableName, key(old), before.id));
      roles.push({ kind: 'other' });
    }
    if (next) {
      items.push(claimGuard(ctx.tableName, key(next), before.id, kind, attrs));
      roles.push({ kind: 'unique', path, what });
    }
  };
  guard(before.externalId, after.externalId, keys.personExternalId, 'person.externalId', 'externalId', `externalId "${after.externalId}"`, search.guardAttributes.externalId);
  guard(before.email, after.email, keys.personEmail, 'person.email', 'email', 'this email', search.guardAttributes.email);
  return { items: [...items, ...search.items], roles: [...roles, ...search.roles] };
}

/**
 * Deletes a person with their guards, search tokens and member count, and ends every assignment that
 * names them (`linked`, from `linksOf`), in one transaction that holds only if the person's version
 * and link counter are still those read: an assignment created meanwhile makes it read again.
 */
export async function deletePerson(ctx: StoreContext, person: Person, linked: PersonLinks): Promise<void> {
  const items: TransactItem[] = [versionedDelete(ctx.tableName, keys.person(person.id), person.version, unchangedLinks(linked.links))];
  if (person.externalId) items.push(releaseUnique(ctx.tableName, keys.personExternalId(person.externalId), person.id));
  if (person.email) items.push(releaseUnique(ctx.tableName, keys.personEmail(person.email), person.id));
  if (person.partyId) items.push(...memberDeltaItems(ctx.tableName, new Map([[person.partyId, -1]]), pickShard()).items);
  const ending = await endingOf(ctx, linked.assignments, { personId: person.id, bookingsSeq: linked.bookingsSeq });
  const tokens = searchWrites(ctx.tableName, person, null).items;
  if (items.length + ending.items.length + tokens.length + 1 > 100) {
    throw new ConflictError('This person has too many assignments to remove at once; end some of them first', [{ kind: 'too_many_assignments', message: `${linked.assignments.length} assignments name this person` }]);
  }
  // An assignment of theirs ended meanwhile: read again (not the client's stale version).
  const roles: Role[] = [...items.map((): Role => ({ kind: 'other' })), ...ending.roles.map((r): Role => (r.kind === 'versioned' ? { kind: 'changed', what: 'an assignment of this person' } : r))];
  await commitWithEvents(ctx, [...items, ...ending.items, ...tokens], [...ending.events, makeEvent('person.deleted', { person }, origin(ctx))], (reasons) => {
    const first = reasons[0];
    if (first?.code !== 'ConditionalCheckFailed') return explain(roles)(reasons);
    const version = first.item?.version;
    if (version !== person.version) return new StaleVersionError(person.version, typeof version === 'number' ? version : null);
    return new ChangedSinceRead(`assignments naming person ${person.id} changed`);
  });
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
