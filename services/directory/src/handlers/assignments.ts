// /assignments routes.
import type { Assignment } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { ConflictError, NotFoundError, ValidationError } from '@liaison/kit/errors';
import { readAgainOnChange } from '@liaison/kit/ddb/read-again';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler } from '@liaison/kit/http/service';
import { newId } from '@liaison/kit/ids';
import { bookingClashes } from '../domain/assignment';
import type { DirectoryRoutes } from '../routes';
import { createAssignment, endAssignment, findAssignment, getBookings, listAssignments } from '../store/assignments';
import { findParty } from '../store/parties';
import { findPerson } from '../store/people';
import { storeContext, table } from './deps';

type R = DirectoryRoutes;

export const createAssignmentHandler: RouteHandler<R['createAssignment']> = async (req) => {
  const b = req.body;
  const errors = [];
  if (!b.partyId === !b.personId) errors.push({ path: b.partyId ? 'personId' : 'partyId', message: 'give exactly one of partyId and personId' });
  if (b.from && b.to && Date.parse(b.from) >= Date.parse(b.to)) errors.push({ path: 'to', message: 'must be after from' });
  if (errors.length > 0) throw new ValidationError(errors);

  const [lo, party, person] = await Promise.all([
    findPerson(table, b.loId, true),
    b.partyId ? findParty(table, b.partyId) : null,
    b.personId ? findPerson(table, b.personId) : null,
  ]);
  if (!lo || lo.role !== 'lo') errors.push({ path: 'loId', message: lo ? `${lo.id} is not an LO (role is ${lo.role})` : `no person ${b.loId} in this event` });
  if (b.partyId && !party) errors.push({ path: 'partyId', message: `no party ${b.partyId} in this event` });
  if (b.personId && !person) errors.push({ path: 'personId', message: `no person ${b.personId} in this event` });
  if (person && (person.role === 'lo' || person.role === 'organizer')) errors.push({ path: 'personId', message: `an LO serves guests and contacts, not a person with role ${person.role}` });
  if (errors.length > 0 || !lo) throw new ValidationError(errors);

  const assignment: Assignment = {
    id: newId('asg'),
    loId: lo.id,
    partyId: b.partyId ?? null,
    personId: b.personId ?? null,
    from: b.from ?? null,
    to: b.to ?? null,
    version: 1,
    createdAt: clock.iso(),
  };
  await readAgainOnChange(async () => {
    const { seq, bookings } = await getBookings(table, lo.id);
    const clashes = bookingClashes(bookings, assignment, lo.maxParties ?? 1);
    if (clashes.length > 0) throw new ConflictError(clashes[0]?.message ?? 'The LO is fully booked then', clashes);
    await createAssignment(storeContext(req), assignment, seq);
  });
  return { status: 201, body: assignment, version: assignment.version, location: `/assignments/${assignment.id}` };
};

export const listAssignmentsHandler: RouteHandler<R['listAssignments']> = async (req) => {
  return { status: 200, body: await listAssignments(table, req.query) };
};

export const deleteAssignmentHandler: RouteHandler<R['deleteAssignment']> = async (req) => {
  const { assignmentId } = req.params;
  await optimistic(req.ifMatch, () =>
    readAgainOnChange(async () => {
      const a = await findAssignment(table, assignmentId);
      if (!a) throw new NotFoundError('assignment', assignmentId);
      assertVersion(a.version, req.ifMatch);
      await endAssignment(storeContext(req), a);
    }),
  );
  return { status: 204 };
};
