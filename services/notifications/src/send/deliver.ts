// deliver(): the only way a message goes out. For each request: the recipient (people read in one
// batch), its channels and text (compose.ts), one record per channel created with
// `attribute_not_exists(pk)` before anything is sent (a record that exists means a redelivery: nothing
// is sent, its stored status is returned), then the sends, paced and retried, each settled `sent` or
// `failed` (engine.ts). Sends are claimed a group at a time just before they go, so a run that is short
// of time stops claiming and leaves the rest, unclaimed, to the next delivery of the same requests.
import type { Language } from '@liaison/contracts';
import { getPeople, getProfile } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { ENV, loadConfig } from '@liaison/kit/config';
import { log } from '@liaison/kit/log';
import type { TemplateTexts } from '../domain/templates';
import { getBroadcast } from '../store/broadcasts';
import { batchGet } from '@liaison/kit/ddb/table';
import { createDeliveries, toDeliveryRecord, type Claim, type DeliveryRecord } from '../store/deliveries';
import { keys } from '../store/keys';
import { getTemplate } from '../store/templates';
import type { DeliveryOutcome, MessageRequest } from '../types';
import { compose, type Profile } from './compose';
import { expireIfAbandoned, LEASE_MS, pacer, Pool, sendDelivery, Settler, Tally } from './engine';
import { awsSenders, type Senders } from './providers';

export interface DeliverOptions {
  tableName?: string;
  /** Domain time to plan with (quiet hours, lease), in ms; default the clock's. */
  now?: number;
  senders?: Senders;
  /** Real milliseconds left in the invocation: no group is claimed that could not be sent in them. */
  remainingMs?: () => number;
}

/** Some sends were left unclaimed for lack of time (none is lost or doubled): deliver the same requests again. */
export class OutOfTimeError extends Error {
  override name = 'OutOfTimeError';
}

/** A record is `pending` within its lease: another process is sending it now. Deliver again later. */
export class DeliveryInFlightError extends Error {
  override name = 'DeliveryInFlightError';
}

/** Sends claimed per transaction (and per time check). */
const CLAIM_GROUP = 25;
/** Room left after a group's paced sends for retries and settling. */
const GROUP_MARGIN_MS = 10_000;
const PROFILE_TTL_MS = 60_000;

let tableFromEnv: string | null = null;
function defaultTable(): string {
  tableFromEnv ??= loadConfig(['tableName']).tableName;
  return tableFromEnv;
}

let cachedProfile: { profile: Profile; atMs: number; table: string } | null = null;

/** The event profile, cached up to 60 s on the clock; before the first PUT /event, the stack's settings. */
export async function profileOf(tableName: string): Promise<Profile> {
  const now = clock.nowMs();
  if (cachedProfile && cachedProfile.table === tableName && now - cachedProfile.atMs < PROFILE_TTL_MS && now >= cachedProfile.atMs) return cachedProfile.profile;
  const stored = await getProfile(tableName);
  const languages = (process.env[ENV.languages] ?? 'en').split(',').filter((l): l is Language => l === 'id' || l === 'en');
  const profile: Profile = stored ?? { name: 'Liaison', timeZone: process.env[ENV.timeZone] ?? 'UTC', languages: languages.length > 0 ? languages : ['en'], quietHours: null };
  cachedProfile = { profile, atMs: now, table: tableName };
  return profile;
}

/** Forgets the cached profile (tests that change it). */
export function forgetProfile(): void {
  cachedProfile = null;
}

/** A template's texts: stored override else built-in default (N1's store, cached a minute per container); null when the key is unknown. */
async function templateTexts(tableName: string, key: string): Promise<TemplateTexts | null> {
  return (await getTemplate(tableName, key))?.texts ?? null;
}

/** Waiting for another process's sends: at most this long, asking every half second. */
const IN_FLIGHT_WAIT_MS = 30_000;

/** The records `ids` as stored once their sender settled them, or as they are after the wait (still pending). */
async function settledElsewhere(tableName: string, ids: readonly string[], remainingMs?: () => number): Promise<DeliveryRecord[]> {
  if (ids.length === 0) return [];
  const started = performance.now();
  for (;;) {
    const records = (await batchGet(tableName, ids.map((id) => keys.delivery(id)), true)).map(toDeliveryRecord);
    const waited = performance.now() - started;
    const left = remainingMs ? remainingMs() - GROUP_MARGIN_MS : Infinity;
    if (records.every((r) => r.status !== 'pending') || waited >= IN_FLIGHT_WAIT_MS || left < 500) return records;
    await new Promise((done) => setTimeout(done, 500));
  }
}

function outcomeOf(r: DeliveryRecord, fresh: boolean): DeliveryOutcome {
  return { deliveryId: r.id, cause: r.cause, personId: r.personId, channel: r.channel, status: r.status as DeliveryOutcome['status'], reason: r.reason, fresh };
}

/** Real time a group of sends needs at this process's rates. */
function groupNeedsMs(group: readonly DeliveryRecord[]): number {
  const sms = group.filter((r) => r.channel === 'sms').length;
  const email = group.length - sms;
  return Math.max(sms / pacer('sms').perSecond, email / pacer('email').perSecond) * 1000 + GROUP_MARGIN_MS;
}

