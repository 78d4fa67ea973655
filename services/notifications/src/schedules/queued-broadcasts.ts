// The `queued-broadcasts` schedule (every minute): hands to the fan-out again each broadcast still
// `queued` a minute after it was made, read from the index of queued broadcasts (key condition
// `<= now`, no Scan). That is a broadcast whose POST stored it but could not send it to the fan-out
// queue (the request still answered 202), or one whose fan-out message was lost. The fan-out takes a
// broadcast out of the index with its first step, and tolerates a second message for one it has begun
// or finished (it resumes from its cursor, or does nothing), so a re-queue that was not needed is
// harmless. Each re-queue doubles the wait before the next; after MAX_REQUEUES it gives up and says so.
import type { Context } from 'aws-lambda';
import { clock } from '@liaison/kit/clock';
import { loadConfig, loadWorkQueueUrl } from '@liaison/kit/config';
import { log } from '@liaison/kit/log';
import { sendWork } from '@liaison/kit/work/queue';
import { dueQueuedBroadcasts, markRequeued } from '../store/broadcasts';
import { BROADCAST_FANOUT, type FanoutMessage } from '../workers/fanout-queue';

export const QUEUED_BROADCASTS_SCHEDULE = 'queued-broadcasts';

export interface RequeueStats {
  /** Index entries read. */
  read: number;
  /** Broadcasts handed to the fan-out again. */
  requeued: number;
  /** Broadcasts handed over for the last time: the schedule will not try them again. */
  givenUp: number;
  /** Stopped for lack of time; the next run goes on. */
  more: boolean;
}

/** Stop taking pages with less than this left. */
const RESERVE_MS = 10_000;
const PAGE = 25;

/**
 * Hands every queued broadcast whose re-queue is due to the fan-out. A send that fails throws before
 * anything is marked, so the next run tries the same broadcasts again.
 */
export async function requeueQueuedBroadcasts(
  tableName: string,
  nowMs: number,
  send: (messages: FanoutMessage[]) => Promise<void>,
  opts: { remainingMs?: () => number } = {},
): Promise<RequeueStats> {
  const stats: RequeueStats = { read: 0, requeued: 0, givenUp: 0, more: false };
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dueQueuedBroadcasts(tableName, nowMs, PAGE, cursor);
    stats.read += page.items.length;
    await send(page.items.map((q) => ({ broadcastId: q.id })));
    for (const q of page.items) {
      const marked = await markRequeued(tableName, q, nowMs);
      if (marked === 'requeued') stats.requeued += 1;
      if (marked === 'given up') {
        stats.givenUp += 1;
        log.error('broadcast handed to its fan-out for the last time; it is still queued', { broadcastId: q.id, requeues: q.requeues + 1 });
      }
    }
    cursor = page.next ?? undefined;
    if (cursor && opts.remainingMs && opts.remainingMs() < RESERVE_MS) {
      stats.more = true;
      break;
    }
  } while (cursor);
  return stats;
}

const config = loadConfig(['tableName']);
const fanoutQueueUrl = loadWorkQueueUrl(BROADCAST_FANOUT.name);

export const handler = async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<RequeueStats> => {
  const stats = await requeueQueuedBroadcasts(config.tableName, clock.nowMs(), (messages) => sendWork(fanoutQueueUrl, messages), context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {});
  if (stats.read > 0) log.info('queued broadcasts handed to the fan-out again', { ...stats });
  if (stats.more) log.warn('queued broadcasts: out of time; the next run goes on', { ...stats });
  return stats;
};
