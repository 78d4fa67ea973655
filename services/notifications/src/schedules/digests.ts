// The `held-digests` schedule (every minute): sends each message that coalescing held back once its
// window has closed, as one message with the final state (cause `digest:<subject>:<recipient>:<dueAt>`),
// read from the sparse index of held messages (key condition `<= now`, no Scan). Two runs at once hand
// deliver() the same causes, and its records send each once.
import type { Context } from 'aws-lambda';
import { clock } from '@liaison/kit/clock';
import { loadConfig } from '@liaison/kit/config';
import { log } from '@liaison/kit/log';
import { deliver } from '../send/deliver';
import { sweepDigests } from '../store/coalesce';

export const DIGEST_SCHEDULE = 'held-digests';

const config = loadConfig(['tableName']);

export const handler = async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<Awaited<ReturnType<typeof sweepDigests>>> => {
  const remainingMs = context ? () => context.getRemainingTimeInMillis() : undefined;
  const stats = await sweepDigests(config.tableName, clock.nowMs(), (requests) => deliver(requests, { tableName: config.tableName, ...(remainingMs ? { remainingMs } : {}) }), remainingMs ? { remainingMs } : {});
  if (stats.read > 0) log.info('held digests', { ...stats });
  if (stats.more) log.warn('held digests ran out of time; the next run goes on', { ...stats });
  return stats;
};
