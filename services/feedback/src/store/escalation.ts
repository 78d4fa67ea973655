// The escalation sweep: reads the level-0 tickets whose earliest running timer is past (the sparse
// "escalates at" index, key condition `< now`: nothing that is not due is read), escalates each with
// a write conditional on the version read, and publishes `ticket.escalated` in the same transaction.
// A sweep that runs twice, or two that run at once, escalate a ticket once: the second write finds
// the version moved on and skips it.
import { StaleVersionError } from '@liaison/kit/errors';
import { makeEvent } from '../events';
import { origin, type StoreContext } from '@liaison/kit/store-context';
import { escalate } from '../domain/escalation';
import { dueForEscalation, saveTicket } from './tickets';

export interface SweepStats {
  /** Index items read. */
  read: number;
  escalated: number;
  /** Due when read but changed since (escalated by another sweep, acknowledged, resolved). */
  skipped: number;
  /** True when it stopped with due tickets left for the next run (out of time). */
  more: boolean;
}

export interface SweepOptions {
  parallel?: number;
  /** Milliseconds left before the function times out; the sweep stops taking pages with under 10 s left (the next run goes on). */
  remainingMs?: () => number;
}

export async function sweepEscalations(ctx: StoreContext, now: string, opts: SweepOptions = {}): Promise<SweepStats> {
  const stats: SweepStats = { read: 0, escalated: 0, skipped: 0, more: false };
  const parallel = opts.parallel ?? 8;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dueForEscalation(ctx.tableName, now, startKey);
    stats.read += page.read;
    startKey = page.next;
    for (let i = 0; i < page.tickets.length; i += parallel) {
      await Promise.all(
        page.tickets.slice(i, i + parallel).map(async (ticket) => {
          // The index can lag behind the ticket: the domain decides again on what was read.
          const out = escalate(ticket, now);
          if (!out) {
            stats.skipped += 1;
            return;
          }
          const event = makeEvent('ticket.escalated', { ticket: out.ticket, reason: out.reason, missedDueAt: out.missedDueAt }, origin(ctx));
          try {
            await saveTicket(ctx, out.ticket, ticket.version, [event]);
            stats.escalated += 1;
          } catch (err) {
            if (!(err instanceof StaleVersionError)) throw err;
            stats.skipped += 1;
          }
        }),
      );
    }
    if (startKey && opts.remainingMs && opts.remainingMs() < 10_000) {
      stats.more = true;
      break;
    }
  } while (startKey);
  return stats;
}
