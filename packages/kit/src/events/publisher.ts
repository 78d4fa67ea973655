// Publishes domain events to the stack's SNS topic, ten a request, with a `type` message attribute
// that the consumers' subscription filter policies match on. Requests are signed and sent by
// ../aws/sns.ts (no SNS client to parse at cold start).
import type { Envelope } from '@liaison/contracts';
import { snsPublishBatch } from '../aws/sns';

export class PublishError extends Error {}

/** Attempts of one request (throttling, the service's 5xx, a broken connection), as the SDK client had. */
const REQUEST_ATTEMPTS = 5;

export async function publishEvents(topicArn: string, events: readonly Envelope[]): Promise<void> {
  const chunks: Envelope[][] = [];
  for (let i = 0; i < events.length; i += 10) chunks.push(events.slice(i, i + 10));
  await Promise.all(chunks.map((chunk) => publishChunk(topicArn, chunk)));
}

async function publishChunk(topicArn: string, chunk: Envelope[]): Promise<void> {
  let pending = chunk;
  for (let attempt = 0; attempt < 4 && pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
    const failures = await snsPublishBatch(
      topicArn,
      pending.map((e, i) => ({ id: String(i), message: JSON.stringify(e), attributes: { type: e.type, source: e.source } })),
      { attempts: REQUEST_ATTEMPTS },
    );
    const failed = new Set(failures.map((f) => Number(f.id)));
    pending = pending.filter((_, i) => failed.has(i));
  }
  if (pending.length > 0) throw new PublishError(`${pending.length} event(s) were not accepted by SNS`);
}
