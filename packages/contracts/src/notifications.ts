// The notifications service's records as the API returns them: broadcasts and their counts, a dry
// run's figures, the delivery log and templates. Owned by the notifications service.
//
// The enums are plain; the records and the request pieces are built on first use (`z.lazy`): the
// notifications HTTP function imports all of them through its route table, but a request builds only
// its own route's body, and answer records are built only by the OpenAPI document and the tests. Inside
// this file, records are composed from memoized builders (`once`), so each is built once and the
// generated JSON schemas are the same as when they were plain.
import * as z from 'zod/mini';
import { once } from './once';
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
  .check(z.describe('`normal` waits out quiet hours; `urgent` ignores them but respects consent; `emergency` uses every channel the person has, at any hour'));
export const LoggedDeliveryStatus = z.enum(LOGGED_DELIVERY_STATUSES);
export const BroadcastStatus = z.enum(BROADCAST_STATUSES);
export type NotificationChannel = z.infer<typeof NotificationChannel>;
export type NotificationPriority = z.infer<typeof NotificationPriority>;
export type LoggedDeliveryStatus = z.infer<typeof LoggedDeliveryStatus>;
export type BroadcastStatus = z.infer<typeof BroadcastStatus>;

/** A count: a whole number, zero or more. */
const Count = () => z.number().check(z.int(), z.gte(0));

/** Who a broadcast is for: exactly one of these. */
const broadcastAudience = once(() => {
  const Ids = z.array(Id).check(z.minLength(1, 'must name at least one'), z.maxLength(5000, 'must name at most 5000'));
  return z.union([
    z.strictObject({ all: z.literal(true, 'must be true') }).check(z.describe('Everyone in the event')),
    z.strictObject({ partyIds: Ids.check(z.maxLength(500, 'must name at most 500')) }).check(z.describe('The members of these parties')),
    z.strictObject({ personIds: Ids }).check(z.describe('These people')),
    z.strictObject({ tripId: Id }).check(z.describe("A trip's passengers")),
    z
      .strictObject({ hotel: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200, 'must be at most 200 characters')) })
      .check(z.describe('Everyone staying at this hotel (matched ignoring case and spacing)')),
    z.strictObject({ roles: z.array(PersonRole).check(z.minLength(1, 'must name at least one'), z.maxLength(4)) }).check(z.describe('Everyone with one of these roles')),
  ]);
});
export const BroadcastAudience = z.lazy(broadcastAudience);
export type BroadcastAudience = z.infer<typeof BroadcastAudience>;

/** An inline message per language; each recipient gets theirs (else the event's first language, else `en`). */
export const InlineMessage = z.lazy(() =>
  z
    .strictObject({
      id: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(1600, 'must be at most 1600 characters'))),
      en: z.optional(z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(1600, 'must be at most 1600 characters'))),
    })
    .check(z.refine((m) => m.id !== undefined || m.en !== undefined, { message: 'give the message in at least one language (id or en)' })),
);
export type InlineMessage = z.infer<typeof InlineMessage>;

export const TemplateVars = z.lazy(() =>
  z
    .record(z.string().check(z.regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'must be a variable name')), z.string().check(z.maxLength(1000, 'must be at most 1000 characters')))
    .check(z.refine((v) => Object.keys(v).length <= 50, { message: 'must have at most 50 variables' })),
);

const broadcastCounts = once(() =>
  z.object({
    targeted: Count().check(z.describe('Deliveries created (one person on one channel)')),
    sent: Count(),
    failed: Count(),
    skipped: Count(),
    deferred: Count().check(z.describe('Waiting out quiet hours')),
  }),
);
export const BroadcastCounts = z.lazy(broadcastCounts);
export type BroadcastCounts = z.infer<typeof BroadcastCounts>;

