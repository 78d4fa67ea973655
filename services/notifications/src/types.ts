// The shapes the notifications service passes between its parts: what a message is before its
// channels are chosen (a request), and what became of it on one channel (a delivery).
//
//   consumers (automatic messages) ─┐
//   reminders / held digests  ──────┼─> MessageRequest[] ─> send/deliver.ts ─> one delivery record per
//   broadcasts (fan-out → `sends`) ─┘                       (cause, recipient, channel), then SNS / SES
import type { Language } from '@liaison/contracts';

export const CHANNELS = ['sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

export const PRIORITIES = ['normal', 'urgent', 'emergency'] as const;
/** `normal` waits out quiet hours; `urgent` ignores them but respects consent; `emergency` uses every channel, at any hour. */
export type Priority = (typeof PRIORITIES)[number];

/** What API.md lists; `pending` is internal (claimed, being sent) and shows as nothing else. */
export const DELIVERY_STATUSES = ['pending', 'sent', 'failed', 'skipped', 'deferred'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Someone in the directory, or someone who is not (a vehicle's driver: a phone and a name). */
export type Recipient = { personId: string } | { driver: { vehicleId: string; name: string; phone: string; language?: Language } };

/** One message to one recipient, before its channels are chosen. */
export interface MessageRequest {
  /**
   * What caused it, unique per message and recipient set, stable across redeliveries: `<eventId>:<messageKey>`
   * for automatic messages, `broadcast:<broadcastId>`, `reminder:<tripId>:<departAt>`, `digest:<subject>:<dueAt>`.
   * With the recipient and the channel it keys the delivery record (exactly one send per key).
   */
  cause: string;
  recipient: Recipient;
  /** A template (automatic keys like `trip.changed`, or a broadcast template), or an inline message per language. */
  templateKey: string | null;
  message?: Partial<Record<Language, string>>;
  /** Named values the template uses; already formatted (times in the event's time zone, per language when they differ). */
  vars: Record<string, string | Partial<Record<Language, string>>>;
  /** The channels asked for; automatic messages ask for both and consent decides. */
  channels: readonly Channel[];
  priority: Priority;
  /** When what it is about happens (a pick-up's departAt): a `normal` message about something before quiet hours end goes at once (planChannels). */
  happensAtMs?: number;
  /** The domain event it answers, if any (shown in the delivery log). */
  sourceEventId: string | null;
  broadcastId?: string;
  /** Coalescing subject (`trip:<id>`, `stay:<id>`, `meeting:<id>`, `ticket:<id>`); none for broadcasts and emergencies. */
  subject?: string;
}

/** What became of one request on one channel. */
export interface DeliveryOutcome {
  deliveryId: string;
  cause: string;
  personId: string | null;
  channel: Channel;
  status: Exclude<DeliveryStatus, 'pending'>;
  reason: string | null;
  /** False when the record existed already (a redelivery): nothing was sent this time. */
  fresh: boolean;
}
