// Consumer of every service's events that someone must hear about: keeps the trip and stay projection
// (by entity version), turns the event into messages (domain `intentsFor`), expands each audience to
// recipients, lets coalescing hold back quick successive changes to one subject, and hands the rest to
// deliver(), whose records make a redelivered event send nothing twice.
import { CONTRACTS, type DomainEvent } from '@liaison/contracts';
import type { Context } from 'aws-lambda';
import { clock } from '@liaison/kit/clock';
import { loadConfig, loadWorkQueueUrl } from '@liaison/kit/config';
import { consumer, type ConsumerHandlers } from '@liaison/kit/events/consumer';
import { log } from '@liaison/kit/log';
import { sendWork } from '@liaison/kit/work/queue';
import { intentsFor, vehicleDriverIntents, type Intent } from '../domain/automatic';
import { deliver } from '../send/deliver';
import { coalesceRequests, type Coalescible } from '../store/coalesce';
import { applyStay, applyTrip, getTripView, setTripVehicle } from '../store/projection';
import type { MessageRequest } from '../types';
import { sendsQueue, type SendsMessage } from '../workers/sends-queue';
import { recipientsOf, varsOf } from './recipients';
import { messageSettings, type MessageSettings } from './settings';
import { AUTOMATIC } from './specs';

const config = loadConfig(['tableName']);

/** Messages one event sends in process; the rest go to the `sends` queue in chunks. */
export const IN_PROCESS = 50;
const HAND_OVER_CHUNK = 50;

let queueUrl: string | null = null;
/** Read at the first hand-over: most events never need it. */
function sendsQueueUrl(): string {
  queueUrl ??= loadWorkQueueUrl(sendsQueue.name);
  return queueUrl;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Keeps notifications' view of trips and stays in step (older or equal versions are ignored). */
export async function project(tableName: string, event: DomainEvent, settings: Pick<MessageSettings, 'reminderMinutes'>): Promise<void> {
  const r = settings.reminderMinutes;
  switch (event.type) {
    case 'trip.scheduled': {
      const d = (event as DomainEvent<'trip.scheduled'>).data;
      await applyTrip(tableName, d.trip, d.vehicle, r);
      return;
    }
    case 'trip.changed': {
      const d = (event as DomainEvent<'trip.changed'>).data;
      await applyTrip(tableName, d.after, d.vehicleAfter, r);
      return;
    }
    case 'trip.cancelled': {
      const d = (event as DomainEvent<'trip.cancelled'>).data;
      await applyTrip(tableName, d.trip, d.vehicle, r);
      return;
    }
    case 'trip.completed':
      await applyTrip(tableName, (event as DomainEvent<'trip.completed'>).data.trip, undefined, r);
      return;
    case 'stay.assigned':
      await applyStay(tableName, (event as DomainEvent<'stay.assigned'>).data.stay, false);
      return;
    case 'stay.changed':
      await applyStay(tableName, (event as DomainEvent<'stay.changed'>).data.after, false);
      return;
    case 'stay.ended':
      await applyStay(tableName, (event as DomainEvent<'stay.ended'>).data.stay, true);
      return;
    default:
  }
}

/** One request per recipient of an intent; cause `<eventId>:<messageKey>`. */
async function requestsOf(tableName: string, event: DomainEvent, intent: Intent): Promise<MessageRequest[]> {
  const [recipients, vars] = await Promise.all([recipientsOf(tableName, intent.audience), varsOf(tableName, intent)]);
  return recipients.map((recipient) => ({
    cause: `${event.id}:${intent.messageKey}`,
    recipient,
    templateKey: intent.templateKey,
    vars,
    channels: ['sms', 'email'],
    priority: intent.priority,
    ...(intent.happensAtMs === undefined ? {} : { happensAtMs: intent.happensAtMs }),
    sourceEventId: event.id,
    ...(intent.subject ? { subject: intent.subject } : {}),
  }));
}

/**
 * A vehicle's new driver: its scheduled trips still to come (from the projection) are told to the new
 * driver and taken from the old one, and the projection's copies carry the new driver (for reminders).
 */
async function driverChange(tableName: string, event: DomainEvent<'vehicle.changed'>, settings: MessageSettings): Promise<Intent[]> {
  if (!event.data.changed.includes('driver')) return [];
  const views = (await Promise.all(event.data.tripIds.map((id) => getTripView(tableName, id)))).filter((v) => v !== null);
  const { after } = event.data;
  await Promise.all(views.map((v) => setTripVehicle(tableName, v.trip.id, { id: after.id, label: after.label, plate: after.plate, driver: after.driver }, after.version)));
  return vehicleDriverIntents(event, views.map((v) => v.trip), settings, clock.nowMs());
}

export interface Handled {
  intents: number;
  requests: number;
  sentNow: number;
  held: number;
  dropped: number;
}

/** Everything one event causes, in process: the projection, then its messages (also used by tests). */
export async function handleEvent(tableName: string, event: DomainEvent, opts: { remainingMs?: () => number } = {}): Promise<Handled> {
  const settings = await messageSettings(tableName);
  await project(tableName, event, settings);
  const intents = event.type === 'vehicle.changed' ? await driverChange(tableName, event as DomainEvent<'vehicle.changed'>, settings) : intentsFor(event, settings);
  const requests = (await Promise.all(intents.map((intent) => requestsOf(tableName, event, intent)))).flat();
  const atMs = Date.parse(event.occurredAt);
  const items: Coalescible[] = requests.map((request) => ({ request, atMs }));
  const decided = await coalesceRequests(tableName, items, settings.coalesceMinutes * 60_000, clock.nowMs());
  // A big audience (a delegation, every organiser) is not sent in this invocation: beyond the first
  // IN_PROCESS messages, chunks go to the `sends` queue, whose worker delivers them. A redelivered
  // event may hand a chunk over again: same causes, and the delivery records send each once.
  const handOver = decided.now.slice(IN_PROCESS);
  if (handOver.length > 0) await sendWork(sendsQueueUrl(), chunk(handOver, HAND_OVER_CHUNK).map((requests): SendsMessage => ({ kind: 'requests', requests })));
  // Out of time or a send in flight elsewhere: deliver throws, the event is retried, records keep it once.
  const now = decided.now.slice(0, IN_PROCESS);
  if (now.length > 0) await deliver(now, { tableName, ...(opts.remainingMs ? { remainingMs: opts.remainingMs } : {}) });
  const out = { intents: intents.length, requests: requests.length, sentNow: decided.now.length, held: decided.held, dropped: decided.dropped };
  if (out.requests > 0) log.info('automatic messages', { eventId: event.id, type: event.type, ...out });
  return out;
}

type AutomaticType = (typeof AUTOMATIC.eventTypes)[number];
const handleOne = async (event: DomainEvent, context: Partial<Context> | undefined): Promise<void> => {
  const remaining = context?.getRemainingTimeInMillis;
  await handleEvent(config.tableName, event, remaining ? { remainingMs: () => remaining.call(context) } : {});
};
const handlers = Object.fromEntries(AUTOMATIC.eventTypes.map((type) => [type, handleOne])) as unknown as ConsumerHandlers<AutomaticType>;

export const handler = consumer({ service: 'notifications', spec: AUTOMATIC, contracts: CONTRACTS, tableName: config.tableName, handlers });
