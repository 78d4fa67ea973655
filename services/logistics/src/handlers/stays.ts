// /accommodations routes (stays). The clash check and bookings live in store/stays.ts.
import type { Stay } from '@liaison/contracts';
import { getPeople } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { NotFoundError, ValidationError } from '@liaison/kit/errors';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler, RouteRequest } from '@liaison/kit/http/service';
import { newId } from '@liaison/kit/ids';
import { origin } from '@liaison/kit/store-context';
import { stayDiff } from '../domain/changes';
import { stayErrors } from '../domain/validation';
import { stayEvents } from '../events';
import type { LogisticsRoutes } from '../routes';
import { findStay, listStays, saveStay } from '../store/stays';
import { mustServe, peopleNamed, scopeOf, serves, type LoScope } from './access';
import { storeContext, table, timeZone } from './deps';

type R = LogisticsRoutes;

async function write(req: { principal: RouteRequest<R['createStay']>['principal']; correlationId: string }, before: Stay | null, after: Stay | null, allowConflicts: boolean) {
  if (after) {
    const errors = stayErrors(after);
    if (errors.length > 0) throw new ValidationError(errors);
  }
  const named = after ? await peopleNamed([{ path: 'personIds', ids: after.personIds }]) : new Map();
  const all = [...new Set([...(before?.personIds ?? []), ...(after?.personIds ?? [])])];
  const people = new Map([...(await getPeople(table, all)).map((p) => [p.id, p] as const), ...named]);
  mustServe(await scopeOf(req.principal), all.map((id) => people.get(id)), 'this stay');
  const ctx = storeContext(req);
  const events = stayEvents(origin(ctx), before, after);
  await saveStay(ctx, { before, after, allowConflicts, timeZone: await timeZone(), people, events });
}

/** An LO reads the stays of their people only; any other stay is "not found" to them. */
async function visible(scope: LoScope | null, stays: Stay[]): Promise<Stay[]> {
  if (scope === null) return stays;
  const people = new Map((await getPeople(table, [...new Set(stays.flatMap((s) => s.personIds))])).map((p) => [p.id, p]));
  return stays.filter((s) => s.personIds.some((id) => people.has(id) && serves(scope, people.get(id)!)));
}

export const createStayHandler: RouteHandler<R['createStay']> = async (req) => {
  const { allowConflicts, ...b } = req.body;
  const now = clock.iso();
  const stay: Stay = { id: newId('sty'), ...b, version: 1, createdAt: now, updatedAt: now };
  await write(req, null, stay, allowConflicts ?? false);
  return { status: 201, body: stay, version: stay.version, location: `/accommodations/${stay.id}` };
};

export const listStaysHandler: RouteHandler<R['listStays']> = async (req) => {
  const scope = await scopeOf(req.principal);
  const page = await listStays(table, req.query);
  return { status: 200, body: { items: await visible(scope, page.items), nextCursor: page.nextCursor } };
};

async function readable(req: { principal: RouteRequest<R['getStay']>['principal'] }, id: string, consistent = false): Promise<Stay> {
  const stay = await findStay(table, id, consistent);
  if (!stay || (await visible(await scopeOf(req.principal), [stay])).length === 0) throw new NotFoundError('stay', id);
  return stay;
}

export const getStayHandler: RouteHandler<R['getStay']> = async (req) => {
  const stay = await readable(req, req.params.accommodationId);
  return { status: 200, body: stay, version: stay.version };
};

export const patchStayHandler: RouteHandler<R['patchStay']> = async (req) =>
  optimistic(req.ifMatch, async () => {
    const before = await readable(req, req.params.accommodationId, true);
    assertVersion(before.version, req.ifMatch);
    const { allowConflicts, ...patch } = req.body;
    const merged: Stay = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    if (stayDiff(before, merged).changed.length === 0) return { status: 200, body: before, version: before.version };
    const after: Stay = { ...merged, version: before.version + 1, updatedAt: clock.iso() };
    await write(req, before, after, allowConflicts ?? false);
    return { status: 200, body: after, version: after.version };
  });

export const deleteStayHandler: RouteHandler<R['deleteStay']> = async (req) => {
  await optimistic(req.ifMatch, async () => {
    const before = await readable(req, req.params.accommodationId, true);
    assertVersion(before.version, req.ifMatch);
    await write(req, before, null, true);
  });
  return { status: 204 };
};
