// Request and answer schemas of the notifications API. The route table, the validator and the OpenAPI
// document all read these; the records come from @liaison/contracts.
//
// Bodies and answers are built on first use (`z.lazy`), like the records they are made of: the HTTP
// function's cold start builds none of them (each zod schema costs ~20 µs there), a request builds its
// own route's body, and answer schemas are built only by the OpenAPI document and the tests. (Path
// parameter and query schemas are small and stay plain: the route table types them as objects.)
import {
  BroadcastAudience,
  Broadcast,
  BroadcastDryRun,
  Delivery,
  Id,
  InlineMessage,
  LoggedDeliveryStatus,
  NotificationChannel,
  NotificationPriority,
  Template,
  TemplateLanguages,
  TemplateVars,
} from '@liaison/contracts';
import { Cursor, Limit } from '@liaison/kit/http/list';
import * as z from 'zod/mini';

export { Broadcast, BroadcastDryRun, Delivery, Template };

/** `trip.changed`, `welcome`, `volcano_alert`: lower case, dots, dashes and underscores. */
export const TemplateKey = z
  .string()
  .check(z.regex(/^[a-z][a-z0-9_.-]{0,63}$/, 'must be a template key: lower-case letters, digits, `.`, `-` or `_`, starting with a letter, at most 64 characters'));

export const CreateBroadcastBody = z.lazy(() =>
  z
    .strictObject({
      audience: BroadcastAudience,
      message: z.optional(InlineMessage).check(z.describe('The text per language; or give `templateKey` with `vars`')),
      templateKey: z.optional(TemplateKey).check(z.describe('A broadcast template (stored with PUT /templates); its variables come from `vars`')),
      vars: z.optional(TemplateVars).check(z.describe('Values of the template\'s variables')),
      channels: z
        ._default(
          z
            .array(NotificationChannel)
            .check(
              z.minLength(1, 'must name at least one channel'),
              z.maxLength(2),
              z.refine((c) => new Set(c).size === c.length, { message: 'must not name a channel twice' }),
            ),
          ['sms', 'email'],
        )
        .check(z.describe('Channels to use; each person gets those they consented to and have contact data for (`emergency`: every one they have)')),
      priority: z._default(NotificationPriority, 'normal'),
      dryRun: z._default(z.boolean(), false).check(z.describe('`true`: answer what would be sent (200), sending nothing')),
    })
    .check(
      z.superRefine((b, ctx) => {
        if (b.message === undefined && b.templateKey === undefined) ctx.addIssue({ code: 'custom', path: ['message'], message: 'give a `message` or a `templateKey`' });
        if (b.message !== undefined && b.templateKey !== undefined) ctx.addIssue({ code: 'custom', path: ['templateKey'], message: 'give a `message` or a `templateKey`, not both' });
        if (b.vars !== undefined && b.templateKey === undefined) ctx.addIssue({ code: 'custom', path: ['vars'], message: '`vars` go with a `templateKey`' });
      }),
    ),
);
export type CreateBroadcastBody = z.infer<typeof CreateBroadcastBody>;

export const BroadcastAccepted = z.lazy(() => z.object({ broadcastId: Id }));

export const BroadcastParams = z.strictObject({ broadcastId: Id });

export const ListNotificationsQuery = z.strictObject({
  personId: z.optional(Id).check(z.describe('Deliveries to this person; a guest sees only their own (the default for guests)')),
  status: z.optional(LoggedDeliveryStatus),
  limit: Limit,
  cursor: Cursor,
});
export type ListNotificationsQuery = z.infer<typeof ListNotificationsQuery>;

export const ListTemplatesQuery = z.strictObject({ limit: Limit, cursor: Cursor });

export const TemplateParams = z.strictObject({ templateKey: TemplateKey });

export const PutTemplateBody = TemplateLanguages;
export type PutTemplateBody = z.infer<typeof PutTemplateBody>;
