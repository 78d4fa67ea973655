// GET and PUT /event.
import type { EventProfile } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { NotFoundError, StaleVersionError, ValidationError } from '@liaison/kit/errors';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler } from '@liaison/kit/http/service';
import type { DirectoryRoutes } from '../routes';
import { findEventProfile, putEventProfile } from '../store/event-profile';
import { table } from './deps';

export const getEvent: RouteHandler<DirectoryRoutes['getEvent']> = async () => {
  const profile = await findEventProfile(table);
  if (!profile) throw new NotFoundError('The event profile has not been set yet (PUT /event)');
  return { status: 200, body: profile, version: profile.version };
};

export const putEvent: RouteHandler<DirectoryRoutes['putEvent']> = async (req) => {
  const body = req.body;
  if (Date.parse(body.startsAt) >= Date.parse(body.endsAt)) {
    throw new ValidationError([{ path: 'endsAt', message: 'must be after startsAt' }]);
  }
  return optimistic(req.ifMatch, async () => {
    const current = await findEventProfile(table, true);
    if (current) assertVersion(current.version, req.ifMatch);
    else if (typeof req.ifMatch === 'number') throw new StaleVersionError(req.ifMatch, null);
    const profile: EventProfile = { ...body, version: (current?.version ?? 0) + 1, updatedAt: clock.iso() };
    await putEventProfile(table, profile);
    return { status: current ? 200 : 201, body: profile, version: profile.version };
  });
};
