// Polls one consumer queue and invokes its function with SQS batch events, as Lambda's event source
// mapping does: the queue's own visibility timeout, partial batch failures (only successes are
// deleted; an unknown item id or a thrown error fails the whole batch), and moto's redrive to the DLQ.
import { DeleteMessageBatchCommand, ReceiveMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { invoke, type LocalFunction } from './lambda';
import type { ConsumerModel } from './model';

export interface PollerOptions {
  sqs: SQSClient;
  consumer: ConsumerModel;
  fn: LocalFunction;
  queueUrl: string;
  queueName: string;
  region: string;
  /** Seconds a receive waits for messages; short, so that stopping is quick. */
  waitSeconds?: number;
  log: (line: string) => void;
  logError?: (text: string) => void;
}

export interface BatchOutcome {
  size: number;
  failed: number;
  /** The whole batch failed: thrown, timed out, or an unusable batchItemFailures answer. */
  wholeBatch: boolean;
  ms: number;
}

/** Lambda's shape of a message attribute: lower-camel names and always-present list fields. */
function lambdaAttributes(message: Message): SQSRecord['messageAttributes'] {
  const out: SQSRecord['messageAttributes'] = {};
  for (const [name, a] of Object.entries(message.MessageAttributes ?? {})) {
    out[name] = {
      ...(a.StringValue !== undefined ? { stringValue: a.StringValue } : {}),
      ...(a.BinaryValue !== undefined ? { binaryValue: Buffer.from(a.BinaryValue).toString('base64') } : {}),
      stringListValues: a.StringListValues ?? [],
      binaryListValues: (a.BinaryListValues ?? []).map((b) => Buffer.from(b).toString('base64')),
      dataType: a.DataType ?? 'String',
    };
  }
  return out;
}

export function toSqsRecord(message: Message, queueArn: string, region: string): SQSRecord {
  const attrs = message.Attributes ?? {};
  const record: SQSRecord = {
    messageId: message.MessageId!,
    receiptHandle: message.ReceiptHandle!,
    body: message.Body ?? '',
    attributes: {
      ApproximateReceiveCount: attrs.ApproximateReceiveCount ?? '1',
      SentTimestamp: attrs.SentTimestamp ?? String(Date.now()),
      SenderId: attrs.SenderId ?? 'AIDAIENQZJOLO23YVJ4VO',
      ApproximateFirstReceiveTimestamp: attrs.ApproximateFirstReceiveTimestamp ?? String(Date.now()),
      ...(attrs.AWSTraceHeader ? { AWSTraceHeader: attrs.AWSTraceHeader } : {}),
      ...(attrs.MessageGroupId ? { MessageGroupId: attrs.MessageGroupId } : {}),
      ...(attrs.MessageDeduplicationId ? { MessageDeduplicationId: attrs.MessageDeduplicationId } : {}),
      ...(attrs.SequenceNumber ? { SequenceNumber: attrs.SequenceNumber } : {}),
    },
    messageAttributes: lambdaAttributes(message),
    md5OfBody: message.MD5OfBody ?? '',
    eventSource: 'aws:sqs',
    eventSourceARN: queueArn,
    awsRegion: region,
  };
  if (message.MD5OfMessageAttributes) (record as SQSRecord & { md5OfMessageAttributes?: string }).md5OfMessageAttributes = message.MD5OfMessageAttributes;
  return record;
}

/**
 * Which messages to delete after an invocation. `null` means none: the whole batch failed and
 * every message comes back after its visibility timeout.
 */
export function successfulMessages(records: SQSRecord[], result: unknown, reportBatchItemFailures: boolean): SQSRecord[] | null {
  if (!reportBatchItemFailures || result === null || result === undefined) return records;
  if (typeof result !== 'object') return records;
  const failures = (result as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return records;
  if (!Array.isArray(failures)) return null;
  const ids = new Set(records.map((r) => r.messageId));
  const failed = new Set<string>();
  for (const f of failures) {
    const id = (f as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '' || !ids.has(id)) return null; // Lambda then fails the whole batch
    failed.add(id);
  }
  return records.filter((r) => !failed.has(r.messageId));
}

export class QueuePoller {
  private stopped = false;
  private readonly abort = new AbortController();
  private loop: Promise<void> | null = null;
  /** Resolves when the first receive call has been answered: the queue is being served. */
  readonly started: Promise<void>;
  private markStarted!: () => void;

  constructor(private readonly opts: PollerOptions) {
    this.started = new Promise((resolve) => (this.markStarted = resolve));
  }

  start(): void {
    this.loop ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop;
  }

  private async run(): Promise<void> {
    let backoffMs = 250;
    while (!this.stopped) {
      try {
        const messages = await this.receive();
        this.markStarted();
        backoffMs = 250;
        if (messages.length > 0) await this.deliver(messages);
      } catch (err) {
        if (this.stopped) break;
        this.opts.log(`⚠ ${this.opts.queueName}: receive failed (${(err as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, backoffMs));
        backoffMs = Math.min(backoffMs * 2, 5000);
      }
    }
  }

  private async receive(): Promise<Message[]> {
    const { consumer } = this.opts;
    const messages: Message[] = [];
    const windowEnds = Date.now() + consumer.maxBatchingWindowSeconds * 1000;
    for (;;) {
      const wait = messages.length === 0 ? (this.opts.waitSeconds ?? 2) : Math.max(0, Math.min(20, Math.floor((windowEnds - Date.now()) / 1000)));
      const out = await this.opts.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.opts.queueUrl,
          MaxNumberOfMessages: Math.min(10, consumer.batchSize - messages.length),
          WaitTimeSeconds: wait,
          MessageSystemAttributeNames: ['All'],
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: this.abort.signal },
      );
      messages.push(...(out.Messages ?? []));
      // Batches over 10 (or a batching window) take several receives, as Lambda's poller does.
      if (messages.length === 0 || messages.length >= consumer.batchSize || (out.Messages ?? []).length === 0 || Date.now() >= windowEnds) break;
      if (this.stopped) break;
    }
    return messages;
  }

  /** Invokes the function with one batch and deletes what succeeded. */
  async deliver(messages: Message[]): Promise<BatchOutcome> {
    const { consumer, fn } = this.opts;
    const records = messages.map((m) => toSqsRecord(m, consumer.queueArn, this.opts.region));
    const event: SQSEvent = { Records: records };
    const result = await invoke(fn, event);
    let succeeded: SQSRecord[] | null = null;
    let why = '';
    if (result.ok) {
      succeeded = successfulMessages(records, result.value, consumer.reportBatchItemFailures);
      if (!succeeded) why = ' (batchItemFailures named an unknown message)';
    } else {
      why = result.timedOut ? ' (timed out)' : ` (${result.error.name}: ${result.error.message})`;
      this.opts.logError?.(`${fn.model.logicalId} ${result.timedOut ? 'timed out' : 'failed'} on a batch of ${records.length}: ${result.error.stack ?? result.error.message}`);
    }
    if (succeeded && succeeded.length > 0) {
      for (let i = 0; i < succeeded.length; i += 10) {
        const chunk = succeeded.slice(i, i + 10);
        const out = await this.opts.sqs.send(
          new DeleteMessageBatchCommand({ QueueUrl: this.opts.queueUrl, Entries: chunk.map((r, j) => ({ Id: String(j), ReceiptHandle: r.receiptHandle })) }),
        );
        if (out.Failed && out.Failed.length > 0) this.opts.log(`⚠ ${this.opts.queueName}: ${out.Failed.length} delete(s) failed; those messages will come back`);
      }
    }
    const failed = succeeded ? records.length - succeeded.length : records.length;
    const outcome = { size: records.length, failed, wholeBatch: succeeded === null, ms: result.ms };
    this.opts.log(`⇄ ${this.opts.queueName} → ${fn.model.localName ?? fn.model.logicalId}: ${records.length} msg, ${failed} failed${why}, ${result.ms}ms`);
    return outcome;
  }
}
