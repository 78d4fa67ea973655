// /trips routes: parse, check who may, call the store, answer. The clash check and the bookings live
// in store/trips.ts; the rules across fields in domain/validation.ts.
import type { Trip } from '@liaison/contracts';
import { getPeople } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { ConflictError, NotFoundError, ValidationError } from '@liaison/kit/errors';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler, RouteRequest } from '@liaison/kit/http/service';
import { newId } from '@liaison/kit/ids';
import { origin } from '@liaison/kit/store-context';
import { tripDiff } from '../domain/changes';
import { tripErrors } from '../domain/validation';
import { tripEvents } from '../events';
import type { LogisticsRoutes } from '../routes';
import { findTrip, listTrips, occupantsOf, saveTrip } from '../store/trips';
import { mustServe, peopleNamed, scopeOf } from './access';
import { storeContext, table, timeZone } from './deps';

type R = LogisticsRoutes;
type Fields = Pick<Trip, 'kind' | 'from' | 'to' | 'departAt' | 'arriveBy' | 'vehicleId' | 'loId' | 'passengerIds'>;

function check(t: Fields): void {
  const errors = tripErrors(t);
  if (t.loId && t.passengerIds.includes(t.loId)) errors.push({ path: 'loId', message: 'is also listed as a passenger' });
  if (errors.length > 0) throw new ValidationError(errors);
}

/** Checks and writes one version of a trip, with the event `eventOf` builds; answers the trip. */
async function write(
  req: { principal: RouteRequest<R['createTrip']>['principal']; correlationId: string },
  before: Trip | null,
  after: Trip,
  allowConflicts: boolean,
) {
  // A status move names nobody new: a passenger deleted meanwhile must not stop a cancel.
  const moving = before !== null && after.status !== 'scheduled';
  if (!moving) check(after);
  const named = moving
    ? new Map()
    : await peopleNamed([
        { path: 'passengerIds', ids: after.passengerIds },
        { path: 'loId', ids: [after.loId], roles: ['lo', 'organizer'] },
      ]);
  const known = new Map((await getPeople(table, [...new Set([...occupantsOf(before), ...occupantsOf(after)])])).map((p) => [p.id, p]));
  const people = new Map([...known, ...named]);
  const scope = await scopeOf(req.principal);
  // An LO's trip concerns only their people, before and after, and no other LO leads it.
  mustServe(scope, [...occupantsOf(before), ...occupantsOf(after)].map((id) => people.get(id)), 'this trip');
  const ctx = storeContext(req);
  const o = origin(ctx);
  await saveTrip(table, ctx, {
    before,
    after,
    allowConflicts,
    timeZone: await timeZone(),
    people,
    events: (v) => tripEvents(o, before, after, v),
  });
  return after;
}

export const createTripHandler: RouteHandler<R['createTrip']> = async (req) => {
  const { allowConflicts, ...b } = req.body;
  const now = clock.iso();
  const trip: Trip = { id: newId('trp'), ...b, status: 'scheduled', version: 1, createdAt: now, updatedAt: now };
  await write(req, null, trip, allowConflicts ?? false);
  return { status: 201, body: trip, version: trip.version, location: `/trips/${trip.id}` };
};

export const listTripsHandler: RouteHandler<R['listTrips']> = async (req) => ({ status: 200, body: await listTrips(table, req.query) });

export const getTripHandler: RouteHandler<R['getTrip']> = async (req) => {
  const trip = await findTrip(table, req.params.tripId);
  if (!trip) throw new NotFoundError('trip', req.params.tripId);
  return { status: 200, body: trip, version: trip.version };
};

async function current(id: string, ifMatch: number | 'any' | null): Promise<Trip> {
  const trip = await findTrip(table, id, true);
  if (!trip) throw new NotFoundError('trip', id);
  assertVersion(trip.version, ifMatch);
  if (trip.status !== 'scheduled') throw new ConflictError(`trip ${id} is ${trip.status} and cannot change`, [{ kind: `trip_${trip.status}`, message: `the trip is ${trip.status}`, refs: [id] }]);
  return trip;
}

export const patchTripHandler: RouteHandler<R['patchTrip']> = async (req) =>
  optimistic(req.ifMatch, async () => {
    const before = await current(req.params.tripId, req.ifMatch);
    const { allowConflicts, ...patch } = req.body;
    const merged: Trip = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    if (tripDiff(before, merged).changed.length === 0) return { status: 200, body: before, version: before.version };
    const after: Trip = { ...merged, version: before.version + 1, updatedAt: clock.iso() };
    await write(req, before, after, allowConflicts ?? false);
    return { status: 200, body: after, version: after.version };
  });

function moveTo(status: 'cancelled' | 'completed'): RouteHandler<R['cancelTrip']> & RouteHandler<R['completeTrip']> {
  return async (req: RouteRequest<R['cancelTrip']> | RouteRequest<R['completeTrip']>) =>
    optimistic(req.ifMatch, async () => {
      const before = await current(req.params.tripId, req.ifMatch);
      const after: Trip = { ...before, status, version: before.version + 1, updatedAt: clock.iso() };
      await write(req, before, after, true);
      return { status: 200, body: after, version: after.version };
    });
}

export const cancelTripHandler = moveTo('cancelled');
export const completeTripHandler = moveTo('completed');