export async function deliver(requests: readonly MessageRequest[], opts: DeliverOptions = {}): Promise<DeliveryOutcome[]> {
  if (requests.length === 0) return [];
  const tableName = opts.tableName ?? defaultTable();
  const senders = opts.senders ?? awsSenders;
  const nowMs = opts.now ?? clock.nowMs();
  const personIds = [...new Set(requests.flatMap((r) => ('personId' in r.recipient ? [r.recipient.personId] : [])))];
  const templateKeys = [...new Set(requests.flatMap((r) => (r.templateKey ? [r.templateKey] : [])))];
  const [profile, people, templates] = await Promise.all([
    profileOf(tableName),
    getPeople(tableName, personIds),
    Promise.all(templateKeys.map(async (k) => [k, await templateTexts(tableName, k)] as const)),
  ]);
  const ctx = { profile, people: new Map(people.map((p) => [p.id, p])), templates: new Map(templates), nowMs, leaseMs: LEASE_MS };
  const planned = requests.flatMap((r) => compose(r, ctx));

  const outcomes = new Map<string, DeliveryOutcome>();
  const inFlight: string[] = [];
  const tally = new Tally();
  const settle = async (claim: Claim): Promise<DeliveryRecord | null> => {
    if (claim.created) return claim.record;
    const r = await expireIfAbandoned(tableName, claim.record, clock.nowMs());
    if (r.status === 'pending') inFlight.push(r.id);
    else outcomes.set(r.id, outcomeOf(r, false));
    return null;
  };

  try {
    // What goes nowhere now (deferred, skipped) is recorded at once.
    for (const claim of await createDeliveries(tableName, planned.filter((r) => r.status !== 'pending'))) {
      if (await settle(claim)) outcomes.set(claim.record.id, outcomeOf(claim.record, true));
    }
    const toSend = planned.filter((r) => r.status === 'pending');
    const pool = new Pool();
    const settler = new Settler(tableName);
    const settling: Promise<void>[] = [];
    let unclaimed = 0;
    for (let i = 0; i < toSend.length && !pool.failed; i += CLAIM_GROUP) {
      const group = toSend.slice(i, i + CLAIM_GROUP);
      if (i > 0 && opts.remainingMs && opts.remainingMs() < groupNeedsMs(group)) {
        unclaimed = toSend.length - i;
        break;
      }
      for (const claim of await createDeliveries(tableName, group)) {
        const mine = await settle(claim);
        if (!mine) continue;
        await pool.start(async () => {
          const settlement = await sendDelivery(mine, senders);
          // The slot is free once the provider answered; the record settles with others (settler).
          settling.push(
            settler.settle(mine, settlement).then((done) => {
              tally.add(done);
              outcomes.set(done.id, outcomeOf(done, true));
            }),
          );
        });
      }
    }
    await pool.drain().finally(() => settler.close());
    await Promise.all(settling);
    // Another process is sending these now (a duplicate delivery of the same work): its answer comes soon.
    for (const r of await settledElsewhere(tableName, inFlight.splice(0), opts.remainingMs)) {
      if (r.status === 'pending') inFlight.push(r.id);
      else outcomes.set(r.id, outcomeOf(r, false));
    }
    if (unclaimed > 0) throw new OutOfTimeError(`${unclaimed} send(s) left for lack of time; delivering the same requests again sends them`);
    if (inFlight.length > 0) throw new DeliveryInFlightError(`${inFlight.length} delivery(ies) being sent by another process: ${inFlight.slice(0, 5).join(', ')}`);
  } finally {
    tally.emit();
    const c = tally.counts;
    log.info('delivered', { requests: requests.length, deliveries: planned.length, recorded: outcomes.size, smsSent: c.sms.sent, smsFailed: c.sms.failed, emailSent: c.email.sent, emailFailed: c.email.failed });
  }
  return planned.map((r) => outcomes.get(r.id)!);
}

/** The requests of a chunk of a broadcast's audience, from the broadcast item (what to say, how, how urgently). */
export async function broadcastRequests(tableName: string, broadcastId: string, personIds: readonly string[]): Promise<MessageRequest[]> {
  const b = await getBroadcast(tableName, broadcastId, true);
  if (!b) throw new Error(`broadcast ${broadcastId} does not exist`);
  return personIds.map((personId) => ({
    cause: `broadcast:${broadcastId}`,
    recipient: { personId },
    templateKey: b.templateKey ?? null,
    ...(b.message ? { message: b.message } : {}),
    vars: b.vars ?? {},
    channels: b.channels,
    priority: b.priority,
    sourceEventId: null,
    broadcastId,
  }));
}

/** Delivers a broadcast to a chunk of its audience (the `sends` worker's broadcast messages). */
export async function sendBroadcastChunk(broadcastId: string, personIds: readonly string[], opts: DeliverOptions = {}): Promise<DeliveryOutcome[]> {
  return deliver(await broadcastRequests(opts.tableName ?? defaultTable(), broadcastId, personIds), opts);
}
