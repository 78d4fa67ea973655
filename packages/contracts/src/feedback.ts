// The feedback service's records (tickets, comments, ratings, rating summaries) as the API returns
// them and its events carry them. Owned by the feedback service.
//
// The enums, the escalation level and the rating score are plain; the records and the event data are
// built on first use (`z.lazy`): the feedback functions and the notifications consumers import them all
// through the route table or the event registry, but a request or an event builds only the ones it
// parses. Inside this file, records are composed from memoized builders (`once`), so each is built once
// and the generated JSON schemas are the same as when they were plain.
import * as z from 'zod/mini';
import { once } from './once';
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
export const EscalationLevel = z.union([z.literal(0), z.literal(1)]).check(z.describe('0: the assignee (normally the reporter\'s LO); 1: the organisers, the last level'));
export type TicketKind = z.infer<typeof TicketKind>;
export type TicketCategory = z.infer<typeof TicketCategory>;
export type TicketStatus = z.infer<typeof TicketStatus>;
export type TicketMove = z.infer<typeof TicketMove>;
export type TicketAction = z.infer<typeof TicketAction>;
export type EscalationLevel = z.infer<typeof EscalationLevel>;

const stamps = () => ({
  version: Version,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});

/** Who did something: a person id, an organiser's account id when they have no person record, or null for the system. */
const actor = () => z.nullable(Id).check(z.describe('Person id of whoever did it (an organiser without a person record: their account id); null when the system did it'));

const ticketHistoryEntry = once(() =>
  z.object({
    at: IsoDateTime,
    by: actor(),
    action: TicketAction,
    from: z.nullable(TicketStatus).check(z.describe('Status before; null on `created`')),
    to: TicketStatus.check(z.describe('Status after; equal to `from` on `assigned` and `escalated`')),
    note: z.nullable(z.string().check(z.trim(), z.maxLength(2000))),
    assigneeId: z.nullable(Id).check(z.describe('Assignee after this entry; null means the organisers')),
    escalationLevel: EscalationLevel.check(z.describe('Escalation level after this entry')),
  }),
);
export const TicketHistoryEntry = z.lazy(ticketHistoryEntry);
export type TicketHistoryEntry = z.infer<typeof TicketHistoryEntry>;

const ticket = once(() =>
  z.object({
    id: Id,
    kind: TicketKind,
    category: TicketCategory,
    severity: SlaSeverity.check(z.describe('Sets the SLA: the event profile\'s `sla` for this severity')),
    subject: Text(200),
    body: Text(5000),
    reporterId: Id.check(z.describe('The person the ticket is for (a guest files for themselves; LOs and organisers for others)')),
    partyId: z.nullable(Id),
    assigneeId: z.nullable(Id).check(z.describe('The LO or organiser who answers; null means the organisers as a team')),
    status: TicketStatus,
    ackDueAt: IsoDateTime.check(z.describe('Acknowledge by then; the timer runs while the status is `open` or `reopened`')),
    resolveDueAt: IsoDateTime.check(z.describe('Resolve by then; the timer runs until the status is `resolved` or `closed`')),
    escalationLevel: EscalationLevel,
    history: z.array(ticketHistoryEntry()).check(z.minLength(1), z.describe('Every change, oldest first')),
    ...stamps(),
  }),
);
export const Ticket = z.lazy(ticket);
export type Ticket = z.infer<typeof Ticket>;

const ticketComment = once(() =>
  z.object({
    id: Id,
    authorId: Id.check(z.describe('Person id of the author (an organiser without a person record: their account id)')),
    body: Text(5000),
    internal: z.boolean().check(z.describe('Staff only: never shown to guests')),
    at: IsoDateTime,
  }),
);
export const TicketComment = z.lazy(ticketComment);
export type TicketComment = z.infer<typeof TicketComment>;

/** `GET /tickets/{id}`: the ticket with the comments the caller may see. */
export const TicketDetail = z.lazy(() => z.extend(ticket(), { comments: z.array(ticketComment()) }));
export type TicketDetail = z.infer<typeof TicketDetail>;

// ---- ratings

