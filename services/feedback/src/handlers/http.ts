// The feedback service's HTTP function: every route of its table, bound to its handler.
import { callerResolver } from '@liaison/directory-read';
import { httpService } from '@liaison/kit/http/service';
import { routes } from '../routes';
import { table } from './deps';
import { rateHandler, ratingSummaryHandler } from './ratings';
import { assignTicketHandler, commentTicketHandler, createTicketHandler, getTicketHandler, listTicketsHandler, moveTicketHandler } from './tickets';

export const handler = httpService({
  service: 'feedback',
  routes,
  tableName: table,
  // Tokens of LOs and guests hold only while their person record does (at most 60 s stale).
  resolveCaller: callerResolver(table),
  handlers: {
    createTicket: createTicketHandler,
    listTickets: listTicketsHandler,
    getTicket: getTicketHandler,
    moveTicket: moveTicketHandler,
    commentTicket: commentTicketHandler,
    assignTicket: assignTicketHandler,
    rate: rateHandler,
    ratingSummary: ratingSummaryHandler,
  },
});
