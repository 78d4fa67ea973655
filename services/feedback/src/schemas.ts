// Request and answer schemas of the feedback API. The route table, the validator and the OpenAPI
// document all read these; field rules come from the records in @liaison/contracts.
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
import * as z from 'zod';

export { Rating, RatingSummaryItem, Ticket, TicketDetail, TicketComment };

const Note = z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters');

export const CreateTicketBody = z.strictObject({
  kind: TicketKind,
  category: TicketCategory,
  severity: SlaSeverity,
  subject: Text(200),
  body: Text(5000),
  reporterId: Id.optional().describe("Who the ticket is for; a guest's own id (the default for guests)"),
  partyId: Id.nullable().optional().describe("The reporter's party (the default); another party is refused"),
});
export type CreateTicketBody = z.infer<typeof CreateTicketBody>;

const Flag = z
  .enum(['true', 'false'], 'must be true or false')
  .transform((v) => v === 'true');

export const ListTicketsQuery = z.strictObject({
  status: TicketStatus.optional(),
  assigneeId: Id.optional(),
  kind: TicketKind.optional(),
  partyId: Id.optional(),
  overdue: Flag.optional().describe('`true`: only tickets past a running due time (earliest due first)'),
  limit: Limit,
  cursor: Cursor,
});

export const TicketParams = z.strictObject({ ticketId: Id });

export const TransitionBody = z.strictObject({ to: TicketMove, note: Note.optional() });
export const CommentBody = z.strictObject({ body: Text(5000), internal: z.boolean().default(false).describe('Staff only; never shown to guests') });
export const AssignBody = z.strictObject({ assigneeId: Id.describe('An LO or an organiser'), note: Note.optional() });

export const RateBody = z.strictObject({
  subject: RatingSubject,
  score: RatingScore,
  comment: z.string().trim().max(2000).optional(),
  targetId: Id.optional().describe('The LO, trip or stay rated; for `lo`, the LO'),
});
export type RateBody = z.infer<typeof RateBody>;

export const SummaryQuery = z.strictObject({ by: RatingSummaryBy, limit: Limit, cursor: Cursor });
