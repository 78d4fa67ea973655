// The escalation schedule (every minute): escalates what is past its due time, on the clock module's time.
import type { Context } from 'aws-lambda';
import { clock } from '@liaison/kit/clock';
import { loadConfig } from '@liaison/kit/config';
import { log } from '@liaison/kit/log';
import { emitMetrics, METRICS } from '@liaison/kit/metrics';
import { SERVICE } from '../store/context';
import { sweepEscalations, type SweepStats } from '../store/escalation';
import { ticketGauges } from '../store/gauges';

const config = loadConfig(['tableName', 'eventsTopicArn']);

export const handler = async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<SweepStats> => {
  const now = clock.iso();
  const stats = await sweepEscalations({ tableName: config.tableName, topicArn: config.eventsTopicArn, service: SERVICE, correlationId: `escalation-${now}` }, now, {
    remainingMs: context ? () => context.getRemainingTimeInMillis() : undefined,
  });
  if (stats.read > 0) log.info('escalation sweep', { ...stats });
  if (stats.more) log.warn('escalation sweep ran out of time; the next run goes on', { ...stats });
  // The dashboard's ticket gauges and the overdue-critical alarm: one EMF line a minute.
  const gauges = await ticketGauges(config.tableName, now);
  emitMetrics(SERVICE, { [METRICS.ticketsOpen]: gauges.open, [METRICS.ticketsOverdue]: gauges.overdue, [METRICS.ticketsOverdueCritical]: gauges.overdueCritical });
  return stats;
};
