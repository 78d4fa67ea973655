// /parties routes.
import { NotFoundError } from '@liaison/kit/errors';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler } from '@liaison/kit/http/service';
import { changedFields, mergePatch } from '../domain/changes';
import type { DirectoryRoutes } from '../routes';
import { PatchPartyBody } from '../schemas';
import { PARTY_FIELDS, createParty, deleteParty, findParty, listParties, partyFieldsOf, updateParty } from '../store/parties';
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
  const stored = await findParty(table, partyId);
  if (!stored) throw new NotFoundError('party', partyId);
  return { status: 200, body: stored.party, version: stored.party.version };
};

export const patchPartyHandler: RouteHandler<R['patchParty']> = async (req) => {
  const { partyId } = req.params;
  const patch: PatchPartyBody = req.body;
  return optimistic(req.ifMatch, async () => {
    const stored = await findParty(table, partyId, true);
    if (!stored) throw new NotFoundError('party', partyId);
    const before = stored.party;
    assertVersion(before.version, req.ifMatch);
    const current = partyFieldsOf(before);
    const next = mergePatch(current, patch as Record<string, unknown>);
    const changed = changedFields(current, next, PARTY_FIELDS);
    if (changed.length === 0) return { status: 200, body: before, version: before.version };
    const after = await updateParty(storeContext(req), before, next, changed);
    return { status: 200, body: after, version: after.version };
  });
};

export const deletePartyHandler: RouteHandler<R['deleteParty']> = async (req) => {
  const { partyId } = req.params;
  await optimistic(req.ifMatch, async () => {
    const stored = await findParty(table, partyId, true);
    if (!stored) throw new NotFoundError('party', partyId);
    assertVersion(stored.party.version, req.ifMatch);
    await deleteParty(storeContext(req), stored);
  });
  return { status: 204 };
};
