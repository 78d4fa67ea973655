// The ticket workflow: the state machine, who may make which move, filing, moving and reassigning a
// ticket with its history. Pure: time, ids and the SLA are passed in; nothing here reads a clock.
//
//   open ─▶ acknowledged ─▶ in_progress ─▶ resolved ─▶ closed
//   reopened ─▶ acknowledged            resolved ─▶ reopened,  closed ─▶ reopened
//
// `reopened` behaves like `open`: the ack and resolve timers restart from the moment of reopening
// (fresh due times), the ticket stays with its assignee and the escalation level goes back to where
// a new ticket with that assignee starts (0 with an LO, 1 with the organisers).
//
// Who may move (checked by `mayMove`, before `applyMove`; a refusal there is a 403):
//   organisers       every move on every ticket;
//   the assignee     `acknowledged`, `in_progress`, `resolved` (working the ticket);
//   the reporter     `closed` and `reopened` on their own ticket (confirming or disputing the fix).
// A person who is both gets both. Nobody else moves a ticket (an LO who is not the assignee asks
// an organiser to reassign it). Reassigning is for organisers and the current assignee (`mayAssign`).
import type { Clash } from '@liaison/kit/errors';
import type { Principal } from '@liaison/kit/http/auth';
import type { Ticket, TicketCategory, TicketHistoryEntry, TicketKind, TicketMove, TicketStatus, SlaSeverity } from '@liaison/contracts';
import { baseLevel, type Routing } from './assignment';
import { dueTimes, type SlaOverrides } from './sla';

const TRANSITIONS: Readonly<Record<TicketStatus, readonly TicketMove[]>> = {
  open: ['acknowledged'],
  reopened: ['acknowledged'],
  acknowledged: ['in_progress'],
  in_progress: ['resolved'],
  resolved: ['closed', 'reopened'],
  closed: ['reopened'],
};

const ASSIGNEE_MOVES: ReadonlySet<TicketMove> = new Set(['acknowledged', 'in_progress', 'resolved']);
const REPORTER_MOVES: ReadonlySet<TicketMove> = new Set(['closed', 'reopened']);

export type Actor = Pick<Principal, 'role' | 'personId'>;

/** The moves the workflow allows from `status`. */
export function allowedMoves(status: TicketStatus): readonly TicketMove[] {
  return TRANSITIONS[status];
}

/** Whether `actor` may make `move` on `ticket` (whether the workflow allows it is `applyMove`'s question). */
export function mayMove(actor: Actor, ticket: Pick<Ticket, 'assigneeId' | 'reporterId'>, move: TicketMove): boolean {
  if (actor.role === 'organizer') return true;
  if (actor.personId === null) return false;
  if (actor.personId === ticket.assigneeId && ASSIGNEE_MOVES.has(move)) return true;
  return actor.personId === ticket.reporterId && REPORTER_MOVES.has(move);
}

/** Organisers, or the current assignee, may hand a ticket to someone else. */
export function mayAssign(actor: Actor, ticket: Pick<Ticket, 'assigneeId'>): boolean {
  return actor.role === 'organizer' || (actor.personId !== null && actor.personId === ticket.assigneeId);
}

/** Why a move or reassignment was refused; the handler answers 409 with `clashes`. */
export interface Refusal {
  message: string;
  /** The moves the workflow allows from the current status. */
  allowed: readonly TicketMove[];
  clashes: Clash[];
}

export type Outcome = { ok: true; ticket: Ticket; entry: TicketHistoryEntry } | { ok: false; refusal: Refusal };

function refuse(ticket: Ticket, kind: string, message: string): Outcome {
  const allowed = allowedMoves(ticket.status);
  return { ok: false, refusal: { message, allowed, clashes: [{ kind, message, refs: [...allowed], path: 'to' }] } };
}

/** The ticket with `entry` appended; the store writes it conditional on the version it read. */
function withEntry(ticket: Ticket, entry: TicketHistoryEntry, changes: Partial<Ticket>): Ticket {
  return { ...ticket, ...changes, history: [...ticket.history, entry], version: ticket.version + 1, updatedAt: entry.at };
}

export interface NewTicket {
  id: string;
  kind: TicketKind;
  category: TicketCategory;
  severity: SlaSeverity;
  subject: string;
  body: string;
  reporterId: string;
  partyId: string | null;
  /** Who filed it: the reporter, their LO or an organiser. */
  by: string;
  at: string;
  routing: Pick<Routing, 'assigneeId' | 'escalationLevel'>;
  sla?: SlaOverrides;
}

