// LO assignments in DynamoDB. Each LO has a bookings item holding the windows of all their
// assignments; it is read consistently and written on condition of its sequence number, so two
// concurrent bookings of one LO cannot both pass the maxParties check.
import type { Assignment, Envelope } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { equalsFilter, getItem, queryPage, type Item, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { addToCounter, mustExist, putNew, versionedDelete } from '@liaison/kit/ddb/writes';
import { makeEvent } from '@liaison/kit/events/envelope';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import type { Booking } from '../domain/assignment';
import { explain, type Role } from './conflicts';
import { origin, type StoreContext } from './context';
import { keys, partitions } from './keys';

export interface Bookings {
  seq: number;
  bookings: Booking[];
}

export function toAssignment(item: Item): Assignment {
  return {
    id: item.id as string,
    loId: item.loId as string,
    partyId: (item.partyId as string | null) ?? null,
    personId: (item.personId as string | null) ?? null,
    from: (item.from as string | null) ?? null,
    to: (item.to as string | null) ?? null,
    version: item.version as number,
    createdAt: item.createdAt as string,
  };
}

export async function getBookings(tableName: string, loId: string): Promise<Bookings> {
  const item = await getItem(tableName, keys.bookings(loId), true);
  const map = (item?.bookings ?? {}) as Record<string, Omit<Booking, 'id'>>;
  return { seq: Number(item?.seq ?? 0), bookings: Object.entries(map).map(([id, b]) => ({ id, ...b })) };
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

/** Every assignment that names `personId` as its target (read from the index; for deleting a person). */
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

function bookingOf(a: Assignment): Omit<Booking, 'id'> {
  return { partyId: a.partyId, personId: a.personId, from: a.from, to: a.to };
}

export async function createAssignment(ctx: StoreContext, assignment: Assignment, seenSeq: number): Promise<void> {
  const a = assignment;
  const bookingsKey = keys.bookings(a.loId);
  const bookingsWrite: TransactItem =
    seenSeq === 0
      ? {
          Put: {
            TableName: ctx.tableName,
            Item: { ...bookingsKey, seq: 1, bookings: { [a.id]: bookingOf(a) } },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        }
      : {
          Update: {
            TableName: ctx.tableName,
            Key: bookingsKey,
            UpdateExpression: 'SET bookings.#id = :b, seq = :next',
            ConditionExpression: 'seq = :seen',
            ExpressionAttributeNames: { '#id': a.id },
            ExpressionAttributeValues: { ':b': bookingOf(a), ':next': seenSeq + 1, ':seen': seenSeq },
          },
        };
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
    bookingsWrite,
    mustExist(ctx.tableName, keys.person(a.loId), { expression: '#role = :lo', names: { '#role': 'role' }, values: { ':lo': 'lo' } }),
    a.partyId ? addToCounter(ctx.tableName, keys.party(a.partyId), 'assignmentCount', 1) : mustExist(ctx.tableName, keys.person(a.personId as string)),
  ];
  const roles: Role[] = [
    { kind: 'new' },
    { kind: 'other' },
    { kind: 'reference', path: 'loId', message: 'is no longer an LO' },
    a.partyId ? { kind: 'reference', path: 'partyId', message: 'no such party' } : { kind: 'reference', path: 'personId', message: 'no such person' },
  ];
  await commitWithEvents(ctx, items, [makeEvent('assignment.created', { assignment: a }, origin(ctx))], (reasons) => {
    if (reasons[1]?.code === 'ConditionalCheckFailed') return new BookingsChanged();
    return explain(roles)(reasons);
  });
}

/** The LO's bookings changed between read and write: read again and decide again. */
export class BookingsChanged extends Error {}

/** Items that end assignments: delete each, take it off its LO's bookings, fix party counters. */
export function endItems(ctx: StoreContext, assignments: Assignment[], opts: { dropBookingsOf?: string } = {}): { items: TransactItem[]; events: Envelope[] } {
  const items: TransactItem[] = [];
  const events: Envelope[] = [];
  const byLo = new Map<string, string[]>();
  const partyDeltas = new Map<string, number>();
  const endedAt = clock.iso();
  for (const a of assignments) {
    items.push(versionedDelete(ctx.tableName, keys.assignment(a.id), a.version));
    if (a.loId !== opts.dropBookingsOf) byLo.set(a.loId, [...(byLo.get(a.loId) ?? []), a.id]);
    if (a.partyId) partyDeltas.set(a.partyId, (partyDeltas.get(a.partyId) ?? 0) - 1);
    events.push(makeEvent('assignment.ended', { assignment: a, endedAt }, origin(ctx)));
  }
  for (const [loId, ids] of byLo) {
    items.push({
      Update: {
        TableName: ctx.tableName,
        Key: keys.bookings(loId),
        UpdateExpression: `REMOVE ${ids.map((_, i) => `bookings.#b${i}`).join(', ')} ADD seq :one`,
        ExpressionAttributeNames: Object.fromEntries(ids.map((id, i) => [`#b${i}`, id])),
        ExpressionAttributeValues: { ':one': 1 },
      },
    });
  }
  if (opts.dropBookingsOf) items.push({ Delete: { TableName: ctx.tableName, Key: keys.bookings(opts.dropBookingsOf) } });
  for (const [partyId, delta] of partyDeltas) {
    items.push({
      Update: {
        TableName: ctx.tableName,
        Key: keys.party(partyId),
        UpdateExpression: 'ADD assignmentCount :d',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':d': delta },
      },
    });
  }
  return { items, events };
}

export async function endAssignment(ctx: StoreContext, a: Assignment): Promise<void> {
  const { items, events } = endItems(ctx, [a]);
  await commitWithEvents(ctx, items, events, explain([{ kind: 'versioned', expected: a.version }]));
}
