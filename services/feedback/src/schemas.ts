// Request and answer schemas of the feedback API. The route table, the validator and the OpenAPI
// document all read these; field rules come from the records in @liaison/contracts.
//
// Bodies are built on first use (`z.lazy`): the HTTP function's cold start builds none of them (each zod
// schema costs ~20 µs there), and a request builds only its own route's. (Path parameter and query
// schemas are small and stay plain: the route table types them as objects.)
import {
  Id,
  Rating,
  RatingScore,
  RatingSubject,
  RatingSummaryBy,
  RatingSummaryItem,
  SlaSeverity,
  Text,
  Ticket,
  TicketCategory,
  TicketComment,
  TicketDetail,
  TicketKind,
  TicketMove,
  TicketStatus,
} from '@liaison/contracts';
import { Cursor, Limit } from '@liaison/kit/http/list';
import * as z from 'zod/mini';
import { once } from '@liaison/contracts/once';

export { Rating, RatingSummaryItem, Ticket, TicketDetail, TicketComment };

const note = once(() => z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(2000, 'must be at most 2000 characters')));

export const CreateTicketBody = z.lazy(() =>
  z.strictObject({
    kind: TicketKind,
    category: TicketCategory,
    severity: SlaSeverity,
    subject: Text(200),
    body: Text(5000),
    reporterId: z.optional(Id).check(z.describe("Who the ticket is for; a guest's own id (the default for guests)")),
    partyId: z.optional(z.nullable(Id)).check(z.describe("The reporter's party (the default); another party is refused")),
  }),
);
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

const Flag = z.pipe(
  z.enum(['true', 'false'], 'must be true or false'),
  z.transform((v: 'true' | 'false') => v === 'true'),
);

export const ListTicketsQuery = z.strictObject({
  status: z.optional(TicketStatus),
  assigneeId: z.optional(Id),
  kind: z.optional(TicketKind),
  partyId: z.optional(Id),
  overdue: z.optional(Flag).check(z.describe('`true`: only tickets past a running due time (earliest due first)')),
  limit: Limit,
  cursor: Cursor,
});

export const TicketParams = z.strictObject({ ticketId: Id });

export const TransitionBody = z.lazy(() => z.strictObject({ to: TicketMove, note: z.optional(note()) }));
export const CommentBody = z.lazy(() =>
  z.strictObject({ body: Text(5000), internal: z._default(z.boolean(), false).check(z.describe('Staff only; never shown to guests')) }),
);
export const AssignBody = z.lazy(() => z.strictObject({ assigneeId: Id.check(z.describe('An LO or an organiser')), note: z.optional(note()) }));

export const RateBody = z.lazy(() =>
  z.strictObject({
    subject: RatingSubject,
    score: RatingScore,
    comment: z.optional(z.string().check(z.trim(), z.maxLength(2000))),
    targetId: z.optional(Id).check(z.describe('The LO, trip or stay rated; for `lo`, the LO')),
  }),
);
export type RateBody = z.infer<typeof RateBody>;

export const SummaryQuery = z.strictObject({ by: RatingSummaryBy, limit: Limit, cursor: Cursor });
