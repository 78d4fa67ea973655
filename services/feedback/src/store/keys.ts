// Key design of the feedback service's items in the shared table. Every access path is a key or an
// index read; the ticket is written as three copies (same record, different index keys) in one
// transaction, so every `GET /tickets` filter and the escalation sweep read one index partition.
//
//   item                pk                 sk                       gsi1                              gsi2                                   gsi3
//   ticket              TICKET#<id>        TICKET                   TICKETS#STATUS#<status> / c#id    TICKETS#ASSIGNEE#<id|ORGANISERS> / c#id  TICKETS#ESCALATES / <escalatesAt>#id (sparse: level 0 with a timer running)
//   ticket copy         TICKET#<id>        COPY#EVENT               TICKETS / c#id                    TICKETS#PARTY#<partyId> / c#id (sparse) TICKETS#KIND#<kind> / c#id
//   ticket copy         TICKET#<id>        COPY#PEOPLE              TICKETS#REPORTER#<id> / c#id      TICKETS#RUNNING / <nextDueAt>#id (sparse: a timer running)
//   comment             TICKET#<id>        COMMENT#<at>#<commentId>
//   rating              RATING#<raterId>   <subject>#<targetId|->   (one per rater, subject and target)
//   rating summary      RATINGS#BY#<by>    <key>                    (count, sum, s1..s5, added to atomically)
//
// `c#id` is `<createdAt>#<ticketId>`: lists come newest last, in the order they were filed.
import type { RatingSubject, RatingSummaryBy, TicketKind, TicketStatus } from '@liaison/contracts';
import type { Key } from '@liaison/kit/ddb/table';

export const TICKET_SK = 'TICKET';
export const COPY_SKS = { event: 'COPY#EVENT', people: 'COPY#PEOPLE' } as const;
export const COMMENT_PREFIX = 'COMMENT#';
/** Partition of tickets with no LO: the organisers as a team. */
export const ORGANISERS = 'ORGANISERS';

export const keys = {
  ticket: (id: string): Key => ({ pk: `TICKET#${id}`, sk: TICKET_SK }),
  ticketCopy: (id: string, copy: keyof typeof COPY_SKS): Key => ({ pk: `TICKET#${id}`, sk: COPY_SKS[copy] }),
  comment: (ticketId: string, at: string, commentId: string): Key => ({ pk: `TICKET#${ticketId}`, sk: `${COMMENT_PREFIX}${at}#${commentId}` }),
  rating: (raterId: string, subject: RatingSubject, targetId: string | null): Key => ({ pk: `RATING#${raterId}`, sk: `${subject}#${targetId ?? '-'}` }),
  ratingSummary: (by: RatingSummaryBy, key: string): Key => ({ pk: ratingSummaryPartition(by), sk: key }),
};

export const ticketPartitions = {
  partitionOfTicket: (id: string) => `TICKET#${id}`,
  byStatus: (status: TicketStatus) => `TICKETS#STATUS#${status}`,
  byAssignee: (assigneeId: string | null) => `TICKETS#ASSIGNEE#${assigneeId ?? ORGANISERS}`,
  escalates: 'TICKETS#ESCALATES',
  all: 'TICKETS',
  byParty: (partyId: string) => `TICKETS#PARTY#${partyId}`,
  byKind: (kind: TicketKind) => `TICKETS#KIND#${kind}`,
  byReporter: (reporterId: string) => `TICKETS#REPORTER#${reporterId}`,
  running: 'TICKETS#RUNNING',
};

export function ratingSummaryPartition(by: RatingSummaryBy): string {
  return `RATINGS#BY#${by}`;
}

/** The sort key of a ticket in its lists: filed order. */
export const filedOrder = (t: { createdAt: string; id: string }) => `${t.createdAt}#${t.id}`;
/** The sort key in a due-time index: earliest due first; `< now` selects exactly the overdue ones. */
export const dueOrder = (dueAt: string, id: string) => `${dueAt}#${id}`;
