// Coalescing state per (subject, recipient): when the last message about a trip, stay, meeting or ticket
// went to someone, and the message held back while the window after it is open (the latest replaces the
// earlier one). The decision is the domain's `coalesce()`; this keeps its state with conditional writes
// and sends what was held once the window has closed (the `held-digests` schedule).
//
//   NOTIFY#SUBJECT#<subject>#<rcpt> / COALESCE   gsi2 NOTIFY#HELD / <dueAt ISO>#<subject>#<rcpt> (while held)
//
// Redelivered events: each state keeps the last causes it saw, so a message already held or superseded
// is not held again (and one whose cause was the last sent is handed to deliver again, whose records
// make that a no-op if it went). An event older than the newest one seen for the pair is stale: the
// recipient has heard, or will hear, a later state.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import { getItem, type Item } from '@liaison/kit/ddb/table';
import { setExpression } from '@liaison/kit/ddb/writes';
import { coalesce } from '../domain/coalesce';
import type { DeliveryOutcome, MessageRequest } from '../types';
import { dueItems } from './due';
import { keys, partitions, recipientKey } from './keys';

/** How many recent causes a state remembers (a burst of edits within one window is well under this). */
const SEEN = 20;
/** A held message due this close to now may already be in a digest run: a newer one gets a later due time (a new cause). */
const CLOSING_MS = 5_000;
const KEEP_SECONDS = 7 * 24 * 3600;

export interface Coalescible {
  request: MessageRequest;
  /** When the event behind it happened (its `occurredAt`), to tell a late event from a newer one. */
  atMs: number;
}

interface SubjectItem {
  version: number;
  lastSentAtMs: number | null;
  lastCause: string | null;
  latestAtMs: number;
  seen: string[];
  held: MessageRequest | null;
  dueAtMs: number | null;
}

function toState(item: Item | null): SubjectItem | null {
  if (!item) return null;
  return {
    version: item.version as number,
    lastSentAtMs: (item.lastSentAtMs as number | undefined) ?? null,
    lastCause: (item.lastCause as string | undefined) ?? null,
    latestAtMs: (item.latestAtMs as number | undefined) ?? 0,
    seen: (item.seen as string[] | undefined) ?? [],
    held: (item.held as MessageRequest | undefined) ?? null,
    dueAtMs: (item.dueAtMs as number | undefined) ?? null,
  };
}

const heldSort = (dueAtMs: number, subject: string, rcpt: string) => `${new Date(dueAtMs).toISOString()}#${subject}#${rcpt}`;

/** Digest cause: one per held message and window, the same for every run that sends it. */
export const digestCause = (subject: string, rcpt: string, dueAtMs: number) => `digest:${subject}:${rcpt}:${new Date(dueAtMs).toISOString()}`;

