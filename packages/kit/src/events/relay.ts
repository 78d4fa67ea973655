// The outbox relay, scheduled every minute: publishes events whose inline publish did not happen.
import { loadConfig } from '../config';
import { log } from '../log';
import { relayOutbox } from './outbox';

const config = loadConfig(['tableName', 'eventsTopicArn']);

export const handler = async (): Promise<{ entries: number; events: number; failed: number }> => {
  const stats = await relayOutbox({ tableName: config.tableName, topicArn: config.eventsTopicArn });
  if (stats.entries > 0) log.info('outbox relayed', stats);
  if (stats.failed > 0) throw new Error(`${stats.failed} outbox entr(ies) could not be published`);
  return stats;
};
