// The feedback service's records (tickets, comments, ratings, rating summaries) as the API returns
// them and its events carry them. Owned by the feedback service.
import * as z from 'zod';
import { SlaSeverity } from './directory';
import { Id, IsoDateTime, Text, Version } from './fields';

export const TICKET_KINDS = ['question', 'request', 'complaint', 'incident', 'emergency'] as const;
export const TICKET_CATEGORIES = ['transport', 'accommodation', 'schedule', 'security', 'health', 'other'] as const;
export const TICKET_STATUSES = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed', 'reopened'] as const;
/** The statuses a client may ask to move a ticket to (`POST /tickets/{id}/transitions`); `open` is only where tickets start. */
export const TICKET_MOVES = ['acknowledged', 'in_progress', 'resolved', 'closed', 'reopened'] as const;
/** What a history entry records: the ticket was filed, moved, reassigned or escalated. */
export const TICKET_ACTIONS = ['created', 'moved', 'assigned', 'escalated'] as const;
/** 0: the assignee (normally the reporter's LO) answers; 1: the organisers, the last level. */
export const ESCALATION_LEVELS = [0, 1] as const;

export const TicketKind = z.enum(TICKET_KINDS);
export const TicketCategory = z.enum(TICKET_CATEGORIES);
export const TicketStatus = z.enum(TICKET_STATUSES);
export const TicketMove = z.enum(TICKET_MOVES);
export const TicketAction = z.enum(TICKET_ACTIONS);
export const EscalationLevel = z.union([z.literal(0), z.literal(1)]).describe('0: the assignee (normally the reporter\'s LO); 1: the organisers, the last level');
export type TicketKind = z.infer<typeof TicketKind>;
export type TicketCategory = z.infer<typeof TicketCategory>;
export type TicketStatus = z.infer<typeof TicketStatus>;
export type TicketMove = z.infer<typeof TicketMove>;
export type TicketAction = z.infer<typeof TicketAction>;
export type EscalationLevel = z.infer<typeof EscalationLevel>;

const Stamps = {
  version: Version,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
};

/** Who did something: a person id, an organiser's account id when they have no person record, or null for the system. */
const Actor = Id.nullable().describe('Person id of whoever did it (an organiser without a person record: their account id); null when the system did it');

export const TicketHistoryEntry = z.object({
  at: IsoDateTime,
  by: Actor,
  action: TicketAction,
  from: TicketStatus.nullable().describe('Status before; null on `created`'),
  to: TicketStatus.describe('Status after; equal to `from` on `assigned` and `escalated`'),
  note: z.string().trim().max(2000).nullable(),
  assigneeId: Id.nullable().describe('Assignee after this entry; null means the organisers'),
  escalationLevel: EscalationLevel.describe('Escalation level after this entry'),
});
export type TicketHistoryEntry = z.infer<typeof TicketHistoryEntry>;

export const Ticket = z.object({
  id: Id,
  kind: TicketKind,
  category: TicketCategory,
  severity: SlaSeverity.describe('Sets the SLA: the event profile\'s `sla` for this severity'),
  subject: Text(200),
  body: Text(5000),
  reporterId: Id.describe('The person the ticket is for (a guest files for themselves; LOs and organisers for others)'),
  partyId: Id.nullable(),
  assigneeId: Id.nullable().describe('The LO or organiser who answers; null means the organisers as a team'),
  status: TicketStatus,
  ackDueAt: IsoDateTime.describe('Acknowledge by then; the timer runs while the status is `open` or `reopened`'),
  resolveDueAt: IsoDateTime.describe('Resolve by then; the timer runs until the status is `resolved` or `closed`'),
  escalationLevel: EscalationLevel,
  history: z.array(TicketHistoryEntry).min(1).describe('Every change, oldest first'),
  ...Stamps,
});
export type Ticket = z.infer<typeof Ticket>;

export const TicketComment = z.object({
  id: Id,
  authorId: Id.describe('Person id of the author (an organiser without a person record: their account id)'),
  body: Text(5000),
  internal: z.boolean().describe('Staff only: never shown to guests'),
  at: IsoDateTime,
});
export type TicketComment = z.infer<typeof TicketComment>;

