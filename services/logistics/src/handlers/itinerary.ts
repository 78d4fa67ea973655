// GET /people/{personId}/itinerary: that person's trips, stays, sessions and meetings in time order.
import { getPerson } from '@liaison/directory-read';
import { NotFoundError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import { itinerary } from '../domain/itinerary';
import type { LogisticsRoutes } from '../routes';
import { wholeProgramme } from '../store/programme';
import { staysOfPerson } from '../store/stays';
import { tripsOfPerson } from '../store/trips';
import { scopeOf, serves } from './access';
import { table, timeZone } from './deps';

export const getItineraryHandler: RouteHandler<LogisticsRoutes['getItinerary']> = async (req) => {
  const { personId } = req.params;
  const p = req.principal;
  // A guest reads only their own; an LO their own and their people's; anything else is "not found".
  if (p.role === 'guest' && p.personId !== personId) throw new NotFoundError('person', personId);
  const person = await getPerson(table, personId);
  if (!person) throw new NotFoundError('person', personId);
  if (p.role === 'lo' && p.personId !== personId && !serves(await scopeOf(p), person)) throw new NotFoundError('person', personId);
  const [trips, stays, programme, tz] = await Promise.all([tripsOfPerson(table, personId), staysOfPerson(table, personId), wholeProgramme(table), timeZone()]);
  const items = itinerary({ person, trips, stays, sessions: programme.sessions, meetings: programme.meetings, timeZone: tz });
  return { status: 200, body: { personId, timeZone: tz, items } };
};
