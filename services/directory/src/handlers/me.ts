// GET /me: the caller, and who serves them or whom they serve.
import type { Assignment } from '@liaison/contracts';
import { getAssignments, getParties } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { NotFoundError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import { notOver } from '../domain/assignment';
import type { DirectoryRoutes } from '../routes';
import { assignmentsOfTarget, getBookings } from '../store/assignments';
import { getPeople } from '../store/people';
import { callerPerson } from './access';
import { table } from './deps';

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

export const meHandler: RouteHandler<DirectoryRoutes['me']> = async (req) => {
  const { principal } = req;
  const person = await callerPerson(principal);
  if (principal.personId && !person) throw new NotFoundError('Your person record no longer exists');
  const now = clock.nowMs();

  if (principal.role === 'guest' && person) {
    const lists = await Promise.all([
      assignmentsOfTarget(table, { personId: person.id }),
      person.partyId ? assignmentsOfTarget(table, { partyId: person.partyId }) : Promise.resolve([] as Assignment[]),
    ]);
    const loIds = [...new Set(lists.flat().filter((a) => notOver(a, now)).map((a) => a.loId))];
    const los = (await getPeople(table, loIds)).sort(byName).map((lo) => ({ id: lo.id, name: lo.name, phone: lo.phone, languages: lo.languages }));
    return { status: 200, body: { role: principal.role, person, los } };
  }

  if (principal.role === 'lo' && person) {
    const { bookings } = await getBookings(table, person.id);
    const live = bookings.filter((b) => notOver(b, now));
    const assignments = (await getAssignments(table, live.map((b) => b.id))).sort((a, b) => a.id.localeCompare(b.id));
    const partyIds = [...new Set(assignments.flatMap((a) => (a.partyId ? [a.partyId] : [])))];
    const personIds = [...new Set(assignments.flatMap((a) => (a.personId ? [a.personId] : [])))];
    const [parties, people] = await Promise.all([getParties(table, partyIds), getPeople(table, personIds)]);
    return {
      status: 200,
      body: { role: principal.role, person, assigned: { assignments, parties: parties.sort(byName), people: people.sort(byName) } },
    };
  }

  return { status: 200, body: { role: principal.role, person } };
};
