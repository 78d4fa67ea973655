// The escalation schedule (every minute): escalates what is past its due time, on the clock module's time.
import { clock } from '@liaison/kit/clock';
import { loadConfig } from '@liaison/kit/config';
import { log } from '@liaison/kit/log';
import { SERVICE } from '../store/context';
import { sweepEscalations, type SweepStats } from '../store/escalation';

const config = loadConfig(['tableName', 'eventsTopicArn']);

export const handler = async (): Promise<SweepStats> => {
  const now = clock.iso();
  const stats = await sweepEscalations({ tableName: config.tableName, topicArn: config.eventsTopicArn, service: SERVICE, correlationId: `escalation-${now}` }, now);
  if (stats.read > 0) log.info('escalation sweep', { ...stats });
  return stats;
};