/** A freshly filed ticket: `open`, routed, due times from its severity, one `created` history entry. */
export function openTicket(input: NewTicket): Ticket {
  const { id, kind, category, severity, subject, body, reporterId, partyId, by, at, routing } = input;
  const entry: TicketHistoryEntry = {
    at,
    by,
    action: 'created',
    from: null,
    to: 'open',
    note: null,
    assigneeId: routing.assigneeId,
    escalationLevel: routing.escalationLevel,
  };
  return {
    id,
    kind,
    category,
    severity,
    subject,
    body,
    reporterId,
    partyId,
    assigneeId: routing.assigneeId,
    status: 'open',
    ...dueTimes(severity, at, input.sla),
    escalationLevel: routing.escalationLevel,
    history: [entry],
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
}

export interface Move {
  to: TicketMove;
  by: string;
  at: string;
  note?: string | null;
  /** The event's SLA overrides, for the fresh due times of a reopened ticket. */
  sla?: SlaOverrides;
}

/** Moves `ticket` to `move.to` if the workflow allows it; a refusal names the allowed moves and changes nothing. */
export function applyMove(ticket: Ticket, move: Move): Outcome {
  const allowed = allowedMoves(ticket.status);
  if (!allowed.includes(move.to)) {
    const options = allowed.length === 0 ? 'none' : allowed.join(', ');
    return refuse(ticket, 'move_not_allowed', `cannot move from ${ticket.status} to ${move.to}; allowed: ${options}`);
  }
  const changes: Partial<Ticket> = { status: move.to };
  if (move.to === 'reopened') {
    Object.assign(changes, dueTimes(ticket.severity, move.at, move.sla), { escalationLevel: baseLevel(ticket.assigneeId) });
  }
  const entry: TicketHistoryEntry = {
    at: move.at,
    by: move.by,
    action: 'moved',
    from: ticket.status,
    to: move.to,
    note: move.note ?? null,
    assigneeId: ticket.assigneeId,
    escalationLevel: changes.escalationLevel ?? ticket.escalationLevel,
  };
  return { ok: true, ticket: withEntry(ticket, entry, changes), entry };
}

export interface Reassignment {
  /** An LO or organiser; the handler checks the role against the directory. */
  assigneeId: string;
  by: string;
  at: string;
  note?: string | null;
}

/**
 * Hands the ticket to someone else. Status, due times and escalation level stay as they are: a new
 * assignee inherits the clock. A closed ticket is reopened first; the same assignee again is refused.
 */
export function applyAssign(ticket: Ticket, change: Reassignment): Outcome {
  if (ticket.status === 'closed') return refuse(ticket, 'ticket_closed', 'a closed ticket cannot be reassigned; reopen it first');
  if (ticket.assigneeId === change.assigneeId) return refuse(ticket, 'already_assigned', `the ticket is already assigned to ${change.assigneeId}`);
  const entry: TicketHistoryEntry = {
    at: change.at,
    by: change.by,
    action: 'assigned',
    from: ticket.status,
    to: ticket.status,
    note: change.note ?? null,
    assigneeId: change.assigneeId,
    escalationLevel: ticket.escalationLevel,
  };
  return { ok: true, ticket: withEntry(ticket, entry, { assigneeId: change.assigneeId }), entry };
}

type Replayed = Pick<Ticket, 'status' | 'assigneeId' | 'escalationLevel'>;

/** One history entry applied to the state before it; null when the entry could not have happened there. */
function step(state: Replayed | null, e: TicketHistoryEntry): Replayed | null {
  const next: Replayed = { status: e.to, assigneeId: e.assigneeId, escalationLevel: e.escalationLevel };
  if (state === null) return e.action === 'created' && e.from === null && e.to === 'open' ? next : null;
  if (e.from !== state.status) return null;
  switch (e.action) {
    case 'created':
      return null;
    case 'moved': {
      const level = e.to === 'reopened' ? baseLevel(state.assigneeId) : state.escalationLevel;
      const allowed = (allowedMoves(state.status) as readonly TicketStatus[]).includes(e.to);
      return allowed && e.assigneeId === state.assigneeId && e.escalationLevel === level ? next : null;
    }
    case 'assigned':
      return e.to === state.status && e.escalationLevel === state.escalationLevel ? next : null;
    case 'escalated':
      return e.to === state.status && e.assigneeId === state.assigneeId && state.escalationLevel === 0 && e.escalationLevel === 1 ? next : null;
  }
}

/**
 * Replays the history from the first entry, checking every step against the workflow: the status,
 * assignee and escalation level it leads to, or null when some entry could not have happened.
 */
export function replay(history: readonly TicketHistoryEntry[]): Replayed | null {
  let state: Replayed | null = null;
  for (const entry of history) {
    state = step(state, entry);
    if (state === null) return null;
  }
  return state;
}
