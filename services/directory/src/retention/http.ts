// POST /event/purge: an organiser runs the retention purge early (once the event has ended), confirming
// with the event's name. It purges pages for up to PURGE_BUDGET_MS and answers the run: 200 when done,
// 202 while pages are left (the hourly schedule goes on with them; calling again does too).
import { clock } from '@liaison/kit/clock';
import { ConflictError, NotFoundError, ValidationError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import { findProfile } from '../store/profile';
import { config, storeContext } from '../handlers/deps';
import type { DirectoryRoutes } from '../routes';
import { continuePurge, RESERVE_MS, startRun } from './store';

/** How long one request purges before it answers (the HTTP function's timeout is 29 s). */
export const PURGE_BUDGET_MS = 15_000;

export const purgeHandler: RouteHandler<DirectoryRoutes['purgeEvent']> = async (req, context) => {
  const profile = await findProfile(config.tableName, true);
  if (!profile) throw new NotFoundError('The event profile has not been set yet (PUT /event)');
  if (req.body.confirm !== profile.name) throw new ValidationError([{ path: 'confirm', message: 'must be the event\'s name, exactly as GET /event shows it' }]);
  const now = clock.iso();
  if (Date.parse(now) < Date.parse(profile.endsAt)) {
    throw new ConflictError(`The event has not ended (endsAt ${profile.endsAt}): personal data is purged after it`, [{ kind: 'event_not_ended', message: `endsAt is ${profile.endsAt}` }]);
  }
  const ctx = storeContext(req);
  await startRun(config.tableName, { trigger: 'organizer', requestedBy: req.principal.personId ?? req.principal.sub, cutoff: now });
  // Elapsed time, not the event's clock (tests and the local runtime move that one).
  const started = performance.now();
  const lambdaLeft = typeof context?.getRemainingTimeInMillis === 'function' ? () => context.getRemainingTimeInMillis() : () => Number.POSITIVE_INFINITY;
  const run = await continuePurge(ctx, { remainingMs: () => Math.min(lambdaLeft(), PURGE_BUDGET_MS + RESERVE_MS - (performance.now() - started)) });
  const { version: _v, ...body } = run!;
  return { status: run!.status === 'done' ? 200 : 202, body };
};