export const Broadcast = z.lazy(() =>
  z.object({
    id: Id,
    status: BroadcastStatus,
    counts: broadcastCounts().check(z.describe('Converge to `targeted = sent + failed + skipped + deferred`')),
    audience: broadcastAudience(),
    message: z.nullable(z.object({ id: z.optional(z.string()), en: z.optional(z.string()) })),
    templateKey: z.nullable(z.string()),
    vars: z.record(z.string(), z.string()),
    channels: z.array(NotificationChannel),
    priority: NotificationPriority,
    recipients: z.nullable(Count()).check(z.describe('People the audience resolved to; null until the fan-out has finished')),
    createdBy: Id,
    createdAt: IsoDateTime,
  }),
);
export type Broadcast = z.infer<typeof Broadcast>;

const dryRunSkip = once(() => z.object({ personId: Id, channel: NotificationChannel, reason: z.string() }));
export const DryRunSkip = z.lazy(dryRunSkip);

export const BroadcastDryRun = z.lazy(() =>
  z.object({
    recipients: Count().check(z.describe('People the audience resolves to')),
    deliveries: z.object({ sms: Count(), email: Count() }).check(z.describe('Deliveries that would be sent or deferred, per channel')),
    smsSegments: z.object({
      total: Count(),
      byLanguage: z.partialRecord(Language, Count()).check(z.describe('SMS segments per language of the recipients')),
    }),
    skipped: z.array(dryRunSkip()).check(z.describe('Who would not be reached on a channel, and why')),
  }),
);
export type BroadcastDryRun = z.infer<typeof BroadcastDryRun>;

export const Delivery = z.lazy(() =>
  z.object({
    id: z.string(),
    personId: z.nullable(Id).check(z.describe('Null for a driver (not in the directory)')),
    channel: NotificationChannel,
    to: z.nullable(z.string()).check(z.describe('Phone or email, masked (`+62812•••••010`)')),
    templateKey: z.nullable(z.string()),
    language: z.nullable(Language),
    status: LoggedDeliveryStatus,
    reason: z.nullable(z.string()),
    sourceEventId: z.nullable(z.string()),
    broadcastId: z.nullable(Id),
    priority: NotificationPriority,
    segments: z.nullable(Count()).check(z.describe('SMS segments')),
    createdAt: IsoDateTime,
    sendAt: z.nullable(IsoDateTime).check(z.describe('When a deferred delivery goes out')),
    sentAt: z.nullable(IsoDateTime),
  }),
);
export type Delivery = z.infer<typeof Delivery>;

const templateText = once(() =>
  z.strictObject({
    subject: z
      .optional(z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(200, 'must be at most 200 characters')))
      .check(z.describe('Email subject; the first line of the body when absent')),
    body: z.string().check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(1600, 'must be at most 1600 characters')),
  }),
);
export const TemplateText = z.lazy(templateText);
export type TemplateText = z.infer<typeof TemplateText>;

export const TemplateLanguages = z.lazy(() =>
  z
    .strictObject({ id: z.optional(templateText()), en: z.optional(templateText()) })
    .check(z.refine((t) => t.id !== undefined || t.en !== undefined, { message: 'give the template in at least one language (id or en)' })),
);

export const Template = z.lazy(() => {
  const Texts = z.object({ id: z.optional(templateText()), en: z.optional(templateText()) });
  return z.object({
    key: z.string(),
    automatic: z.boolean().check(z.describe('Bound to a domain event: only the variables that event carries may be used')),
    variables: z.array(z.string()).check(
      z.describe('Automatic keys: the variables their event carries; broadcast templates: those their texts use (a broadcast must give each in `vars`)'),
    ),
    texts: Texts.check(z.describe('What is sent, per language: the stored texts over the built-in defaults')),
    defaults: z.nullable(Texts).check(z.describe('The built-in texts (automatic keys); null for broadcast templates')),
    custom: z.boolean().check(z.describe('False while the built-in default is used as it is')),
    version: Count().check(z.describe('0 until first stored (`If-Match: "0"`: only if nobody stored it yet)')),
    updatedAt: z.nullable(IsoDateTime),
  });
});
export type Template = z.infer<typeof Template>;
