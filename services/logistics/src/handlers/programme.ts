// /sessions and /meetings routes: the programme and coordination meetings with their minutes.
import type { Meeting, Person, Session } from '@liaison/contracts';
import { getParty, getPeople } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type FieldError } from '@liaison/kit/errors';
import { makeEvent } from '../events';
import type { Principal } from '@liaison/kit/http/auth';
import { assertVersion, optimistic } from '@liaison/kit/http/etag';
import type { RouteHandler } from '@liaison/kit/http/service';
import { newId } from '@liaison/kit/ids';
import { origin } from '@liaison/kit/store-context';
import { changedFields, meetingAudience, sessionAudience } from '../domain/changes';
import { meetingErrors, sessionErrors } from '../domain/validation';
import type { LogisticsRoutes } from '../routes';
import { findMeeting, findSession, listMeetings, listSessions, saveMeeting, saveSession } from '../store/programme';
import { peopleNamed, scopeOf, serves } from './access';
import { storeContext, table, timeZone } from './deps';

type R = LogisticsRoutes;
const SESSION_FIELDS = ['title', 'startsAt', 'endsAt', 'venue', 'attendeePartyIds'];
const defined = <T extends object>(patch: T) => Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;

/** A 422 naming each party id of `path` that the directory does not know. */
async function partiesExist(path: string, ids: readonly string[]): Promise<void> {
  const found = await Promise.all(ids.map((id) => getParty(table, id)));
  const errors: FieldError[] = ids.flatMap((id, i) => (found[i] ? [] : [{ path: `${path}.${i}`, message: `no party ${id}` }]));
  if (errors.length > 0) throw new ValidationError(errors);
}

// ---- sessions (organisers write the programme)

export const createSessionHandler: RouteHandler<R['createSession']> = async (req) => {
  const now = clock.iso();
  const session: Session = { id: newId('ses'), ...req.body, version: 1, createdAt: now, updatedAt: now };
  const errors = sessionErrors(session);
  if (errors.length > 0) throw new ValidationError(errors);
  await partiesExist('attendeePartyIds', session.attendeePartyIds);
  const ctx = storeContext(req);
  await saveSession(ctx, null, session, await timeZone(), [makeEvent('session.changed', { before: null, after: session, changed: SESSION_FIELDS, audience: sessionAudience(session) }, origin(ctx))]);
  return { status: 201, body: session, version: session.version, location: `/sessions/${session.id}` };
};

export const listSessionsHandler: RouteHandler<R['listSessions']> = async (req) => ({ status: 200, body: await listSessions(table, req.query) });

export const getSessionHandler: RouteHandler<R['getSession']> = async (req) => {
  const s = await findSession(table, req.params.sessionId);
  if (!s) throw new NotFoundError('session', req.params.sessionId);
  return { status: 200, body: s, version: s.version };
};

export const patchSessionHandler: RouteHandler<R['patchSession']> = async (req) =>
  optimistic(req.ifMatch, async () => {
    const before = await findSession(table, req.params.sessionId, true);
    if (!before) throw new NotFoundError('session', req.params.sessionId);
    assertVersion(before.version, req.ifMatch);
    const merged: Session = { ...before, ...defined(req.body) };
    const errors = sessionErrors(merged);
    if (errors.length > 0) throw new ValidationError(errors);
    const changed = changedFields(before, merged);
    if (changed.length === 0) return { status: 200, body: before, version: before.version };
    if (changed.includes('attendeePartyIds')) await partiesExist('attendeePartyIds', merged.attendeePartyIds);
    const after: Session = { ...merged, version: before.version + 1, updatedAt: clock.iso() };
    const ctx = storeContext(req);
    await saveSession(ctx, before, after, await timeZone(), [makeEvent('session.changed', { before, after, changed, audience: sessionAudience(before, after) }, origin(ctx))]);
    return { status: 200, body: after, version: after.version };
  });

export const deleteSessionHandler: RouteHandler<R['deleteSession']> = async (req) => {
  await optimistic(req.ifMatch, async () => {
    const before = await findSession(table, req.params.sessionId, true);
    if (!before) throw new NotFoundError('session', req.params.sessionId);
    assertVersion(before.version, req.ifMatch);
    const ctx = storeContext(req);
    await saveSession(ctx, before, null, await timeZone(), [makeEvent('session.changed', { before, after: null, changed: SESSION_FIELDS, audience: sessionAudience(before) }, origin(ctx))]);
  });
  return { status: 204 };
};

// ---- meetings

/** An LO changes a meeting only when every party and guest attending is theirs (staff may attend any). */
async function mayChange(principal: Principal, m: Pick<Meeting, 'attendeePartyIds' | 'attendeeIds'>, people?: ReadonlyMap<string, Person>): Promise<boolean> {
  const scope = await scopeOf(principal);
  if (scope === null) return true;
  if (principal.role !== 'lo') return false;
  if (!m.attendeePartyIds.every((p) => scope.partyIds.has(p))) return false;
  const known = people ?? new Map((await getPeople(table, m.attendeeIds)).map((p) => [p.id, p]));
  return m.attendeeIds.every((id) => {
    const p = known.get(id);
    return !p || p.role === 'lo' || p.role === 'organizer' || serves(scope, p);
  });
}

async function checkMeeting(principal: Principal, m: Meeting, before: Meeting | null): Promise<void> {
  const errors = meetingErrors(m);
  if (errors.length > 0) throw new ValidationError(errors);
  const people = await peopleNamed([{ path: 'attendeeIds', ids: m.attendeeIds }]);
  await partiesExist('attendeePartyIds', m.attendeePartyIds);
  if (!(await mayChange(principal, m, people)) || (before && !(await mayChange(principal, before)))) {
    throw new ForbiddenError('this meeting concerns parties or people who are not assigned to you');
  }
}