/** `GET /tickets/{id}`: the ticket with the comments the caller may see. */
export const TicketDetail = Ticket.extend({ comments: z.array(TicketComment) });
export type TicketDetail = z.infer<typeof TicketDetail>;

// ---- ratings

export const RATING_SUBJECTS = ['transport', 'accommodation', 'lo', 'event'] as const;
export const RATING_SUMMARY_KEYS = ['subject', 'party', 'lo'] as const;
export const RatingSubject = z.enum(RATING_SUBJECTS);
export const RatingSummaryBy = z.enum(RATING_SUMMARY_KEYS);
export type RatingSubject = z.infer<typeof RatingSubject>;
export type RatingSummaryBy = z.infer<typeof RatingSummaryBy>;

export const RatingScore = z.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(5, 'must be at most 5');

export const Rating = z.object({
  id: Id,
  raterId: Id.describe('The person who rated; one rating per rater, subject and target'),
  partyId: Id.nullable().describe("The rater's party when they rated"),
  subject: RatingSubject,
  score: RatingScore,
  comment: z.string().trim().max(2000).nullable(),
  targetId: Id.nullable().describe('The LO, trip or stay rated; null for the subject as a whole'),
  ...Stamps,
});
export type Rating = z.infer<typeof Rating>;

const Count = z.number().int().min(0);

export const ScoreDistribution = z
  .strictObject({ '1': Count, '2': Count, '3': Count, '4': Count, '5': Count })
  .describe('How many ratings gave each score');
export type ScoreDistribution = z.infer<typeof ScoreDistribution>;

export const RatingSummaryItem = z.object({
  key: z.string().min(1).describe('The subject, party id or LO id'),
  count: Count,
  mean: z.number().min(1).max(5).nullable().describe('Mean score; null when there are no ratings'),
  distribution: ScoreDistribution,
});
export type RatingSummaryItem = z.infer<typeof RatingSummaryItem>;

// ---- event data (registered in events.ts)

/** What every ticket event carries: enough for a message (who reported it, who answers, what, how urgent, by when). */
export const TicketRef = Ticket.pick({
  id: true,
  kind: true,
  category: true,
  severity: true,
  subject: true,
  status: true,
  reporterId: true,
  partyId: true,
  assigneeId: true,
  ackDueAt: true,
  resolveDueAt: true,
  escalationLevel: true,
});
export type TicketRef = z.infer<typeof TicketRef>;

const MoveData = {
  ticket: TicketRef.describe('The ticket after the move'),
  by: Id.describe('Who moved it'),
  note: TicketHistoryEntry.shape.note,
};

export const ESCALATION_REASONS = ['ack_overdue', 'resolve_overdue'] as const;
export const EscalationReason = z.enum(ESCALATION_REASONS);
export type EscalationReason = z.infer<typeof EscalationReason>;

export const TicketCreatedData = z.object({
  ticket: TicketRef.describe('With its kind (an `emergency` alerts every organiser) and its assignee (null: the organisers)'),
  body: Ticket.shape.body,
  by: Id.describe('Who filed it: the reporter, their LO or an organiser'),
});
export const TicketAssignedData = z.object({ ...MoveData, previousAssigneeId: Id.nullable() });
export const TicketAcknowledgedData = z.object(MoveData);
export const TicketCommentedData = z.object({
  ticket: TicketRef,
  comment: TicketComment.describe('`internal` comments must never reach guests'),
});
export const TicketResolvedData = z.object(MoveData);
export const TicketReopenedData = z.object({ ...MoveData, ticket: TicketRef.describe('The ticket after the move, with fresh due times') });
export const TicketEscalatedData = z.object({
  ticket: TicketRef.describe('The ticket after escalation (`escalationLevel` 1: the organisers)'),
  reason: EscalationReason,
  missedDueAt: IsoDateTime.describe('The due time that passed'),
});
export const RatingRecordedData = z.object({
  rating: Rating,
  previousScore: RatingScore.nullable().describe('The score this rating replaced; null for a first rating'),
});
