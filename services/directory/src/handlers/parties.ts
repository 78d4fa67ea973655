// /parties routes.
import { NotFoundError } from '@liaison/kit/errors';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler } from '@liaison/kit/http/service';
import { changedFields, mergePatch } from '../domain/changes';
import type { DirectoryRoutes } from '../routes';
import { PatchPartyBody } from '../schemas';
import { PARTY_FIELDS, createParty, deleteParty, findParty, listParties, updateParty, type PartyFields } from '../store/parties';
import { callerPerson } from './access';
import { storeContext, table } from './deps';

type R = DirectoryRoutes;

export const createPartyHandler: RouteHandler<R['createParty']> = async (req) => {
  const b = req.body;
  const party = await createParty(storeContext(req), {
    name: b.name,
    type: b.type,
    country: b.country ?? null,
    protocolLevel: b.protocolLevel,
    language: b.language ?? null,
    externalId: b.externalId ?? null,
    notes: b.notes ?? null,
  });
  return { status: 201, body: party, version: party.version, location: `/parties/${party.id}` };
};

export const listPartiesHandler: RouteHandler<R['listParties']> = async (req) => {
  const page = await listParties(table, req.query);
  return { status: 200, body: page };
};

export const getPartyHandler: RouteHandler<R['getParty']> = async (req) => {
  const { partyId } = req.params;
  if (req.principal.role === 'guest') {
    const me = await callerPerson(req.principal);
    if (me?.partyId !== partyId) throw new NotFoundError('party', partyId);
  }
  const party = await findParty(table, partyId);
  if (!party) throw new NotFoundError('party', partyId);
  const { memberCount: _m, assignmentCount: _a, ...body } = party;
  return { status: 200, body, version: party.version };
};

export const patchPartyHandler: RouteHandler<R['patchParty']> = async (req) => {
  const { partyId } = req.params;
  const patch: PatchPartyBody = req.body;
  return optimistic(req.ifMatch, async () => {
    const before = await findParty(table, partyId, true);
    if (!before) throw new NotFoundError('party', partyId);
    assertVersion(before.version, req.ifMatch);
    const current: PartyFields = Object.fromEntries(PARTY_FIELDS.map((f) => [f, before[f]])) as PartyFields;
    const next = mergePatch(current, patch as Record<string, unknown>);
    const changed = changedFields(current, next, PARTY_FIELDS);
    const { memberCount: _m, assignmentCount: _a, ...plain } = before;
    if (changed.length === 0) return { status: 200, body: plain, version: before.version };
    const after = await updateParty(storeContext(req), plain, next, changed);
    return { status: 200, body: after, version: after.version };
  });
};

export const deletePartyHandler: RouteHandler<R['deleteParty']> = async (req) => {
  const { partyId } = req.params;
  await optimistic(req.ifMatch, async () => {
    const party = await findParty(table, partyId, true);
    if (!party) throw new NotFoundError('party', partyId);
    assertVersion(party.version, req.ifMatch);
    await deleteParty(storeContext(req), party);
  });
  return { status: 204 };
};
