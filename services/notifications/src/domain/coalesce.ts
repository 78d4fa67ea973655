// Whether a message about a subject (a trip, a stay, a meeting, a ticket) goes to a recipient now or
// waits: the first goes at once; what follows within the window after the last one sent is held, each
// newer one replacing the held one, and the latest goes out when the window closes. An organiser who
// edits a trip five times in a minute sends the passenger one more message, not five. Emergencies are
// never held.
import type { Priority } from '../types';

export interface SubjectState<H extends { dueAtMs: number } = { dueAtMs: number }> {
  /** When the last message about the subject went to this recipient; null if none has. */
  lastSentAtMs: number | null;
  /** The message waiting for the window to close, if any. */
  held: H | null;
}

export type CoalesceDecision = { action: 'send' } | { action: 'hold'; dueAtMs: number };

export function coalesce(input: { state: SubjectState | null; nowMs: number; windowMs: number; priority: Priority }): CoalesceDecision {
  const { state, nowMs, windowMs, priority } = input;
  if (priority === 'emergency' || windowMs <= 0 || state === null) return { action: 'send' };
  // Something is held already: this one replaces it and keeps its due time (the window does not slide).
  if (state.held) return { action: 'hold', dueAtMs: state.held.dueAtMs };
  if (state.lastSentAtMs === null) return { action: 'send' };
  const closes = state.lastSentAtMs + windowMs;
  return nowMs < closes ? { action: 'hold', dueAtMs: closes } : { action: 'send' };
}
