// The notifications service's route table: every route of API.md's Notifications section, who may call it, and its schemas.
import { listOf } from '@liaison/kit/http/list';
import { route, type RouteTable } from '@liaison/kit/http/route';
import {
  Broadcast,
  BroadcastAccepted,
  BroadcastDryRun,
  BroadcastParams,
  CreateBroadcastBody,
  Delivery,
  ListNotificationsQuery,
  ListTemplatesQuery,
  PutTemplateBody,
  Template,
  TemplateParams,
} from './schemas';

const ANY = ['organizer', 'lo', 'guest'] as const;
const STAFF = ['organizer', 'lo'] as const;
const ORGANIZER = ['organizer'] as const;

export const routes = {
  createBroadcast: route({
    method: 'POST',
    path: '/broadcasts',
    summary: 'Broadcast a message to an audience',
    description:
      'Accepted at once (202) and fanned out in the background: the audience is resolved by index, page by page, and each person gets one delivery per channel (`GET /broadcasts/{broadcastId}` counts them). With `"dryRun": true` answers 200 with what would be sent, sending nothing. Organisers address anyone; an LO only the parties and people assigned to them (any other audience is 403), at any priority. A broadcast template with a variable missing from `vars` is 422 naming it.',
    access: STAFF,
    body: CreateBroadcastBody,
    idempotent: true,
    responses: {
      202: { description: 'Accepted; `Location` names the broadcast', schema: BroadcastAccepted },
      200: { description: 'Dry run: what would be sent', schema: BroadcastDryRun },
      403: { description: 'An audience beyond the LO\'s parties and people' },
      422: { description: 'Unknown template, a missing variable, or an unknown trip, party or person' },
    },
  }),
  getBroadcast: route({
    method: 'GET',
    path: '/broadcasts/{broadcastId}',
    summary: 'A broadcast, its status and counts',
    description: 'Organisers, and the LO who sent it. `counts` are per delivery (one person on one channel) and converge to `targeted = sent + failed + skipped + deferred`.',
    access: STAFF,
    params: BroadcastParams,
    responses: { 200: { description: 'The broadcast', schema: Broadcast } },
  }),
  listNotifications: route({
    method: 'GET',
    path: '/notifications',
    summary: 'The delivery log',
    description:
      'Newest first, phone and email masked. A guest sees only their own deliveries (another `personId` is 403); an LO those of the people assigned to them (`personId` is then required unless they ask for their own); organisers all.',
    access: ANY,
    query: ListNotificationsQuery,
    responses: { 200: { description: 'A page of deliveries', schema: listOf(Delivery) }, 403: { description: 'Deliveries of someone the caller may not see' } },
  }),
  listTemplates: route({
    method: 'GET',
    path: '/templates',
    summary: 'Templates: stored ones and the built-in defaults',
    description: 'Each key once: the stored text when one was PUT, else the built-in default; with the variables it uses and, for automatic keys, those its event carries.',
    access: STAFF,
    query: ListTemplatesQuery,
    responses: { 200: { description: 'A page of templates, by key', schema: listOf(Template) } },
  }),
  putTemplate: route({
    method: 'PUT',
    path: '/templates/{templateKey}',
    summary: 'Store a template',
    description:
      'Per language (`id`, `en`), each `{ subject?, body }` with `{{variable}}` placeholders. An automatic key (e.g. `trip.changed`) may use only the variables its event carries (another → 422 naming it); other keys are broadcast templates, checked against `vars` when sent. `If-Match` with the current version (`"0"` for a built-in default) guards against lost updates.',
    access: ORGANIZER,
    params: TemplateParams,
    body: PutTemplateBody,
    responses: {
      200: { description: 'Stored', schema: Template },
      412: { description: 'Stale `If-Match`' },
      422: { description: 'A variable the event does not carry' },
    },
  }),
} satisfies RouteTable;

export type NotificationsRoutes = typeof routes;
