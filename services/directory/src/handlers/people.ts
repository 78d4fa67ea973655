// /people routes (import lives in import.ts).
import { ConflictError, NotFoundError, ValidationError } from '@liaison/kit/errors';
import { readAgainOnChange } from '@liaison/kit/ddb/read-again';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler } from '@liaison/kit/http/service';
import { clock } from '@liaison/kit/clock';
import { notOver } from '../domain/assignment';
import { assertMayPatch, newPersonFields, patchPersonFields, personChanges, personFieldsOf } from '../domain/person';
import type { DirectoryRoutes } from '../routes';
import { getBookings, linksOf } from '../store/assignments';
import { findParty } from '../store/parties';
import { buildPerson, createPeople, deletePerson, findPerson, listPeople, updatePerson } from '../store/people';
import { guestMaySee, relationTo } from './access';
import { caller, defaultLanguage, storeContext, table } from './deps';

type R = DirectoryRoutes;

export const createPersonHandler: RouteHandler<R['createPerson']> = async (req) => {
  const body = req.body;
  let partyLanguage = null;
  if (body.partyId) {
    const stored = await findParty(table, body.partyId);
    if (!stored) throw new ValidationError([{ path: 'partyId', message: `no party ${body.partyId} in this event` }]);
    partyLanguage = stored.party.language;
  }
  const person = buildPerson(newPersonFields(body, { partyLanguage, eventLanguage: defaultLanguage }));
  await createPeople(storeContext(req), [person]);
  return { status: 201, body: person, version: person.version, location: `/people/${person.id}` };
};

export const listPeopleHandler: RouteHandler<R['listPeople']> = async (req) => {
  return { status: 200, body: await listPeople(table, req.query) };
};

export const getPersonHandler: RouteHandler<R['getPerson']> = async (req) => {
  const { personId } = req.params;
  guestMaySee(req.principal, personId);
  const person = await findPerson(table, personId);
  if (!person) throw new NotFoundError('person', personId);
  return { status: 200, body: person, version: person.version };
};

export const patchPersonHandler: RouteHandler<R['patchPerson']> = async (req) => {
  const { personId } = req.params;
  guestMaySee(req.principal, personId);
  return optimistic(req.ifMatch, async () => {
    const before = await findPerson(table, personId, true);
    if (!before) throw new NotFoundError('person', personId);
    const relation = await relationTo(req.principal, before);
    assertMayPatch(req.principal, relation, req.body);
    assertVersion(before.version, req.ifMatch);
    const current = personFieldsOf(before);
    const next = patchPersonFields(current, req.body);
    const changed = personChanges(current, next);
    if (changed.length === 0) return { status: 200, body: before, version: before.version };
    if (before.role === 'lo' && next.role !== 'lo') {
      const { bookings } = await getBookings(table, personId);
      const live = bookings.filter((b) => notOver(b, clock.nowMs()));
      if (live.length > 0) {
        throw new ConflictError('This LO still has assignments; end them before changing the role', live.map((b) => ({ kind: 'has_assignments', message: 'an assignment of this LO', refs: [b.id] })));
      }
    }
    const after = await updatePerson(storeContext(req), before, next, changed);
    if (changed.includes('role')) caller.forget(personId);
    return { status: 200, body: after, version: after.version };
  });
};

export const deletePersonHandler: RouteHandler<R['deletePerson']> = async (req) => {
  const { personId } = req.params;
  await optimistic(req.ifMatch, () =>
    readAgainOnChange(async () => {
      const person = await findPerson(table, personId, true);
      if (!person) throw new NotFoundError('person', personId);
      assertVersion(person.version, req.ifMatch);
      await deletePerson(storeContext(req), person, await linksOf(table, personId));
      caller.forget(personId);
    }),
  );
  return { status: 204 };
};
