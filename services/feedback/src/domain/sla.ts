// SLA timers: when a ticket must be acknowledged and resolved, which timers are running, and whether
// it is overdue. Pure: times are ISO strings passed in.
//
// The status alone says which timers run, so no "stopped" flags are kept:
//   ack timer     runs while the status is `open` or `reopened` (acknowledging stops it);
//   resolve timer runs until the status is `resolved` or `closed` (resolving stops both).
// `ackDueAt` and `resolveDueAt` stay on the ticket as the targets that applied.
// A timer is overdue strictly after its due time.
import type { SlaSeverity, SlaTarget, Ticket, TicketStatus } from '@liaison/contracts';
import { PROFILE_DEFAULTS } from '@liaison/contracts/constants';

export type SlaPolicy = Record<SlaSeverity, SlaTarget>;
/** The event profile's `sla`: per severity, replacing the default for that severity. */
export type SlaOverrides = Partial<Record<SlaSeverity, SlaTarget>>;
export type Timer = 'ack' | 'resolve';

type Timed = Pick<Ticket, 'status' | 'ackDueAt' | 'resolveDueAt'>;

const MINUTE_MS = 60_000;
const ACK_RUNS: ReadonlySet<TicketStatus> = new Set(['open', 'reopened']);
const RESOLVE_RUNS: ReadonlySet<TicketStatus> = new Set(['open', 'reopened', 'acknowledged', 'in_progress']);

/** The defaults (critical 5 min/1 h, high 15 min/4 h, medium 1 h/24 h, low 4 h/72 h) with the event's overrides on top. */
export function slaPolicy(overrides: SlaOverrides = {}): SlaPolicy {
  return { ...PROFILE_DEFAULTS.sla, ...overrides };
}

/** Due times for a ticket of `severity` that starts (or restarts, on reopening) at `at`. */
export function dueTimes(severity: SlaSeverity, at: string, overrides: SlaOverrides = {}): Pick<Ticket, 'ackDueAt' | 'resolveDueAt'> {
  const target = slaPolicy(overrides)[severity];
  const start = Date.parse(at);
  return {
    ackDueAt: new Date(start + target.ackMinutes * MINUTE_MS).toISOString(),
    resolveDueAt: new Date(start + target.resolveMinutes * MINUTE_MS).toISOString(),
  };
}

/** The timers running in this status, earliest due first. */
export function runningTimers(ticket: Timed): { timer: Timer; dueAt: string }[] {
  const timers: { timer: Timer; dueAt: string }[] = [];
  if (ACK_RUNS.has(ticket.status)) timers.push({ timer: 'ack', dueAt: ticket.ackDueAt });
  if (RESOLVE_RUNS.has(ticket.status)) timers.push({ timer: 'resolve', dueAt: ticket.resolveDueAt });
  return timers.sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
}

/** The earliest running due time, or null when no timer runs: the key of the "overdue" index. */
export function nextDueAt(ticket: Timed): string | null {
  return runningTimers(ticket)[0]?.dueAt ?? null;
}

/** The running timer that has passed first, or null. */
export function overdueTimer(ticket: Timed, now: string): { timer: Timer; dueAt: string } | null {
  const nowMs = Date.parse(now);
  return runningTimers(ticket).find((t) => nowMs > Date.parse(t.dueAt)) ?? null;
}

export function isOverdue(ticket: Timed, now: string): boolean {
  return overdueTimer(ticket, now) !== null;
}