/** Writes `set` over the state read (`version` condition); false when someone else wrote first. */
async function writeState(tableName: string, subject: string, rcpt: string, read: SubjectItem | null, set: Record<string, unknown>, nowMs: number): Promise<boolean> {
  const update = setExpression({ ...set, subject, recipient: rcpt, version: (read?.version ?? 0) + 1, expiresAt: Math.floor(nowMs / 1000) + KEEP_SECONDS });
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.subject(subject, rcpt),
        UpdateExpression: update.expression,
        ConditionExpression: read ? '#ver = :read' : 'attribute_not_exists(pk)',
        ExpressionAttributeNames: { ...update.names, ...(read ? { '#ver': 'version' } : {}) },
        ExpressionAttributeValues: { ...update.values, ...(read ? { ':read': read.version } : {}) },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

const remember = (seen: string[], cause: string) => [...seen.filter((c) => c !== cause), cause].slice(-SEEN);

type Step = 'send' | 'held' | 'dropped';

async function coalesceOne(tableName: string, { request, atMs }: Coalescible, windowMs: number, nowMs: number): Promise<Step> {
  const subject = request.subject as string;
  const rcpt = recipientKey(request.recipient);
  for (let attempt = 0; ; attempt++) {
    const state = toState(await getItem(tableName, keys.subject(subject, rcpt), true));
    if (state?.seen.includes(request.cause)) return state.lastCause === request.cause ? 'send' : 'dropped';
    if (state && atMs < state.latestAtMs) return 'dropped';
    const decision = coalesce({
      state: state ? { lastSentAtMs: state.lastSentAtMs, held: state.held && state.dueAtMs !== null ? { dueAtMs: state.dueAtMs } : null } : null,
      nowMs,
      windowMs,
      priority: request.priority,
    });
    const common = { latestAtMs: Math.max(atMs, state?.latestAtMs ?? 0), seen: remember(state?.seen ?? [], request.cause) };
    let ok: boolean;
    if (decision.action === 'send') {
      ok = await writeState(tableName, subject, rcpt, state, { ...common, lastSentAtMs: nowMs, lastCause: request.cause, held: undefined, dueAtMs: undefined, gsi2pk: undefined, gsi2sk: undefined }, nowMs);
    } else {
      const dueAtMs = decision.dueAtMs <= nowMs + CLOSING_MS && state?.held ? Math.max(nowMs, decision.dueAtMs) + CLOSING_MS : decision.dueAtMs;
      ok = await writeState(tableName, subject, rcpt, state, { ...common, held: request, dueAtMs, gsi2pk: partitions.heldDigests, gsi2sk: heldSort(dueAtMs, subject, rcpt) }, nowMs);
    }
    if (ok) return decision.action === 'send' ? 'send' : 'held';
    if (attempt >= 8) throw new Error(`coalescing state of ${subject} kept changing under us`);
  }
}

/**
 * Decides for each message whether it goes now or waits (messages without a subject, and emergencies,
 * always go now) and records the state; returns the ones to deliver now.
 */
export async function coalesceRequests(tableName: string, items: Coalescible[], windowMs: number, nowMs: number, parallel = 16): Promise<{ now: MessageRequest[]; held: number; dropped: number }> {
  const out = { now: [] as MessageRequest[], held: 0, dropped: 0 };
  for (let i = 0; i < items.length; i += parallel) {
    const steps = await Promise.all(
      items.slice(i, i + parallel).map(async (item) => {
        if (!item.request.subject || item.request.priority === 'emergency') return 'send' as const;
        return coalesceOne(tableName, item, windowMs, nowMs);
      }),
    );
    steps.forEach((step, j) => {
      if (step === 'send') out.now.push((items[i + j] as Coalescible).request);
      else if (step === 'held') out.held += 1;
      else out.dropped += 1;
    });
  }
  return out;
}

// ---- digests

export interface HeldDigest {
  subject: string;
  recipient: string;
  version: number;
  dueAtMs: number;
  held: MessageRequest;
}

/** One page of held messages whose window has closed by `nowMs`, earliest first (index query, no Scan). */
export async function dueDigests(tableName: string, nowMs: number, limit: number, cursor?: Record<string, unknown>): Promise<{ items: HeldDigest[]; next: Record<string, unknown> | null }> {
  const page = await dueItems(tableName, partitions.heldDigests, nowMs, limit, cursor);
  const items = page.items.flatMap((item) =>
    item.held && typeof item.dueAtMs === 'number'
      ? [{ subject: item.subject as string, recipient: item.recipient as string, version: item.version as number, dueAtMs: item.dueAtMs, held: item.held as MessageRequest }]
      : [],
  );
  return { items, next: page.next };
}

/** The held message as it goes out: the final state, under the digest's own cause. */
export function digestRequest(d: HeldDigest): MessageRequest {
  return { ...d.held, cause: digestCause(d.subject, d.recipient, d.dueAtMs) };
}

/**
 * After the digest went to deliver: the window restarts from now and nothing is held any more, on
 * condition that nothing newer was held meanwhile (then it stays held, under a later due time, for the
 * next run). False when the state moved on.
 */
export async function settleDigest(tableName: string, d: HeldDigest, nowMs: number): Promise<boolean> {
  const cause = digestCause(d.subject, d.recipient, d.dueAtMs);
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keys.subject(d.subject, d.recipient),
        UpdateExpression: 'SET lastSentAtMs = :now, lastCause = :cause, #ver = :next REMOVE held, dueAtMs, gsi2pk, gsi2sk',
        ConditionExpression: '#ver = :read',
        ExpressionAttributeNames: { '#ver': 'version' },
        ExpressionAttributeValues: { ':now': nowMs, ':cause': cause, ':next': d.version + 1, ':read': d.version },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

/** Sends every due digest, page by page, until none is due or time runs short; two runs send each once. */
export async function sweepDigests(
  tableName: string,
  nowMs: number,
  send: (requests: MessageRequest[]) => Promise<DeliveryOutcome[]>,
  opts: { remainingMs?: () => number; pageSize?: number } = {},
): Promise<{ read: number; sent: number; moved: number; more: boolean }> {
  const stats = { read: 0, sent: 0, moved: 0, more: false };
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dueDigests(tableName, nowMs, opts.pageSize ?? 50, cursor);
    stats.read += page.items.length;
    if (page.items.length > 0) {
      await send(page.items.map(digestRequest));
      const settled = await Promise.all(page.items.map((d) => settleDigest(tableName, d, nowMs)));
      stats.sent += settled.filter(Boolean).length;
      stats.moved += settled.filter((s) => !s).length;
    }
    cursor = page.next ?? undefined;
    if (cursor && opts.remainingMs && opts.remainingMs() < 10_000) {
      stats.more = true;
      break;
    }
  } while (cursor);
  return stats;
}
