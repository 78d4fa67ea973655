// The `sends` worker: delivers a chunk of a broadcast's audience, or requests handed over by another
// part of the service. A message that is not a sends message fails alone (the kit's worker reports it
// as a batch item failure: after maxReceiveCount receives it is in the DLQ, the rest of the batch
// unaffected). A run that is short of time hands the same message back to the queue: what it sent is
// recorded, so the next run sends only the rest.
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { loadConfig, loadWorkQueueUrl } from '@liaison/kit/config';
import { log } from '@liaison/kit/log';
import { sendWork, worker, type WorkInfo } from '@liaison/kit/work/queue';
import { deliver, OutOfTimeError, sendBroadcastChunk, type DeliverOptions } from '../send/deliver';
import { parseSendsMessage, sendsQueue, type SendsMessage } from './sends-queue';

export { parseSendsMessage, sendsQueue, type SendsMessage } from './sends-queue';

const config = loadConfig(['tableName']);
const queueUrl = loadWorkQueueUrl(sendsQueue.name);

export async function handleSends(message: SendsMessage, info: Pick<WorkInfo, 'context'>, opts: DeliverOptions = {}): Promise<void> {
  const options: DeliverOptions = {
    tableName: config.tableName,
    ...(typeof info.context?.getRemainingTimeInMillis === 'function' ? { remainingMs: () => info.context.getRemainingTimeInMillis() } : {}),
    ...opts,
  };
  try {
    if (message.kind === 'broadcast') await sendBroadcastChunk(message.broadcastId, message.personIds, options);
    else await deliver(message.requests, options);
  } catch (err) {
    if (!(err instanceof OutOfTimeError)) throw err;
    log.warn('sends: out of time, handing the message back', { kind: message.kind, reason: err.message });
    await sendWork(queueUrl, [message]);
  }
}

const one = worker<SendsMessage>({
  service: 'notifications',
  spec: sendsQueue,
  parse: parseSendsMessage,
  handle: (message, info) => handleSends(message, info),
});

/**
 * The messages of a batch run at once (their sends share the process's slots), so that one message's
 * reads and claims overlap another's sends; each still fails alone (the kit's worker, one record each).
 */
export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
  const answers = await Promise.all(event.Records.map((record) => one({ Records: [record] }, context)));
  return { batchItemFailures: answers.flatMap((a) => a.batchItemFailures) };
};
