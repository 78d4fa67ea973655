// /tickets routes: parse → authorise → domain → store → answer.
import type { Ticket, TicketDetail, TicketMove } from '@liaison/contracts';
import { getParty, getPerson, getProfile, assignmentsOfPerson } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { ConflictError, ForbiddenError, ValidationError, type FieldError } from '@liaison/kit/errors';
import { makeEvent } from '../events';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler } from '@liaison/kit/http/service';
import { newId } from '@liaison/kit/ids';
import { origin } from '@liaison/kit/store-context';
import type { Principal } from '@liaison/kit/http/auth';
import { routeTicket } from '../domain/assignment';
import { applyAssign, applyMove, mayAssign, mayMove, openTicket } from '../domain/workflow';
import type { FeedbackRoutes } from '../routes';
import { addComment, commentsOf, createTicket, listTickets, saveTicket } from '../store/tickets';
import { serves, servesParty, visibleTicket } from './access';
import { actorId, storeContext, table } from './deps';

type R = FeedbackRoutes;

/** The ticket with the comments this caller may read (guests never see internal ones). */
async function detail(p: Principal, t: Ticket): Promise<TicketDetail> {
  const comments = await commentsOf(table, t.id);
  return { ...t, comments: p.role === 'guest' ? comments.filter((c) => !c.internal) : comments };
}

export const createTicketHandler: RouteHandler<R['createTicket']> = async (req) => {
  const p = req.principal;
  const b = req.body;
  const reporterId = b.reporterId ?? p.personId;
  if (!reporterId) throw new ValidationError([{ path: 'reporterId', message: 'name the person the ticket is for' }]);
  if (p.role === 'guest' && reporterId !== p.personId) throw new ForbiddenError('A guest files tickets only for themselves');

  const reporter = await getPerson(table, reporterId, { consistent: true });
  const errors: FieldError[] = [];
  if (!reporter) errors.push({ path: 'reporterId', message: `no person ${reporterId} in this event` });
  let partyId = reporter?.partyId ?? null;
  if (b.partyId !== undefined && b.partyId !== null) {
    const party = await getParty(table, b.partyId, { consistent: true });
    if (!party) errors.push({ path: 'partyId', message: `no party ${b.partyId} in this event` });
    else if (reporter && reporter.partyId !== b.partyId) errors.push({ path: 'partyId', message: `${reporterId} is not a member of party ${b.partyId}` });
    partyId = b.partyId;
  } else if (b.partyId === null && reporter?.partyId) {
    errors.push({ path: 'partyId', message: `${reporterId} belongs to party ${reporter.partyId}` });
  }
  if (errors.length > 0 || !reporter) throw new ValidationError(errors);
  if (p.role === 'lo' && reporter.id !== p.personId && !(await serves(p.personId as string, reporter))) {
    throw new ForbiddenError('An LO files tickets only for the people and parties assigned to them');
  }

  const at = clock.iso();
  const [assignments, profile] = await Promise.all([assignmentsOfPerson(table, { id: reporter.id, partyId }, Date.parse(at)), getProfile(table)]);
  const routing = routeTicket({ reporterId: reporter.id, partyId }, assignments, at);
  const ticket = openTicket({ id: newId('tkt'), kind: b.kind, category: b.category, severity: b.severity, subject: b.subject, body: b.body, reporterId: reporter.id, partyId, by: actorId(p), at, routing, sla: profile?.sla });
  const ctx = storeContext(req);
  // An emergency goes out like any ticket: in the write's own transaction, published right after the commit.
  await createTicket(ctx, ticket, [makeEvent('ticket.created', { ticket, body: ticket.body, by: actorId(p) }, origin(ctx))]);
  return { status: 201, body: { ...ticket, comments: [] }, version: ticket.version, location: `/tickets/${ticket.id}` };
};

export const listTicketsHandler: RouteHandler<R['listTickets']> = async (req) => {
  const p = req.principal;
  const q = { ...req.query, now: clock.iso() };
  if (p.role === 'guest') return { status: 200, body: await listTickets(table, { ...q, reporterId: p.personId as string }) };
  if (p.role === 'lo') {
    const me = p.personId as string;
    if (q.partyId !== undefined) {
      if (!(await servesParty(me, q.partyId))) throw new ForbiddenError(`party ${q.partyId} is not assigned to you`);
    } else {
      if (q.assigneeId !== undefined && q.assigneeId !== me) throw new ForbiddenError('An LO lists the tickets assigned to them, or those of a party assigned to them (partyId)');
      q.assigneeId = me;
    }
  }
  return { status: 200, body: await listTickets(table, q) };
};

