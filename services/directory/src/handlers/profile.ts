// GET and PUT /event: the summit's profile. Settings a PUT leaves out read as their defaults.
import { toProfile } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { NotFoundError, StaleVersionError, ValidationError } from '@liaison/kit/errors';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler } from '@liaison/kit/http/service';
import type { DirectoryRoutes } from '../routes';
import { findProfile, putProfile, type StoredProfile } from '../store/profile';
import { table } from './deps';

export const getProfileHandler: RouteHandler<DirectoryRoutes['getEvent']> = async () => {
  const profile = await findProfile(table);
  if (!profile) throw new NotFoundError('The event profile has not been set yet (PUT /event)');
  return { status: 200, body: profile, version: profile.version };
};

export const putProfileHandler: RouteHandler<DirectoryRoutes['putEvent']> = async (req) => {
  const body = req.body;
  if (Date.parse(body.startsAt) >= Date.parse(body.endsAt)) {
    throw new ValidationError([{ path: 'endsAt', message: 'must be after startsAt' }]);
  }
  return optimistic(req.ifMatch, async () => {
    const current = await findProfile(table, true);
    if (current) assertVersion(current.version, req.ifMatch);
    else if (typeof req.ifMatch === 'number') throw new StaleVersionError(req.ifMatch, null);
    const stored: StoredProfile = { ...body, version: (current?.version ?? 0) + 1, updatedAt: clock.iso() };
    await putProfile(table, stored);
    const profile = toProfile(stored);
    return { status: current ? 200 : 201, body: profile, version: profile.version };
  });
};
