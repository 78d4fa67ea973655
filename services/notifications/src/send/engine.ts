// Sending one claimed delivery: paced per channel, tried up to MAX_TRIES times when the failure says it
// did not go out, then settled `sent` or `failed` by a conditional move from `pending` (with its
// broadcast counts). Also what deliver() and the deferred schedule share: the process's config, pacers
// and a bounded pool of sends in flight.
import { clock } from '@liaison/kit/clock';
import { loadConfig } from '@liaison/kit/config';
import { emitMetrics, METRICS } from '@liaison/kit/metrics';
import { log } from '@liaison/kit/log';
import { getDelivery, moveDelivery, moveDeliveries, MOVE_GROUP, OUTCOME_UNKNOWN, StaleDeliveryError, type DeliveryRecord, type Move } from '../store/deliveries';
import type { Channel } from '../types';
import { TokenBucket } from './pace';
import { awsSenders, type Senders, type SmsType } from './providers';
import { processRate } from './rates';
import { backoffMs, classify, MAX_TRIES, type Verdict } from './retry';

/** Provider calls in flight at once per process (the bench's raw baseline uses the same). */
export const SEND_PARALLELISM = 16;

/**
 * How long a `pending` claim is its sender's: the longest a Lambda function runs. A record still
 * pending after it belongs to a process that died between claim and answer: it ends `failed`
 * 'outcome unknown', never sent again.
 */
export const LEASE_MS = 15 * 60_000;

let config: { smsSenderId: string; emailFrom: string } | null = null;
/** The sender id and from address, read at the first send (a process that never sends needs neither). */
function senderConfig(): { smsSenderId: string; emailFrom: string } {
  config ??= loadConfig(['smsSenderId', 'emailFrom']);
  return config;
}

const pacers = new Map<Channel, TokenBucket>();
export function pacer(channel: Channel): TokenBucket {
  let p = pacers.get(channel);
  if (!p) pacers.set(channel, (p = new TokenBucket(processRate(channel))));
  return p;
}

/** Drops the pacers (tests and benches that change the rate variables). */
export function resetPacing(): void {
  pacers.clear();
}

/** Counts of what this call sent, emitted as one EMF line. */
export class Tally {
  readonly counts = { sms: { sent: 0, failed: 0 }, email: { sent: 0, failed: 0 } };
  add(r: DeliveryRecord): void {
    if (r.status === 'sent' || r.status === 'failed') this.counts[r.channel][r.status] += 1;
  }
  emit(): void {
    const { sms, email } = this.counts;
    if (sms.sent + sms.failed + email.sent + email.failed === 0) return;
    emitMetrics('notifications', { [METRICS.smsSent]: sms.sent, [METRICS.smsFailed]: sms.failed, [METRICS.emailSent]: email.sent, [METRICS.emailFailed]: email.failed });
  }
}

/** SMS type: Promotional only for a normal broadcast; alerts and everything automatic are Transactional. */
function smsType(r: DeliveryRecord): SmsType {
  return r.broadcastId && r.priority === 'normal' ? 'Promotional' : 'Transactional';
}

async function callProvider(r: DeliveryRecord, senders: Senders): Promise<string> {
  if (!r.to || r.body === null) throw Object.assign(new Error('nothing to send'), { name: 'NothingToSend' });
  const cfg = senderConfig();
  return r.channel === 'sms'
    ? senders.sms({ to: r.to, body: r.body, senderId: cfg.smsSenderId, type: smsType(r) })
    : senders.email({ to: r.to, from: cfg.emailFrom, subject: r.subject ?? '', body: r.body });
}

/** What became of one send: the move that settles its record. */
export type Settlement = { next: 'sent' | 'failed'; set: Partial<DeliveryRecord> };

