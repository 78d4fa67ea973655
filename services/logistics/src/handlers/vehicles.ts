// /vehicles routes.
import type { Vehicle } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { NotFoundError, ValidationError } from '@liaison/kit/errors';
import { makeEvent } from '../events';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler } from '@liaison/kit/http/service';
import { newId } from '@liaison/kit/ids';
import { origin } from '@liaison/kit/store-context';
import { changedFields, vehicleAudience } from '../domain/changes';
import { vehicleErrors } from '../domain/validation';
import type { LogisticsRoutes } from '../routes';
import { createVehicle, findVehicle, listVehicles, updateVehicle } from '../store/vehicles';
import { storeContext, table, timeZone } from './deps';

type R = LogisticsRoutes;

function check(v: Pick<Vehicle, 'capacity'>): void {
  const errors = vehicleErrors(v);
  if (errors.length > 0) throw new ValidationError(errors);
}

export const createVehicleHandler: RouteHandler<R['createVehicle']> = async (req) => {
  check(req.body);
  const now = clock.iso();
  const vehicle: Vehicle = { id: newId('veh'), ...req.body, version: 1, createdAt: now, updatedAt: now };
  const ctx = storeContext(req);
  await createVehicle(ctx, vehicle, [makeEvent('vehicle.created', { vehicle }, origin(ctx))]);
  return { status: 201, body: vehicle, version: vehicle.version, location: `/vehicles/${vehicle.id}` };
};

export const listVehiclesHandler: RouteHandler<R['listVehicles']> = async (req) => ({ status: 200, body: await listVehicles(table, req.query) });

export const getVehicleHandler: RouteHandler<R['getVehicle']> = async (req) => {
  const v = await findVehicle(table, req.params.vehicleId);
  if (!v) throw new NotFoundError('vehicle', req.params.vehicleId);
  return { status: 200, body: v, version: v.version };
};

export const patchVehicleHandler: RouteHandler<R['patchVehicle']> = async (req) =>
  optimistic(req.ifMatch, async () => {
    const before = await findVehicle(table, req.params.vehicleId, true);
    if (!before) throw new NotFoundError('vehicle', req.params.vehicleId);
    assertVersion(before.version, req.ifMatch);
    const { allowConflicts, ...patch } = req.body;
    const merged: Vehicle = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    check(merged);
    const changed = changedFields(before, merged);
    if (changed.length === 0) return { status: 200, body: before, version: before.version };
    const after: Vehicle = { ...merged, version: before.version + 1, updatedAt: clock.iso() };
    const ctx = storeContext(req);
    await updateVehicle(ctx, {
      before,
      after,
      allowConflicts: allowConflicts ?? false,
      timeZone: await timeZone(),
      events: (trips) => [makeEvent('vehicle.changed', { before, after, changed, tripIds: trips.map((t) => t.id), audience: vehicleAudience(trips) }, origin(ctx))],
    });
    return { status: 200, body: after, version: after.version };
  });
