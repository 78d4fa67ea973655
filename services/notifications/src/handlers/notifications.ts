// GET /notifications: the delivery log. Guests read their own deliveries (asking for someone else's is
// 403: the filter is refused whether or not that person exists, so nothing is learnt from it); an LO
// reads their own and those of the people assigned to them (directly or through their party), one
// person at a time; organisers read everything.
import { assignmentsOfPerson, getPerson } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { ForbiddenError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import type { NotificationsRoutes } from '../routes';
import { listDeliveries } from '../store/delivery-log';
import { table } from './deps';

type R = NotificationsRoutes;

async function loServes(loId: string, personId: string): Promise<boolean> {
  const person = await getPerson(table, personId);
  if (!person) return false;
  return (await assignmentsOfPerson(table, person, clock.nowMs())).some((a) => a.loId === loId);
}

export const listNotificationsHandler: RouteHandler<R['listNotifications']> = async (req) => {
  const p = req.principal;
  const q = { ...req.query };
  if (p.role !== 'organizer') {
    const me = p.personId as string;
    if (q.personId === undefined) q.personId = me;
    else if (q.personId !== me && (p.role === 'guest' || !(await loServes(me, q.personId)))) {
      throw new ForbiddenError(p.role === 'guest' ? 'A guest reads only their own notifications' : `${q.personId} is not assigned to you`);
    }
  }
  return { status: 200, body: await listDeliveries(table, q) };
};
