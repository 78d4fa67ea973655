// The retention schedule (hourly): once the clock passes `endsAt` + `retentionDays`, it starts the purge
// of guests' personal data and takes it on page by page until done or out of time; the next run goes
// on from where it stopped. Before the cutoff, and after the run is done, a run is two reads.
import type { Context } from 'aws-lambda';
import { clock } from '@liaison/kit/clock';
import { loadConfig } from '@liaison/kit/config';
import { log } from '@liaison/kit/log';
import { getProfile } from '@liaison/directory-read';
import { purgeCutoff, RETENTION_SCHEDULE } from '../retention/purge';
import { continuePurge, findRun, startRun, type PurgeRun } from '../retention/store';
import { SERVICE } from '../store/context';

export { RETENTION_SCHEDULE };

const config = loadConfig(['tableName', 'eventsTopicArn']);

export type RetentionOutcome = { status: 'no_profile' } | { status: 'waiting'; cutoff: string } | PurgeRun;

export const handler = async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<RetentionOutcome> => {
  const existing = await findRun(config.tableName);
  if (existing?.run.status === 'done') return existing.run;
  const profile = await getProfile(config.tableName, { consistent: true });
  if (!profile) return { status: 'no_profile' };
  const cutoff = purgeCutoff(profile);
  if (!existing && clock.nowMs() < Date.parse(cutoff)) return { status: 'waiting', cutoff };
  const ctx = { tableName: config.tableName, topicArn: config.eventsTopicArn, service: SERVICE, correlationId: `retention-${clock.iso()}` };
  if (!existing) await startRun(config.tableName, { trigger: 'schedule', requestedBy: null, cutoff });
  const run = (await continuePurge(ctx, { remainingMs: context ? () => context.getRemainingTimeInMillis() : () => Number.POSITIVE_INFINITY }))!;
  log.info('retention purge', { purgeId: run.purgeId, status: run.status, people: run.people, purged: run.purged });
  return run;
};
