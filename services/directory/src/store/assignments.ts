// LO assignments in DynamoDB. What keeps them true under racing requests:
// - each LO's bookings item (@liaison/kit/ddb/bookings: read consistently, written on condition of
//   its sequence number), so two racing bookings cannot both pass the maxParties check;
// - each person an assignment names (its LO, and its target person) counts it in `links`, added in
//   the assignment's own transaction on condition that the person exists. Deleting a person is
//   conditional on the count it read and ends exactly that many assignments, so no assignment can
//   outlive the people it names (an index can lag; the counter is the truth);
// - a party counts its assignments in `assignmentCount`, so a party in use cannot be deleted.
// Ending an assignment touches only what still exists: no ADD or SET recreates a missing item.
import type { Assignment, Envelope } from '@liaison/contracts';
import { toAssignment } from '@liaison/directory-read/records';
import { clock } from '@liaison/kit/clock';
import { addBooking, bookingsRole, dropBookings, readBookings, removeBookings } from '@liaison/kit/ddb/bookings';
import { explain, type Role } from '@liaison/kit/ddb/conflicts';
import { ChangedSinceRead } from '@liaison/kit/ddb/read-again';
import { batchGet, equalsFilter, getItem, queryPage, type Item, type Key, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { addToCounter, putNew, versionedDelete } from '@liaison/kit/ddb/writes';
import { makeEvent } from '../events';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import { origin, type StoreContext } from '@liaison/kit/store-context';
import type { Booking } from '../domain/assignment';
import { keys, partitions } from './keys';

export { toAssignment };

export interface Bookings {
  seq: number;
  bookings: Booking[];
}

export async function getBookings(tableName: string, loId: string): Promise<Bookings> {
  return readBookings<Omit<Booking, 'id'>>(tableName, keys.bookings(loId));
}

export async function findAssignment(tableName: string, id: string): Promise<Assignment | null> {
  const item = await getItem(tableName, keys.assignment(id), true);
  return item ? toAssignment(item) : null;
}

export interface AssignmentQuery {
  loId?: string | undefined;
  partyId?: string | undefined;
  personId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listAssignments(tableName: string, q: AssignmentQuery): Promise<Page<Assignment>> {
  // The narrowest index first (LO, then party, then person); the other criteria filter.
  const [index, partition, filter] = q.loId
    ? (['gsi2', partitions.assignmentsOfLo(q.loId), equalsFilter({ partyId: q.partyId, personId: q.personId })] as const)
    : q.partyId
      ? (['gsi3', partitions.assignmentsOfParty(q.partyId), equalsFilter({ personId: q.personId })] as const)
      : q.personId
        ? (['gsi3', partitions.assignmentsOfPerson(q.personId), undefined] as const)
        : (['gsi1', partitions.allAssignments, undefined] as const);
  const page = await queryPage<Item>({
    tableName,
    index,
    partition,
    limit: q.limit,
    cursor: q.cursor,
    binding: `party=${q.partyId ?? ''}|person=${q.personId ?? ''}`,
    filter,
  });
  return { items: page.items.map(toAssignment), nextCursor: page.nextCursor };
}

/** Every assignment that names the party or person as its target (read from the index, which can lag). */
export async function assignmentsOfTarget(tableName: string, target: { partyId: string } | { personId: string }): Promise<Assignment[]> {
  const out: Assignment[] = [];
  let cursor: string | undefined;
  do {
    const page = await listAssignments(tableName, { ...target, limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

// ---- links: how many assignments name a person

/** Adds `delta` to a person's `links`, on condition that the person exists (and `condition`). */
function linkItem(tableName: string, personId: string, delta: number, condition?: { expression: string; names: Record<string, string>; values: Record<string, unknown> }): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: keys.person(personId),
      UpdateExpression: 'ADD #links :d',
      ConditionExpression: `attribute_exists(pk)${condition ? ` AND ${condition.expression}` : ''}`,
      ExpressionAttributeNames: { '#links': 'links', ...condition?.names },
      ExpressionAttributeValues: { ':d': delta, ...condition?.values },
    },
  };
}

/** What a person delete must end, read so that the delete can be conditional on it. */
export interface PersonLinks {
  /** The person's `links` as read; null on a person written before links were counted. */
  links: number | null;
  /** The person's own bookings item (as an LO): its sequence number, 0 when there is none. */
  bookingsSeq: number;
  /** Every assignment naming the person, as LO or as target, read by key. */
  assignments: Assignment[];
}

/**
 * Reads everything that names `personId`: the counter first, then the assignments (exactly from the
 * bookings item for those the person serves as LO; from the index for those that target them), each
 * read again by key. Throws `ChangedSinceRead` while the index has not caught up with the counter.
 */
export async function linksOf(tableName: string, personId: string): Promise<PersonLinks> {
  const item = await getItem(tableName, keys.person(personId), true);
  const links = item && typeof item.links === 'number' ? item.links : null;
  const [own, targeting] = await Promise.all([getBookings(tableName, personId), assignmentsOfTarget(tableName, { personId })]);
  const ids = [...new Set([...own.bookings.map((b) => b.id), ...targeting.map((a) => a.id)])];
  const assignments = (await batchGet(tableName, ids.map(keys.assignment), true)).map(toAssignment).filter((a) => a.loId === personId || a.personId === personId);
  if (links !== null && assignments.length !== links) {
    throw new ChangedSinceRead(`${links} assignment(s) name person ${personId} but ${assignments.length} were found (the index is catching up)`);
  }
  return { links, bookingsSeq: own.seq, assignments };
}

/** The condition on a person's delete that nothing was linked to them since `links` was read. */
export function unchangedLinks(links: number | null): { expression: string; values?: Record<string, unknown> } {
  return links === null ? { expression: 'attribute_not_exists(links)' } : { expression: 'links = :links', values: { ':links': links } };
}

// ---- creating

function bookingOf(a: Assignment): Omit<Booking, 'id'> {
  return { partyId: a.partyId, personId: a.personId, from: a.from, to: a.to };
}

/** Creates an assignment on condition that the LO's bookings are still at `seenSeq` (else `ChangedSinceRead`). */
export async function createAssignment(ctx: StoreContext, a: Assignment, seenSeq: number): Promise<void> {
  const isLo = { expression: '#role = :lo', names: { '#role': 'role' }, values: { ':lo': 'lo' } };
  const servable = { expression: '#role <> :lo AND #role <> :org', names: { '#role': 'role' }, values: { ':lo': 'lo', ':org': 'organizer' } };
  const items: TransactItem[] = [
    putNew(ctx.tableName, {
      ...keys.assignment(a.id),
      gsi1pk: partitions.allAssignments,
      gsi1sk: a.id,
      gsi2pk: partitions.assignmentsOfLo(a.loId),
      gsi2sk: a.id,
      gsi3pk: a.partyId ? partitions.assignmentsOfParty(a.partyId) : partitions.assignmentsOfPerson(a.personId as string),
      gsi3sk: a.id,
      ...a,
    }),
    addBooking(ctx.tableName, keys.bookings(a.loId), seenSeq, a.id, bookingOf(a)),
    linkItem(ctx.tableName, a.loId, 1, isLo),
    a.partyId ? addToCounter(ctx.tableName, keys.party(a.partyId), 'assignmentCount', 1) : linkItem(ctx.tableName, a.personId as string, 1, servable),
  ];
  const roles: Role[] = [
    { kind: 'new' },
    bookingsRole,
    { kind: 'reference', path: 'loId', message: 'is no longer an LO' },
    a.partyId
      ? { kind: 'reference', path: 'partyId', message: 'no such party' }
      : { kind: 'reference', path: 'personId', message: 'no such guest or contact' },
  ];
  await commitWithEvents(ctx, items, [makeEvent('assignment.created', { assignment: a }, origin(ctx))], explain(roles));
}

// ---- ending

/** The transaction items, their roles and the events that end `assignments`. */
export interface Ending {
  items: TransactItem[];
  roles: Role[];
  events: Envelope[];
}

/**
 * What ending `assignments` writes, decided on what exists now (read consistently): each is deleted on
 * its version; the LOs' bookings, the people's links and the parties' counters that still exist are
 * fixed (on condition that they still do: a `changed` role), and those that are gone are left gone.
 * `deleting`: a person being deleted in the same transaction, whose own items are not updated (their
 * bookings item is dropped, on condition of `bookingsSeq`).
 */
export async function endingOf(ctx: StoreContext, assignments: Assignment[], deleting?: { personId: string; bookingsSeq: number }): Promise<Ending> {
  const gone = deleting?.personId;
  const links = new Map<string, number>();
  const bookings = new Map<string, string[]>();
  const parties = new Map<string, number>();
  for (const a of assignments) {
    if (a.loId !== gone) {
      links.set(a.loId, (links.get(a.loId) ?? 0) - 1);
      bookings.set(a.loId, [...(bookings.get(a.loId) ?? []), a.id]);
    }
    if (a.personId && a.personId !== gone) links.set(a.personId, (links.get(a.personId) ?? 0) - 1);
    if (a.partyId) parties.set(a.partyId, (parties.get(a.partyId) ?? 0) - 1);
  }
  const existing = await presentItems(ctx.tableName, [
    ...[...links.keys()].map(keys.person),
    ...[...bookings.keys()].map(keys.bookings),
    ...[...parties.keys()].map(keys.party),
  ]);
  const changed: Role = { kind: 'changed', what: 'an item the assignment names' };
  const out: Ending = { items: [], roles: [], events: [] };
  const endedAt = clock.iso();
  for (const a of assignments) {
    out.items.push(versionedDelete(ctx.tableName, keys.assignment(a.id), a.version));
    out.roles.push({ kind: 'versioned', expected: a.version });
    out.events.push(makeEvent('assignment.ended', { assignment: a, endedAt }, origin(ctx)));
  }
  for (const [loId, ids] of bookings) {
    if (!existing.has(keyOf(keys.bookings(loId)))) continue;
    out.items.push(removeBookings(ctx.tableName, keys.bookings(loId), ids));
    out.roles.push(bookingsRole);
  }
  for (const [personId, delta] of links) {
    // A person written before links were counted has none to take from.
    if (typeof existing.get(keyOf(keys.person(personId)))?.links !== 'number') continue;
    out.items.push(linkItem(ctx.tableName, personId, delta));
    out.roles.push(changed);
  }
  for (const [partyId, delta] of parties) {
    if (!existing.has(keyOf(keys.party(partyId)))) continue;
    out.items.push(addToCounter(ctx.tableName, keys.party(partyId), 'assignmentCount', delta));
    out.roles.push(changed);
  }
  if (deleting && deleting.bookingsSeq > 0) {
    out.items.push(dropBookings(ctx.tableName, keys.bookings(deleting.personId), deleting.bookingsSeq));
    out.roles.push(bookingsRole);
  }
  return out;
}

function keyOf(k: Key): string {
  return `${k.pk}\u0000${k.sk}`;
}

async function presentItems(tableName: string, wanted: Key[]): Promise<Map<string, Item>> {
  const found = await batchGet(tableName, wanted, true);
  return new Map(found.map((item) => [keyOf({ pk: item.pk as string, sk: item.sk as string }), item]));
}

export async function endAssignment(ctx: StoreContext, a: Assignment): Promise<void> {
  const { items, roles, events } = await endingOf(ctx, [a]);
  await commitWithEvents(ctx, items, events, explain(roles));
}
