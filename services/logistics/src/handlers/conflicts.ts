// GET /conflicts: the maintained set of open clashes, read by index.
import type { RouteHandler } from '@liaison/kit/http/service';
import type { LogisticsRoutes } from '../routes';
import { personStays, personTrips } from '../store/bookings';
import { listConflicts } from '../store/clashes';
import { table } from './deps';

export const listConflictsHandler: RouteHandler<LogisticsRoutes['listConflicts']> = async (req) => {
  const q = req.query;
  // A person's clashes are those naming them or one of their trips and stays (their bookings items list those).
  const refs = q.personId ? await Promise.all([personTrips(table, q.personId), personStays(table, q.personId)]) : [];
  return { status: 200, body: await listConflicts(table, q, refs.flatMap((set) => set.bookings.map((b) => b.id))) };
};