/** Sends a record this process holds `pending` (paced, retried while the failure says it did not go out); answers how to settle it. */
export async function sendDelivery(r: DeliveryRecord, senders: Senders = awsSenders): Promise<Settlement> {
  let attempts = r.attempts;
  let verdict: Verdict | null = null;
  let providerId = '';
  for (let tryNo = 1; tryNo <= MAX_TRIES; tryNo++) {
    if (tryNo > 1) await new Promise((done) => setTimeout(done, backoffMs(tryNo)));
    await pacer(r.channel).take();
    attempts += 1;
    try {
      providerId = await callProvider(r, senders);
      verdict = null;
      break;
    } catch (err) {
      verdict = classify(err);
      if (verdict.kind !== 'retry') break;
    }
  }
  if (verdict === null) return { next: 'sent', set: { sentAt: clock.iso(), providerId, attempts, leaseUntil: null } };
  const reason = verdict.kind === 'unknown' ? `${OUTCOME_UNKNOWN}: ${verdict.reason}` : verdict.kind === 'retry' ? `${verdict.reason} after ${MAX_TRIES} tries` : verdict.reason;
  log.warn('delivery failed', { deliveryId: r.id, channel: r.channel, attempts, reason });
  return { next: 'failed', set: { reason, attempts, leaseUntil: null } };
}

/** Sends a record this process holds `pending` and settles it alone; returns it as stored after. */
export async function sendAndSettle(tableName: string, r: DeliveryRecord, senders: Senders = awsSenders): Promise<DeliveryRecord> {
  const { next, set } = await sendDelivery(r, senders);
  const [after] = await moveDeliveries(tableName, [{ record: r, next, set }]);
  return after!;
}

/**
 * Settles sends in groups: a move waits at most LINGER_MS for others to share its transaction (one
 * transaction, and one update per counter shard, for up to MOVE_GROUP sends). A process that dies in
 * between leaves its records pending: they end 'outcome unknown', never sent twice.
 */
export class Settler {
  private buffer: { move: Move; done: (r: DeliveryRecord) => void; fail: (err: unknown) => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly flushing = new Set<Promise<void>>();

  constructor(private readonly tableName: string) {}

  settle(record: DeliveryRecord, s: Settlement): Promise<DeliveryRecord> {
    return new Promise((done, fail) => {
      this.buffer.push({ move: { record, next: s.next, set: s.set }, done, fail });
      if (this.buffer.length >= MOVE_GROUP) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), LINGER_MS);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const group = this.buffer.splice(0, MOVE_GROUP);
    if (this.buffer.length > 0) this.timer = setTimeout(() => this.flush(), 0);
    if (group.length === 0) return;
    const p: Promise<void> = moveDeliveries(this.tableName, group.map((g) => g.move))
      .then((after) => group.forEach((g, i) => g.done(after[i]!)))
      .catch((err: unknown) => group.forEach((g) => g.fail(err)))
      .finally(() => this.flushing.delete(p));
    this.flushing.add(p);
  }

  /** Flushes what is waiting and resolves when every flush has ended. */
  async close(): Promise<void> {
    while (this.buffer.length > 0) this.flush();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await Promise.all(this.flushing);
  }
}

/** How long a settled send waits for others to share its transaction. */
const LINGER_MS = 100;

/** A stored `pending` record past its lease: its sender died between claim and answer. Ends `failed`, never resent. */
export async function expireIfAbandoned(tableName: string, r: DeliveryRecord, nowMs: number): Promise<DeliveryRecord> {
  if (r.status !== 'pending' || (r.leaseUntil !== null && Date.parse(r.leaseUntil) > nowMs)) return r;
  try {
    return await moveDelivery(tableName, r, 'failed', { reason: OUTCOME_UNKNOWN, leaseUntil: null });
  } catch (err) {
    if (!(err instanceof StaleDeliveryError)) throw err;
    return (await getDelivery(tableName, r.id)) ?? r;
  }
}

/** A process-wide bound on provider calls in flight: every deliver() of the process shares it. */
class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<() => void> {
    if (this.free > 0) this.free -= 1;
    else await new Promise<void>((r) => this.waiting.push(r));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free += 1;
    };
  }
}

const sendSlots = new Slots(SEND_PARALLELISM);

/** One caller's sends: each takes a process-wide slot (SEND_PARALLELISM in all); `drain` waits for this caller's and throws its first failure. */
export class Pool {
  private running = new Set<Promise<void>>();
  private failure: unknown = null;

  /** Resolves when the task has a slot. */
  async start(task: () => Promise<void>): Promise<void> {
    const release = await sendSlots.acquire();
    const p: Promise<void> = task()
      .catch((err: unknown) => {
        this.failure ??= err;
      })
      .finally(() => {
        release();
        this.running.delete(p);
      });
    this.running.add(p);
  }

  get failed(): boolean {
    return this.failure !== null;
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    if (this.failure !== null) throw this.failure;
  }
}
