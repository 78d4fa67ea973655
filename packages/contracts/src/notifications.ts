// The notifications service's records as the API returns them: broadcasts and their counts, a dry
// run's figures, the delivery log and templates. Owned by the notifications service.
import * as z from 'zod';
import { PersonRole } from './directory';
import { Id, IsoDateTime, Language } from './fields';

export const NOTIFICATION_CHANNELS = ['sms', 'email'] as const;
export const NOTIFICATION_PRIORITIES = ['normal', 'urgent', 'emergency'] as const;
/** What the delivery log shows (a delivery being sent right now is not listed as anything else). */
export const LOGGED_DELIVERY_STATUSES = ['sent', 'failed', 'skipped', 'deferred'] as const;
/** `queued` (accepted) → `fanning_out` (audience being resolved) → `sending` (every recipient queued) → `done` (every delivery settled). */
export const BROADCAST_STATUSES = ['queued', 'fanning_out', 'sending', 'done'] as const;

export const NotificationChannel = z.enum(NOTIFICATION_CHANNELS);
export const NotificationPriority = z
  .enum(NOTIFICATION_PRIORITIES)
  .describe('`normal` waits out quiet hours; `urgent` ignores them but respects consent; `emergency` uses every channel the person has, at any hour');
export const LoggedDeliveryStatus = z.enum(LOGGED_DELIVERY_STATUSES);
export const BroadcastStatus = z.enum(BROADCAST_STATUSES);
export type NotificationChannel = z.infer<typeof NotificationChannel>;
export type NotificationPriority = z.infer<typeof NotificationPriority>;
export type LoggedDeliveryStatus = z.infer<typeof LoggedDeliveryStatus>;
export type BroadcastStatus = z.infer<typeof BroadcastStatus>;

const Ids = z.array(Id).min(1, 'must name at least one').max(5000, 'must name at most 5000');

/** Who a broadcast is for: exactly one of these. */
export const BroadcastAudience = z.union([
  z.strictObject({ all: z.literal(true, 'must be true') }).describe('Everyone in the event'),
  z.strictObject({ partyIds: Ids.max(500, 'must name at most 500') }).describe('The members of these parties'),
  z.strictObject({ personIds: Ids }).describe('These people'),
  z.strictObject({ tripId: Id }).describe("A trip's passengers"),
  z.strictObject({ hotel: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters') }).describe('Everyone staying at this hotel (matched ignoring case and spacing)'),
  z.strictObject({ roles: z.array(PersonRole).min(1, 'must name at least one').max(4) }).describe('Everyone with one of these roles'),
]);
export type BroadcastAudience = z.infer<typeof BroadcastAudience>;

/** An inline message per language; each recipient gets theirs (else the event's first language, else `en`). */
export const InlineMessage = z
  .strictObject({
    id: z.string().trim().min(1, 'must not be empty').max(1600, 'must be at most 1600 characters').optional(),
    en: z.string().trim().min(1, 'must not be empty').max(1600, 'must be at most 1600 characters').optional(),
  })
  .refine((m) => m.id !== undefined || m.en !== undefined, { message: 'give the message in at least one language (id or en)' });
export type InlineMessage = z.infer<typeof InlineMessage>;

export const TemplateVars = z
  .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a variable name'), z.string().max(1000, 'must be at most 1000 characters'))
  .refine((v) => Object.keys(v).length <= 50, { message: 'must have at most 50 variables' });

export const BroadcastCounts = z.object({
  targeted: z.number().int().min(0).describe('Deliveries created (one person on one channel)'),
  sent: z.number().int().min(0),
  failed: z.number().int().min(0),
  skipped: z.number().int().min(0),
  deferred: z.number().int().min(0).describe('Waiting out quiet hours'),
});
export type BroadcastCounts = z.infer<typeof BroadcastCounts>;

export const Broadcast = z.object({
  id: Id,
  status: BroadcastStatus,
  counts: BroadcastCounts.describe('Converge to `targeted = sent + failed + skipped + deferred`'),
  audience: BroadcastAudience,
  message: z.object({ id: z.string().optional(), en: z.string().optional() }).nullable(),
  templateKey: z.string().nullable(),
  vars: z.record(z.string(), z.string()),
  channels: z.array(NotificationChannel),
  priority: NotificationPriority,
  recipients: z.number().int().min(0).nullable().describe('People the audience resolved to; null until the fan-out has finished'),
  createdBy: Id,
  createdAt: IsoDateTime,
});
export type Broadcast = z.infer<typeof Broadcast>;

export const DryRunSkip = z.object({ personId: Id, channel: NotificationChannel, reason: z.string() });

export const BroadcastDryRun = z.object({
  recipients: z.number().int().min(0).describe('People the audience resolves to'),
  deliveries: z.object({ sms: z.number().int().min(0), email: z.number().int().min(0) }).describe('Deliveries that would be sent or deferred, per channel'),
  smsSegments: z.object({
    total: z.number().int().min(0),
    byLanguage: z.partialRecord(Language, z.number().int().min(0)).describe('SMS segments per language of the recipients'),
  }),
  skipped: z.array(DryRunSkip).describe('Who would not be reached on a channel, and why'),
});
export type BroadcastDryRun = z.infer<typeof BroadcastDryRun>;

export const Delivery = z.object({
  id: z.string(),
  personId: Id.nullable().describe('Null for a driver (not in the directory)'),
  channel: NotificationChannel,
  to: z.string().nullable().describe('Phone or email, masked (`+62812•••••010`)'),
  templateKey: z.string().nullable(),
  language: Language.nullable(),
  status: LoggedDeliveryStatus,
  reason: z.string().nullable(),
  sourceEventId: z.string().nullable(),
  broadcastId: Id.nullable(),
  priority: NotificationPriority,
  segments: z.number().int().min(0).nullable().describe('SMS segments'),
  createdAt: IsoDateTime,
  sendAt: IsoDateTime.nullable().describe('When a deferred delivery goes out'),
  sentAt: IsoDateTime.nullable(),
});
export type Delivery = z.infer<typeof Delivery>;

export const TemplateText = z.strictObject({
  subject: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional().describe('Email subject; the first line of the body when absent'),
  body: z.string().trim().min(1, 'must not be empty').max(1600, 'must be at most 1600 characters'),
});
export type TemplateText = z.infer<typeof TemplateText>;

export const TemplateLanguages = z
  .strictObject({ id: TemplateText.optional(), en: TemplateText.optional() })
  .refine((t) => t.id !== undefined || t.en !== undefined, { message: 'give the template in at least one language (id or en)' });

const Texts = z.object({ id: TemplateText.optional(), en: TemplateText.optional() });

export const Template = z.object({
  key: z.string(),
  automatic: z.boolean().describe("Bound to a domain event: only the variables that event carries may be used"),
  variables: z.array(z.string()).describe('Automatic keys: the variables their event carries; broadcast templates: those their texts use (a broadcast must give each in `vars`)'),
  texts: Texts.describe('What is sent, per language: the stored texts over the built-in defaults'),
  defaults: Texts.nullable().describe('The built-in texts (automatic keys); null for broadcast templates'),
  custom: z.boolean().describe('False while the built-in default is used as it is'),
  version: z.number().int().min(0).describe('0 until first stored (`If-Match: "0"`: only if nobody stored it yet)'),
  updatedAt: IsoDateTime.nullable(),
});
export type Template = z.infer<typeof Template>;
