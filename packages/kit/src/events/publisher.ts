// Publishes domain events to the stack's SNS topic, ten a request, with a `type` message attribute
// that the consumers' subscription filter policies match on.
// The SNS client loads with the first publish: a function that only reads (a GET route, an account
// lookup) never parses it.
import type { Envelope } from '@liaison/contracts';
import { loadOnce } from '../concurrency';

const snsClient = loadOnce(() => import('./sns-client'));

export class PublishError extends Error {}

export async function publishEvents(topicArn: string, events: readonly Envelope[]): Promise<void> {
  const chunks: Envelope[][] = [];
  for (let i = 0; i < events.length; i += 10) chunks.push(events.slice(i, i + 10));
  await Promise.all(chunks.map((chunk) => publishChunk(topicArn, chunk)));
}

async function publishChunk(topicArn: string, chunk: Envelope[]): Promise<void> {
  const { sns, PublishBatchCommand } = await snsClient();
  let pending = chunk;
  for (let attempt = 0; attempt < 4 && pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    const out = await sns.send(
      new PublishBatchCommand({
        TopicArn: topicArn,
        PublishBatchRequestEntries: pending.map((e, i) => ({
          Id: String(i),
          Message: JSON.stringify(e),
          MessageAttributes: {
            type: { DataType: 'String', StringValue: e.type },
            source: { DataType: 'String', StringValue: e.source },
          },
        })),
      }),
    );
    const failed = new Set((out.Failed ?? []).map((f) => Number(f.Id)));
    pending = pending.filter((_, i) => failed.has(i));
  }
  if (pending.length > 0) throw new PublishError(`${pending.length} event(s) were not accepted by SNS`);
}
