// The feedback service's route table: every route of API.md's Feedback section, who may call it, and its schemas.
import { listOf } from '@liaison/kit/http/list';
import { route, type RouteTable } from '@liaison/kit/http/route';
import {
  AssignBody,
  CommentBody,
  CreateTicketBody,
  ListTicketsQuery,
  RateBody,
  Rating,
  RatingSummaryItem,
  SummaryQuery,
  Ticket,
  TicketDetail,
  TicketParams,
  TransitionBody,
} from './schemas';

const ANY = ['organizer', 'lo', 'guest'] as const;
const ORGANIZER = ['organizer'] as const;

export const routes = {
  createTicket: route({
    method: 'POST',
    path: '/tickets',
    summary: 'File a ticket',
    description:
      "Guests file for themselves, LOs for the people assigned to them, organisers for anyone. Assigned at once to the reporter's LO (an assignment in force for the person, else for their party; none: the organisers), with `ackDueAt` and `resolveDueAt` from the severity and the event's SLA.",
    access: ANY,
    body: CreateTicketBody,
    idempotent: true,
    responses: { 201: { description: 'Filed', schema: TicketDetail }, 403: { description: 'Filing for someone the caller may not file for' }, 422: { description: 'Unknown reporter or party' } },
  }),
  listTickets: route({
    method: 'GET',
    path: '/tickets',
    summary: 'List tickets',
    description: 'Guests see their own tickets; an LO sees the tickets assigned to them, or those of a party assigned to them (`partyId`); organisers see all.',
    access: ANY,
    query: ListTicketsQuery,
    responses: { 200: { description: 'A page of tickets', schema: listOf(Ticket) } },
  }),
  getTicket: route({
    method: 'GET',
    path: '/tickets/{ticketId}',
    summary: 'One ticket with its comments and history',
    description: 'Guests see their own tickets without internal comments; an LO sees tickets assigned to them or about the people assigned to them.',
    access: ANY,
    params: TicketParams,
    responses: { 200: { description: 'The ticket', schema: TicketDetail } },
  }),
  moveTicket: route({
    method: 'POST',
    path: '/tickets/{ticketId}/transitions',
    summary: 'Move a ticket through its workflow',
    description:
      'The assignee acknowledges, starts and resolves; the reporter closes or reopens; organisers do anything. A move the workflow does not allow answers 409 naming the allowed ones in `clashes[].refs`.',
    access: ANY,
    params: TicketParams,
    body: TransitionBody,
    responses: { 200: { description: 'The ticket as it now is', schema: TicketDetail }, 409: { description: 'The workflow does not allow this move' } },
  }),
  commentTicket: route({
    method: 'POST',
    path: '/tickets/{ticketId}/comments',
    summary: 'Comment on a ticket',
    description: 'Anyone who sees the ticket may comment; `internal` comments are for staff and never shown to guests.',
    access: ANY,
    params: TicketParams,
    body: CommentBody,
    responses: { 201: { description: 'The ticket with its comments', schema: TicketDetail } },
  }),
  assignTicket: route({
    method: 'POST',
    path: '/tickets/{ticketId}/assign',
    summary: 'Hand a ticket to another LO or organiser',
    description: 'Organisers, or the current assignee. Status, due times and escalation level stay as they are.',
    access: ['organizer', 'lo'],
    params: TicketParams,
    body: AssignBody,
    responses: { 200: { description: 'The ticket as it now is', schema: TicketDetail }, 409: { description: 'Closed, or already assigned to that person' } },
  }),
  rate: route({
    method: 'POST',
    path: '/ratings',
    summary: 'Rate transport, accommodation, an LO or the event',
    description: 'One rating per person, subject and target: posting again changes it (200) instead of adding one (201).',
    access: ANY,
    body: RateBody,
    responses: { 201: { description: 'Recorded', schema: Rating }, 200: { description: 'Changed', schema: Rating } },
  }),
  ratingSummary: route({
    method: 'GET',
    path: '/ratings/summary',
    summary: 'Rating summaries by subject, party or LO',
    access: ORGANIZER,
    query: SummaryQuery,
    responses: { 200: { description: 'A page of summary items', schema: listOf(RatingSummaryItem) } },
  }),
} satisfies RouteTable;

export type FeedbackRoutes = typeof routes;
