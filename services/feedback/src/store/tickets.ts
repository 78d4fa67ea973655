// Tickets and their comments in DynamoDB. A ticket is written whole, as three copies with different
// index keys (see keys.ts), in one transaction with its events: the main copy on condition of the
// version read, so no update is lost and two escalation sweeps cannot both escalate one ticket.
import type { Envelope, Ticket, TicketComment, TicketKind, TicketStatus } from '@liaison/contracts';
import { explain } from '@liaison/kit/ddb/conflicts';
import { getItem, queryPage, equalsFilter, allOf, type Filter, type Item, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { mustExist, putNew } from '@liaison/kit/ddb/writes';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import type { StoreContext } from '@liaison/kit/store-context';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { escalatesAt } from '../domain/escalation';
import { nextDueAt } from '../domain/sla';
import { COMMENT_PREFIX, dueOrder, filedOrder, keys, ticketPartitions as parts } from './keys';
import { queryBelow } from './range';

const TICKET_FIELDS = [
  'id', 'kind', 'category', 'severity', 'subject', 'body', 'reporterId', 'partyId', 'assigneeId', 'status',
  'ackDueAt', 'resolveDueAt', 'escalationLevel', 'history', 'version', 'createdAt', 'updatedAt',
] as const;

export function toTicket(item: Item): Ticket {
  const t = Object.fromEntries(TICKET_FIELDS.map((f) => [f, item[f]])) as unknown as Ticket;
  return { ...t, partyId: t.partyId ?? null, assigneeId: t.assigneeId ?? null };
}

export function toComment(item: Item): TicketComment {
  return { id: item.id as string, authorId: item.authorId as string, body: item.body as string, internal: item.internal === true, at: item.at as string };
}

/** The three copies of a ticket, each with its index keys; sparse keys are left out when they do not apply. */
export function ticketItems(t: Ticket): { main: Item & { pk: string; sk: string }; copies: (Item & { pk: string; sk: string })[] } {
  const order = filedOrder(t);
  const escalates = escalatesAt(t);
  const due = nextDueAt(t);
  // Plain attributes the list filters read (nextDueAt for `overdue=true`).
  const record = { ...t, ...(due ? { nextDueAt: due } : {}) };
  const main = {
    ...keys.ticket(t.id),
    ...record,
    gsi1pk: parts.byStatus(t.status),
    gsi1sk: order,
    gsi2pk: parts.byAssignee(t.assigneeId),
    gsi2sk: order,
    ...(escalates ? { gsi3pk: parts.escalates, gsi3sk: dueOrder(escalates, t.id) } : {}),
  };
  const eventCopy = {
    ...keys.ticketCopy(t.id, 'event'),
    ...record,
    gsi1pk: parts.all,
    gsi1sk: order,
    ...(t.partyId ? { gsi2pk: parts.byParty(t.partyId), gsi2sk: order } : {}),
    gsi3pk: parts.byKind(t.kind),
    gsi3sk: order,
  };
  const peopleCopy = {
    ...keys.ticketCopy(t.id, 'people'),
    ...record,
    gsi1pk: parts.byReporter(t.reporterId),
    gsi1sk: order,
    ...(due ? { gsi2pk: parts.running, gsi2sk: dueOrder(due, t.id) } : {}),
  };
  return { main, copies: [eventCopy, peopleCopy] };
}

export async function findTicket(tableName: string, id: string): Promise<Ticket | null> {
  const item = await getItem(tableName, keys.ticket(id), true);
  return item ? toTicket(item) : null;
}

/** Every comment of a ticket, oldest first. */
export async function commentsOf(tableName: string, ticketId: string): Promise<TicketComment[]> {
  const out: TicketComment[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<Item>({ tableName, partition: parts.partitionOfTicket(ticketId), sortPrefix: COMMENT_PREFIX, limit: 200, cursor });
    out.push(...page.items.map(toComment));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

/** Files a new ticket with its `ticket.created` event. */
export async function createTicket(ctx: StoreContext, t: Ticket, events: Envelope[]): Promise<void> {
  const { main, copies } = ticketItems(t);
  const items: TransactItem[] = [putNew(ctx.tableName, main), ...copies.map((c) => putNew(ctx.tableName, c))];
  await commitWithEvents(ctx, items, events, explain([{ kind: 'new' }]));
}

/** The ticket as it now is, written on condition that it is still at `expectedVersion`; a stale version throws 412's error. */
export function saveTicketItems(tableName: string, t: Ticket, expectedVersion: number): TransactItem[] {
  const { main, copies } = ticketItems(t);
  return [
    {
      Put: {
        TableName: tableName,
        Item: main,
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: { ':expected': expectedVersion },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      },
    },
    ...copies.map((c) => ({ Put: { TableName: tableName, Item: c } })),
  ];
}

export async function saveTicket(ctx: StoreContext, t: Ticket, expectedVersion: number, events: Envelope[]): Promise<void> {
  await commitWithEvents(ctx, saveTicketItems(ctx.tableName, t, expectedVersion), events, explain([{ kind: 'versioned', expected: expectedVersion }]));
}

/** Adds a comment to a ticket that exists (the ticket's version does not move: comments are their own items). */
export async function addComment(ctx: StoreContext, ticketId: string, c: TicketComment, events: Envelope[]): Promise<void> {
  const item = { ...keys.comment(ticketId, c.at, c.id), ticketId, ...c };
  await commitWithEvents(ctx, [putNew(ctx.tableName, item), mustExist(ctx.tableName, keys.ticket(ticketId))], events, explain([{ kind: 'new' }, { kind: 'reference', path: 'ticketId', message: `no ticket ${ticketId}` }]));
}

// ---- lists

export interface TicketQuery {
  status?: TicketStatus | undefined;
  assigneeId?: string | undefined;
  kind?: TicketKind | undefined;
  partyId?: string | undefined;
  /** Only the caller's own tickets (guests). */
  reporterId?: string | undefined;
  overdue?: boolean | undefined;
  /** `overdue` means past this time. */
  now: string;
  limit: number;
  cursor?: string | undefined;
}

function overdueFilter(now: string): Filter {
  return { expression: '#due < :now', names: { '#due': 'nextDueAt' }, values: { ':now': now } };
}

/**
 * One page of tickets, read from the index of the most selective criterion (reporter, assignee,
 * status, party, kind, overdue, else all), the other criteria applied as a filter.
 */
export async function listTickets(tableName: string, q: TicketQuery): Promise<Page<Ticket>> {
  const crit = { status: q.status, assigneeId: q.assigneeId, kind: q.kind, partyId: q.partyId, reporterId: q.reporterId };
  const rest = (used: keyof typeof crit) => allOf(equalsFilter({ ...crit, [used]: undefined }), q.overdue ? overdueFilter(q.now) : undefined);
  const binding = JSON.stringify({ ...crit, overdue: q.overdue ?? false });
  const page = (index: 'gsi1' | 'gsi2' | 'gsi3', partition: string, filter: Filter | undefined) =>
    queryPage<Item>({ tableName, index, partition, filter, limit: q.limit, cursor: q.cursor, binding });

  let out: Page<Item>;
  if (q.reporterId) out = await page('gsi1', parts.byReporter(q.reporterId), rest('reporterId'));
  else if (q.assigneeId) out = await page('gsi2', parts.byAssignee(q.assigneeId), rest('assigneeId'));
  else if (q.status) out = await page('gsi1', parts.byStatus(q.status), rest('status'));
  else if (q.partyId) out = await page('gsi2', parts.byParty(q.partyId), rest('partyId'));
  else if (q.kind) out = await page('gsi3', parts.byKind(q.kind), rest('kind'));
  else if (q.overdue) {
    // Earliest due first, and only what is due: the key condition stops at `now`.
    out = await queryBelow<Item>({ tableName, index: 'gsi2', partition: parts.running, below: q.now, limit: q.limit, cursor: q.cursor, binding });
  } else out = await page('gsi1', parts.all, undefined);
  return { items: out.items.map(toTicket), nextCursor: out.nextCursor };
}

// ---- the escalation sweep's read

export interface DuePage {
  tickets: Ticket[];
  /** Items DynamoDB read for this page (what the sweep pays for). */
  read: number;
  next: Record<string, unknown> | undefined;
}

/** Level-0 tickets with a running timer due before `now`, earliest first: reads nothing that is not due. */
export async function dueForEscalation(tableName: string, now: string, startKey?: Record<string, unknown>, limit = 100): Promise<DuePage> {
  const out = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi3',
      KeyConditionExpression: 'gsi3pk = :p AND gsi3sk < :now',
      ExpressionAttributeValues: { ':p': parts.escalates, ':now': now },
      ExclusiveStartKey: startKey,
      Limit: limit,
    }),
  );
  return { tickets: (out.Items ?? []).map(toTicket), read: out.ScannedCount ?? 0, next: out.LastEvaluatedKey };
}