async function current(id: string, ifMatch: number | 'any' | null): Promise<Meeting> {
  const m = await findMeeting(table, id, true);
  if (!m) throw new NotFoundError('meeting', id);
  assertVersion(m.version, ifMatch);
  return m;
}

function scheduled(m: Meeting): void {
  if (m.status === 'cancelled') throw new ConflictError(`meeting ${m.id} is cancelled`, [{ kind: 'meeting_cancelled', message: 'the meeting is cancelled', refs: [m.id] }]);
}

export const createMeetingHandler: RouteHandler<R['createMeeting']> = async (req) => {
  const now = clock.iso();
  const meeting: Meeting = { id: newId('mtg'), ...req.body, minutes: null, status: 'scheduled', version: 1, createdAt: now, updatedAt: now };
  await checkMeeting(req.principal, meeting, null);
  const ctx = storeContext(req);
  await saveMeeting(ctx, null, meeting, [makeEvent('meeting.scheduled', { meeting, audience: meetingAudience(meeting) }, origin(ctx))]);
  return { status: 201, body: meeting, version: meeting.version, location: `/meetings/${meeting.id}` };
};

export const listMeetingsHandler: RouteHandler<R['listMeetings']> = async (req) => ({ status: 200, body: await listMeetings(table, req.query) });

export const getMeetingHandler: RouteHandler<R['getMeeting']> = async (req) => {
  const m = await findMeeting(table, req.params.meetingId);
  if (!m) throw new NotFoundError('meeting', req.params.meetingId);
  return { status: 200, body: m, version: m.version };
};

/** Writes `after` over `before` with a meeting.changed event (nothing when nothing changed). */
async function change(req: { correlationId: string }, before: Meeting, next: Meeting) {
  const changed = changedFields(before, next);
  if (changed.length === 0) return { status: 200, body: before, version: before.version };
  const after: Meeting = { ...next, version: before.version + 1, updatedAt: clock.iso() };
  const ctx = storeContext(req);
  await saveMeeting(ctx, before, after, [makeEvent('meeting.changed', { before, after, changed, audience: meetingAudience(before, after) }, origin(ctx))]);
  return { status: 200, body: after, version: after.version };
}

export const patchMeetingHandler: RouteHandler<R['patchMeeting']> = async (req) =>
  optimistic(req.ifMatch, async () => {
    const before = await current(req.params.meetingId, req.ifMatch);
    scheduled(before);
    const next: Meeting = { ...before, ...defined(req.body) };
    await checkMeeting(req.principal, next, before);
    return change(req, before, next);
  });

export const cancelMeetingHandler: RouteHandler<R['cancelMeeting']> = async (req) =>
  optimistic(req.ifMatch, async () => {
    const before = await current(req.params.meetingId, req.ifMatch);
    scheduled(before);
    if (!(await mayChange(req.principal, before))) throw new ForbiddenError('this meeting concerns parties or people who are not assigned to you');
    const after: Meeting = { ...before, status: 'cancelled', version: before.version + 1, updatedAt: clock.iso() };
    const ctx = storeContext(req);
    await saveMeeting(ctx, before, after, [makeEvent('meeting.cancelled', { meeting: after, audience: meetingAudience(after) }, origin(ctx))]);
    return { status: 200, body: after, version: after.version };
  });

export const recordMinutesHandler: RouteHandler<R['recordMinutes']> = async (req) =>
  optimistic(req.ifMatch, async () => {
    const before = await current(req.params.meetingId, req.ifMatch);
    if (!(await mayChange(req.principal, before))) throw new ForbiddenError('this meeting concerns parties or people who are not assigned to you');
    const b = req.body;
    await peopleNamed(b.actionItems.map((a, i) => ({ path: `actionItems.${i}.ownerId`, ids: [a.ownerId] })));
    // Items recorded again keep their ids when they are the same item (same owner and text).
    const old = before.minutes?.actionItems ?? [];
    const actionItems = b.actionItems.map((a) => ({ id: old.find((o) => o.ownerId === a.ownerId && o.text === a.text)?.id ?? newId('act'), ...a }));
    return change(req, before, { ...before, minutes: { notes: b.notes, decisions: b.decisions, actionItems } });
  });

export const patchActionItemHandler: RouteHandler<R['patchActionItem']> = async (req) =>
  optimistic(req.ifMatch, async () => {
    const { meetingId, itemId } = req.params;
    const before = await findMeeting(table, meetingId, true);
    const item = before?.minutes?.actionItems.find((a) => a.id === itemId);
    const owner = item !== undefined && req.principal.personId === item.ownerId;
    // A guest learns of a meeting only through an item they own.
    if (!before || !item || (req.principal.role === 'guest' && !owner)) throw new NotFoundError('action item', itemId);
    assertVersion(before.version, req.ifMatch);
    const onlyDone = Object.keys(defined(req.body)).every((k) => k === 'done');
    if (!(owner && onlyDone) && !(await mayChange(req.principal, before))) throw new ForbiddenError('only the owner may mark this item done; other changes are for those who run the meeting');
    if (req.body.ownerId) await peopleNamed([{ path: 'ownerId', ids: [req.body.ownerId] }]);
    const actionItems = before.minutes!.actionItems.map((a) => (a.id === itemId ? { ...a, ...defined(req.body) } : a));
    return change(req, before, { ...before, minutes: { ...before.minutes!, actionItems } });
  });
