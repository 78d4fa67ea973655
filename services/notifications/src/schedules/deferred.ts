// The `deferred-sends` schedule (every minute): sends the deferred deliveries whose time has come (read
// from gsi2 `DELIVERIES#STATUS#deferred`, sorted by sendAt) and ends the abandoned ones (`pending` past
// their lease: `failed` 'outcome unknown', never resent). Before sending it asks again whether the person
// still exists and still consents (their current address is used); a record moves deferred → pending
// on condition of its version, so two runs that overlap send it once.
import type { Context } from 'aws-lambda';
import type { Person } from '@liaison/contracts';
import { getPeople } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { loadConfig } from '@liaison/kit/config';
import { log } from '@liaison/kit/log';
import { planChannels } from '../domain/channels';
import { UNKNOWN_PERSON } from '../send/compose';
import { profileOf } from '../send/deliver';
import { expireIfAbandoned, LEASE_MS, Pool, sendAndSettle, Tally } from '../send/engine';
import { awsSenders, type Senders } from '../send/providers';
import { dueWithStatus, moveDelivery, StaleDeliveryError, type DeliveryRecord } from '../store/deliveries';

export const DEFERRED_SCHEDULE = 'deferred-sends';

export interface DeferredStats {
  sent: number;
  failed: number;
  skipped: number;
  /** Abandoned `pending` records ended as failed 'outcome unknown'. */
  abandoned: number;
  /** Stopped for lack of time; the next run goes on. */
  more: boolean;
}

export interface DeferredOptions {
  nowMs?: number;
  senders?: Senders;
  remainingMs?: () => number;
}

/** Stop taking pages with less than this left. */
const RESERVE_MS = 20_000;

type Next = { kind: 'send'; to: string | null } | { kind: 'skip'; reason: string } | { kind: 'wait' };

/** What to do with a due deferred record now, asking the directory again. */
function decide(r: DeliveryRecord, person: Person | undefined, profile: Awaited<ReturnType<typeof profileOf>>, nowMs: number): Next {
  if (r.personId === null) return { kind: 'send', to: r.to };
  if (!person) return { kind: 'skip', reason: UNKNOWN_PERSON };
  const contact = { phone: person.phone, email: person.email, consent: person.consent };
  const [plan] = planChannels({ contact, requested: [r.channel], priority: r.priority, profile, nowMs });
  if (!plan || plan.action === 'defer') return { kind: 'wait' };
  if (plan.action === 'skip') return { kind: 'skip', reason: plan.reason };
  return { kind: 'send', to: r.channel === 'sms' ? person.phone : person.email };
}

async function move(tableName: string, r: DeliveryRecord, next: 'pending' | 'skipped', set: Partial<DeliveryRecord>): Promise<DeliveryRecord | null> {
  try {
    return await moveDelivery(tableName, r, next, set);
  } catch (err) {
    if (err instanceof StaleDeliveryError) return null; // another run took it
    throw err;
  }
}

export async function sendDeferred(tableName: string, opts: DeferredOptions = {}): Promise<DeferredStats> {
  const nowMs = opts.nowMs ?? clock.nowMs();
  const nowIso = new Date(nowMs).toISOString();
  const stats: DeferredStats = { sent: 0, failed: 0, skipped: 0, abandoned: 0, more: false };
  const short = () => opts.remainingMs !== undefined && opts.remainingMs() < RESERVE_MS;

  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dueWithStatus(tableName, 'pending', nowIso, startKey);
    for (const r of page.records) if ((await expireIfAbandoned(tableName, r, nowMs)).status === 'failed' && r.status === 'pending') stats.abandoned += 1;
    startKey = page.next;
  } while (startKey && !short());

  const profile = await profileOf(tableName);
  const tally = new Tally();
  const pool = new Pool();
  try {
    do {
      if (short()) {
        stats.more = true;
        break;
      }
      const page = await dueWithStatus(tableName, 'deferred', nowIso, startKey);
      const people = new Map((await getPeople(tableName, [...new Set(page.records.flatMap((r) => (r.personId ? [r.personId] : [])))])).map((p) => [p.id, p]));
      for (const r of page.records) {
        const next = decide(r, r.personId ? people.get(r.personId) : undefined, profile, nowMs);
        if (next.kind === 'wait') continue;
        if (next.kind === 'skip' || !next.to) {
          if (await move(tableName, r, 'skipped', { reason: next.kind === 'skip' ? next.reason : 'no address' })) stats.skipped += 1;
          continue;
        }
        const claimed = await move(tableName, r, 'pending', { to: next.to, reason: null, leaseUntil: new Date(nowMs + LEASE_MS).toISOString() });
        if (!claimed) continue;
        await pool.start(async () => {
          const done = await sendAndSettle(tableName, claimed, opts.senders ?? awsSenders);
          tally.add(done);
          if (done.status === 'sent') stats.sent += 1;
          else if (done.status === 'failed') stats.failed += 1;
        });
      }
      startKey = page.next;
    } while (startKey);
    await pool.drain();
  } finally {
    tally.emit();
  }
  return stats;
}

const config = loadConfig(['tableName']);

export const handler = async (_event: unknown, context?: Pick<Context, 'getRemainingTimeInMillis'>): Promise<DeferredStats> => {
  const stats = await sendDeferred(config.tableName, context ? { remainingMs: () => context.getRemainingTimeInMillis() } : {});
  if (stats.sent + stats.failed + stats.skipped + stats.abandoned > 0) log.info('deferred sends', { ...stats });
  if (stats.more) log.warn('deferred sends ran out of time; the next run goes on', { ...stats });
  return stats;
};
