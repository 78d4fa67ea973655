// /broadcasts routes: parse → authorise the audience → store the broadcast and hand it to the fan-out
// (or, for a dry run, work out what would be sent) → answer. A broadcast stored is answered 202 even
// when the hand-over fails: the `queued-broadcasts` schedule hands it over again.
import type { Broadcast } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { NotFoundError } from '@liaison/kit/errors';
import type { Principal } from '@liaison/kit/http/auth';
import type { RouteHandler } from '@liaison/kit/http/service';
import { newId } from '@liaison/kit/ids';
import { log } from '@liaison/kit/log';
import { sendWork } from '@liaison/kit/work/queue';
import { checkAudience } from '../audience';
import { dryRun } from '../dry-run';
import type { NotificationsRoutes } from '../routes';
import { broadcastStatus, createBroadcast, getBroadcast, type BroadcastRecord } from '../store/broadcasts';
import { readBroadcastCounts, type BroadcastCounts } from '../store/counts';
import { checkBroadcastTemplate } from './template-check';
import { actorId, fanoutQueueUrl, table } from './deps';

type R = NotificationsRoutes;

export const createBroadcastHandler: RouteHandler<R['createBroadcast']> = async (req) => {
  const p = req.principal;
  const b = req.body;
  const audience = await checkAudience(table, b.audience, p);
  const template = b.templateKey === undefined ? null : await checkBroadcastTemplate(table, b.templateKey, b.vars ?? {});
  if (b.dryRun) return { status: 200, body: await dryRun(table, b, template, audience.people) };

  const broadcast = await createBroadcast(table, {
    id: newId('brd'),
    audience: b.audience,
    message: b.message ?? null,
    templateKey: b.templateKey ?? null,
    vars: b.vars ?? {},
    channels: b.channels,
    priority: b.priority,
    createdBy: actorId(p),
    createdAt: clock.iso(),
  });
  // Stored is accepted: a failed hand-over is not the caller's to retry (a retry would make a second
  // broadcast). The broadcast stays queued and the `queued-broadcasts` schedule hands it over again.
  await sendWork(fanoutQueueUrl, [{ broadcastId: broadcast.id }]).catch((err: Error) => {
    log.warn('broadcast stored but not handed to its fan-out; the queued-broadcasts schedule will', { broadcastId: broadcast.id, err: `${err.name}: ${err.message}` });
  });
  return { status: 202, body: { broadcastId: broadcast.id }, location: `/broadcasts/${broadcast.id}` };
};

/** Organisers see every broadcast; an LO the ones they sent. */
function maySee(p: Principal, b: BroadcastRecord): boolean {
  return p.role === 'organizer' || (p.personId !== null && b.createdBy === p.personId);
}

export function broadcastView(b: BroadcastRecord, counts: BroadcastCounts): Broadcast {
  const { pending: _pending, ...shown } = counts;
  return {
    id: b.id,
    status: broadcastStatus(b, counts),
    counts: shown,
    audience: b.audience,
    message: b.message,
    templateKey: b.templateKey,
    vars: b.vars,
    channels: b.channels,
    priority: b.priority,
    recipients: b.recipients,
    createdBy: b.createdBy,
    createdAt: b.createdAt,
  };
}

export const getBroadcastHandler: RouteHandler<R['getBroadcast']> = async (req) => {
  const b = await getBroadcast(table, req.params.broadcastId);
  if (!b || !maySee(req.principal, b)) throw new NotFoundError('broadcast', req.params.broadcastId);
  const counts = await readBroadcastCounts(table, b.id);
  return { status: 200, body: broadcastView(b, counts) };
};
