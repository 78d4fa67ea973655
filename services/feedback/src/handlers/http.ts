// The feedback service's HTTP function: every route of its table, bound to its handler, loaded with the first request that needs it (`lazy`).
import { callerResolver } from '@liaison/directory-read';
import { httpService, lazy } from '@liaison/kit/http/service';
import { routes } from '../routes';
import { table } from './deps';

export const handler = httpService({
  service: 'feedback',
  routes,
  tableName: table,
  // Tokens of LOs and guests hold only while their person record does (at most 60 s stale).
  resolveCaller: callerResolver(table),
  handlers: {
    createTicket: lazy(() => import('./tickets').then((m) => m.createTicketHandler)),
    listTickets: lazy(() => import('./tickets').then((m) => m.listTicketsHandler)),
    getTicket: lazy(() => import('./tickets').then((m) => m.getTicketHandler)),
    moveTicket: lazy(() => import('./tickets').then((m) => m.moveTicketHandler)),
    commentTicket: lazy(() => import('./tickets').then((m) => m.commentTicketHandler)),
    assignTicket: lazy(() => import('./tickets').then((m) => m.assignTicketHandler)),
    rate: lazy(() => import('./ratings').then((m) => m.rateHandler)),
    ratingSummary: lazy(() => import('./ratings').then((m) => m.ratingSummaryHandler)),
  },
});
