// The read-only way into the directory for every other service: people, parties, LO assignments
// in force, and the event profile, each by key or index (never Scan). Writes stay with the directory.
import type { Assignment, EventProfile, Party, Person } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { batchGet, getItem, queryPage, type Item, type Page } from '@liaison/kit/ddb/table';
import { readKeys, readPartitions } from './keys';
import { toAssignment, toParty, toPerson, toProfile } from './records';

export { readKeys, readPartitions } from './keys';
export { toAssignment, toParty, toPerson, toProfile } from './records';
export { callerResolver, roleOfPerson, type CallerResolverOptions } from './caller';

export async function getPerson(tableName: string, id: string, opts: { consistent?: boolean } = {}): Promise<Person | null> {
  const item = await getItem(tableName, readKeys.person(id), opts.consistent ?? false);
  return item ? toPerson(item) : null;
}

/** The people among `ids` who exist, in the order of `ids` (unknown ids are left out). */
export async function getPeople(tableName: string, ids: string[], opts: { consistent?: boolean } = {}): Promise<Person[]> {
  const found = new Map((await batchGet(tableName, ids.map(readKeys.person), opts.consistent ?? false)).map((item) => [item.id as string, toPerson(item)]));
  return [...new Set(ids)].flatMap((id) => found.get(id) ?? []);
}

export async function getParty(tableName: string, id: string, opts: { consistent?: boolean } = {}): Promise<Party | null> {
  const item = await getItem(tableName, readKeys.party(id), opts.consistent ?? false);
  return item ? toParty(item) : null;
}

/** The parties among `ids` that exist, in the order of `ids`. */
export async function getParties(tableName: string, ids: string[]): Promise<Party[]> {
  const found = new Map((await batchGet(tableName, ids.map(readKeys.party))).map((item) => [item.id as string, toParty(item)]));
  return [...new Set(ids)].flatMap((id) => found.get(id) ?? []);
}

/** The assignments among `ids` that exist (not ended), in the order of `ids`. */
export async function getAssignments(tableName: string, ids: string[], opts: { consistent?: boolean } = {}): Promise<Assignment[]> {
  const found = new Map((await batchGet(tableName, ids.map(readKeys.assignment), opts.consistent ?? false)).map((item) => [item.id as string, toAssignment(item)]));
  return [...new Set(ids)].flatMap((id) => found.get(id) ?? []);
}

/** One page of a party's members, by name. */
export async function peopleOfParty(tableName: string, partyId: string, page: { limit?: number; cursor?: string } = {}): Promise<Page<Person>> {
  const out = await queryPage<Item>({ tableName, index: 'gsi2', partition: readPartitions.peopleOfParty(partyId), limit: page.limit ?? 100, cursor: page.cursor });
  return { items: out.items.map(toPerson), nextCursor: out.nextCursor };
}

/** Every item of a paged reader (`(cursor) => allPeople(table, { cursor })`), page after page. */
export async function allPages<T>(read: (cursor: string | undefined) => Promise<Page<T>>): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** One page of everyone in the event, by name. */
export async function allPeople(tableName: string, page: { limit?: number; cursor?: string } = {}): Promise<Page<Person>> {
  const out = await queryPage<Item>({ tableName, index: 'gsi1', partition: readPartitions.allPeople, limit: page.limit ?? 100, cursor: page.cursor });
  return { items: out.items.map(toPerson), nextCursor: out.nextCursor };
}

/** One page of the people with a role (`organizer`, `lo`, `guest`, `contact`), by name. */
export async function peopleWithRole(tableName: string, role: Person['role'], page: { limit?: number; cursor?: string } = {}): Promise<Page<Person>> {
  const out = await queryPage<Item>({ tableName, index: 'gsi3', partition: readPartitions.peopleWithRole(role), limit: page.limit ?? 100, cursor: page.cursor });
  return { items: out.items.map(toPerson), nextCursor: out.nextCursor };
}

/** The event profile with its settings' defaults applied, or null before the first `PUT /event`. */
export async function getProfile(tableName: string, opts: { consistent?: boolean } = {}): Promise<EventProfile | null> {
  const item = await getItem(tableName, readKeys.profile(), opts.consistent ?? false);
  return item ? toProfile(item) : null;
}

/** Half-open [from, to); a null end is open. */
export function inForce(a: Pick<Assignment, 'from' | 'to'>, atMs: number): boolean {
  return (a.from === null || Date.parse(a.from) <= atMs) && (a.to === null || atMs < Date.parse(a.to));
}

async function allOfPartition(tableName: string, index: 'gsi2' | 'gsi3', partition: string): Promise<Assignment[]> {
  const out: Assignment[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<Item>({ tableName, index, partition, limit: 200, cursor });
    out.push(...page.items.map(toAssignment));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** Assignments of LOs to a party in force at `atMs` (default: now, by the clock module). */
export async function assignmentsOfParty(tableName: string, partyId: string, atMs = clock.nowMs()): Promise<Assignment[]> {
  return (await allOfPartition(tableName, 'gsi3', readPartitions.assignmentsOfParty(partyId))).filter((a) => inForce(a, atMs));
}

/** Assignments an LO holds in force at `atMs` (default: now). */
export async function assignmentsOfLo(tableName: string, loId: string, atMs = clock.nowMs()): Promise<Assignment[]> {
  return (await allOfPartition(tableName, 'gsi2', readPartitions.assignmentsOfLo(loId))).filter((a) => inForce(a, atMs));
}

/**
 * Assignments serving `person` in force at `atMs` (default: now): those naming them, and those of
 * their party. Pass the person when you have it, to save a read.
 */
export async function assignmentsOfPerson(tableName: string, person: string | Pick<Person, 'id' | 'partyId'>, atMs = clock.nowMs()): Promise<Assignment[]> {
  const who = typeof person === 'string' ? await getPerson(tableName, person) : person;
  const personId = typeof person === 'string' ? person : person.id;
  const [direct, viaParty] = await Promise.all([
    allOfPartition(tableName, 'gsi3', readPartitions.assignmentsOfPerson(personId)),
    who?.partyId ? allOfPartition(tableName, 'gsi3', readPartitions.assignmentsOfParty(who.partyId)) : Promise.resolve([]),
  ]);
  return [...direct, ...viaParty].filter((a) => inForce(a, atMs)).sort((a, b) => a.id.localeCompare(b.id));
}

/** The LOs serving `person` at `atMs` (default: now), directly or through their party, by name. */
export async function losOf(tableName: string, person: string | Pick<Person, 'id' | 'partyId'>, atMs = clock.nowMs()): Promise<Person[]> {
  const assignments = await assignmentsOfPerson(tableName, person, atMs);
  const los = await getPeople(tableName, [...new Set(assignments.map((a) => a.loId))]);
  return los.sort((a, b) => a.name.localeCompare(b.name));
}