export const getTicketHandler: RouteHandler<R['getTicket']> = async (req) => {
  const t = await visibleTicket(req.principal, req.params.ticketId);
  return { status: 200, body: await detail(req.principal, t), version: t.version };
};

const MOVE_EVENTS = { acknowledged: 'ticket.acknowledged', resolved: 'ticket.resolved', reopened: 'ticket.reopened' } as const;

export const moveTicketHandler: RouteHandler<R['moveTicket']> = async (req) => {
  const p = req.principal;
  const { to, note } = req.body;
  const ctx = storeContext(req);
  const moved = await optimistic(req.ifMatch, async () => {
    const t = await visibleTicket(p, req.params.ticketId);
    assertVersion(t.version, req.ifMatch);
    if (!mayMove(p, t, to)) throw new ForbiddenError(forbiddenMove(to));
    const sla = to === 'reopened' ? (await getProfile(table))?.sla : undefined;
    const out = applyMove(t, { to, by: actorId(p), at: clock.iso(), note: note ?? null, sla });
    if (!out.ok) throw new ConflictError(out.refusal.message, out.refusal.clashes);
    const type = MOVE_EVENTS[to as keyof typeof MOVE_EVENTS];
    const events = type ? [makeEvent(type, { ticket: out.ticket, by: actorId(p), note: note ?? null }, origin(ctx))] : [];
    await saveTicket(ctx, out.ticket, t.version, events);
    return out.ticket;
  });
  return { status: 200, body: await detail(p, moved), version: moved.version };
};

function forbiddenMove(to: TicketMove): string {
  return to === 'closed' || to === 'reopened'
    ? `Only the reporter or an organiser may move a ticket to ${to}`
    : `Only the assignee or an organiser may move a ticket to ${to}`;
}

export const commentTicketHandler: RouteHandler<R['commentTicket']> = async (req) => {
  const p = req.principal;
  if (p.role === 'guest' && req.body.internal) throw new ForbiddenError('Internal comments are for staff');
  const t = await visibleTicket(p, req.params.ticketId);
  const ctx = storeContext(req);
  const comment = { id: newId('cmt'), authorId: actorId(p), body: req.body.body, internal: req.body.internal, at: clock.iso() };
  await addComment(ctx, t.id, comment, [makeEvent('ticket.commented', { ticket: t, comment }, origin(ctx))]);
  return { status: 201, body: await detail(p, t), version: t.version };
};

export const assignTicketHandler: RouteHandler<R['assignTicket']> = async (req) => {
  const p = req.principal;
  const { assigneeId, note } = req.body;
  const ctx = storeContext(req);
  const assignee = await getPerson(table, assigneeId, { consistent: true });
  const assigned = await optimistic(req.ifMatch, async () => {
    const t = await visibleTicket(p, req.params.ticketId);
    assertVersion(t.version, req.ifMatch);
    if (!mayAssign(p, t)) throw new ForbiddenError('Only organisers or the current assignee may reassign a ticket');
    if (!assignee || (assignee.role !== 'lo' && assignee.role !== 'organizer')) {
      throw new ValidationError([{ path: 'assigneeId', message: assignee ? `${assigneeId} is not an LO or organiser (role is ${assignee.role})` : `no person ${assigneeId} in this event` }]);
    }
    const out = applyAssign(t, { assigneeId, by: actorId(p), at: clock.iso(), note: note ?? null });
    if (!out.ok) throw new ConflictError(out.refusal.message, out.refusal.clashes);
    const event = makeEvent('ticket.assigned', { ticket: out.ticket, by: actorId(p), note: note ?? null, previousAssigneeId: t.assigneeId }, origin(ctx));
    await saveTicket(ctx, out.ticket, t.version, [event]);
    return out.ticket;
  });
  return { status: 200, body: await detail(p, assigned), version: assigned.version };
};