export const RATING_SUBJECTS = ['transport', 'accommodation', 'lo', 'event'] as const;
export const RATING_SUMMARY_KEYS = ['subject', 'party', 'lo'] as const;
export const RatingSubject = z.enum(RATING_SUBJECTS);
export const RatingSummaryBy = z.enum(RATING_SUMMARY_KEYS);
export type RatingSubject = z.infer<typeof RatingSubject>;
export type RatingSummaryBy = z.infer<typeof RatingSummaryBy>;

export const RatingScore = z.number('must be a number').check(z.int('must be a whole number'), z.gte(1, 'must be at least 1'), z.lte(5, 'must be at most 5'));

const rating = once(() =>
  z.object({
    id: Id,
    raterId: Id.check(z.describe('The person who rated; one rating per rater, subject and target')),
    partyId: z.nullable(Id).check(z.describe("The rater's party when they rated")),
    subject: RatingSubject,
    score: RatingScore,
    comment: z.nullable(z.string().check(z.trim(), z.maxLength(2000))),
    targetId: z.nullable(Id).check(z.describe('The LO, trip or stay rated; null for the subject as a whole')),
    ...stamps(),
  }),
);
export const Rating = z.lazy(rating);
export type Rating = z.infer<typeof Rating>;

/** A count: a whole number, zero or more. */
const Count = () => z.number().check(z.int(), z.gte(0));

const scoreDistribution = once(() => {
  const count = Count();
  return z.strictObject({ '1': count, '2': count, '3': count, '4': count, '5': count }).check(z.describe('How many ratings gave each score'));
});
export const ScoreDistribution = z.lazy(scoreDistribution);
export type ScoreDistribution = z.infer<typeof ScoreDistribution>;

export const RatingSummaryItem = z.lazy(() =>
  z.object({
    key: z.string().check(z.minLength(1), z.describe('The subject, party id or LO id')),
    count: Count(),
    mean: z.nullable(z.number().check(z.gte(1), z.lte(5))).check(z.describe('Mean score; null when there are no ratings')),
    distribution: scoreDistribution(),
  }),
);
export type RatingSummaryItem = z.infer<typeof RatingSummaryItem>;

// ---- event data (registered in events.ts)

/** What every ticket event carries: enough for a message (who reported it, who answers, what, how urgent, by when). */
const ticketRef = once(() =>
  z.pick(ticket(), {
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
  }),
);
export const TicketRef = z.lazy(ticketRef);
export type TicketRef = z.infer<typeof TicketRef>;

const moveData = () => ({
  ticket: ticketRef().check(z.describe('The ticket after the move')),
  by: Id.check(z.describe('Who moved it')),
  note: ticketHistoryEntry().shape.note,
});

export const ESCALATION_REASONS = ['ack_overdue', 'resolve_overdue'] as const;
export const EscalationReason = z.enum(ESCALATION_REASONS);
export type EscalationReason = z.infer<typeof EscalationReason>;

export const TicketCreatedData = z.lazy(() =>
  z.object({
    ticket: ticketRef().check(z.describe('With its kind (an `emergency` alerts every organiser) and its assignee (null: the organisers)')),
    body: ticket().shape.body,
    by: Id.check(z.describe('Who filed it: the reporter, their LO or an organiser')),
  }),
);
export const TicketAssignedData = z.lazy(() => z.object({ ...moveData(), previousAssigneeId: z.nullable(Id) }));
export const TicketAcknowledgedData = z.lazy(() => z.object(moveData()));
export const TicketCommentedData = z.lazy(() =>
  z.object({
    ticket: ticketRef(),
    comment: ticketComment().check(z.describe('`internal` comments must never reach guests')),
  }),
);
export const TicketResolvedData = z.lazy(() => z.object(moveData()));
export const TicketReopenedData = z.lazy(() => z.object({ ...moveData(), ticket: ticketRef().check(z.describe('The ticket after the move, with fresh due times')) }));
export const TicketEscalatedData = z.lazy(() =>
  z.object({
    ticket: ticketRef().check(z.describe('The ticket after escalation (`escalationLevel` 1: the organisers)')),
    reason: EscalationReason,
    missedDueAt: IsoDateTime.check(z.describe('The due time that passed')),
  }),
);
export const RatingRecordedData = z.lazy(() =>
  z.object({
    rating: rating(),
    previousScore: z.nullable(RatingScore).check(z.describe('The score this rating replaced; null for a first rating')),
  }),
);
