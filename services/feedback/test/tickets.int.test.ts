// Tickets over the HTTP handler against DynamoDB Local: who may file for whom, routing to the
// reporter's LO, due times from the event's SLA, who sees what, the workflow's refusals and the
// filtered lists.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { scanTable } from '../../../test/support/int';
import { assign, delegation, party, person, profile } from './directory';
import { call, claimsFor, file, organizer, ticketBody } from './invoke';

const minutesBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 60_000;

let d: Awaited<ReturnType<typeof delegation>>;

beforeAll(async () => {
  await profile({ high: { ackMinutes: 10, resolveMinutes: 120 } });
  d = await delegation();
});

describe('filing a ticket', () => {
  it("assigns a guest's own ticket to the LO of their party at once, due by the event's SLA for its severity", async () => {
    const t = await file(d.claims.guest, { severity: 'high' });
    expect(t).toMatchObject({ reporterId: d.guest, partyId: d.partyId, assigneeId: d.lo, status: 'open', escalationLevel: 0, comments: [] });
    expect(minutesBetween(t.createdAt, t.ackDueAt)).toBe(10);
    expect(minutesBetween(t.createdAt, t.resolveDueAt)).toBe(120);
    const low = await file(d.claims.guest, { severity: 'low' });
    expect(minutesBetween(low.createdAt, low.ackDueAt)).toBe(240);
    expect(t.history).toEqual([expect.objectContaining({ action: 'created', by: d.guest, to: 'open', assigneeId: d.lo })]);
  });

  it('prefers an LO assigned to the person over the LO of their party, and falls to the organisers when nobody serves them', async () => {
    const personalLo = await person('lo');
    await assign(personalLo, { personId: d.guest });
    const t = await file(organizer, { reporterId: d.guest });
    expect(t.assigneeId).toBe(personalLo);
    const loner = await person('guest');
    const orphan = await file(organizer, { reporterId: loner });
    expect(orphan).toMatchObject({ assigneeId: null, escalationLevel: 1, partyId: null });
  });

  it('lets an LO file for the people assigned to them, not for others', async () => {
    const t = await file(d.claims.lo, { reporterId: d.guest });
    expect(t.history[0].by).toBe(d.lo);
    const stranger = await person('guest', await party());
    const res = await call({ method: 'POST', url: '/tickets', body: ticketBody({ reporterId: stranger }), claims: d.claims.lo });
    expect(res.status).toBe(403);
  });

  it('refuses a guest filing for someone else (403) and unknown reporters or parties (422 naming the field), writing nothing', async () => {
    const before = await scanTable();
    const other = await call({ method: 'POST', url: '/tickets', body: ticketBody({ reporterId: d.lo }), claims: d.claims.guest });
    expect(other.status).toBe(403);
    const unknown = await call({ method: 'POST', url: '/tickets', body: ticketBody({ reporterId: 'per_nobody' }), claims: organizer });
    expect([unknown.status, unknown.body.errors]).toEqual([422, [expect.objectContaining({ path: 'reporterId' })]]);
    const noParty = await call({ method: 'POST', url: '/tickets', body: ticketBody({ reporterId: d.guest, partyId: 'pty_nowhere' }), claims: organizer });
    expect([noParty.status, noParty.body.errors]).toEqual([422, [expect.objectContaining({ path: 'partyId' })]]);
    const badKind = await call({ method: 'POST', url: '/tickets', body: ticketBody({ kind: 'gripe', severity: 'urgent' }), claims: d.claims.guest });
    expect([badKind.status, badKind.body.errors.map((e: { path: string }) => e.path).sort()]).toEqual([422, ['kind', 'severity']]);
    expect(await scanTable()).toEqual(before);
  });
});

describe('seeing tickets', () => {
  it("shows a guest their own tickets only, without internal comments, and an LO those of the people they serve", async () => {
    const t = await file(d.claims.guest);
    await call({ method: 'POST', url: `/tickets/${t.id}/comments`, body: { body: 'Calling the driver', internal: true }, claims: d.claims.lo });
    await call({ method: 'POST', url: `/tickets/${t.id}/comments`, body: { body: 'Your driver is 5 minutes away' }, claims: d.claims.lo });
    const asGuest = await call({ method: 'GET', url: `/tickets/${t.id}`, claims: d.claims.guest });
    expect(asGuest.body.comments.map((c: { body: string }) => c.body)).toEqual(['Your driver is 5 minutes away']);
    const asLo = await call({ method: 'GET', url: `/tickets/${t.id}`, claims: d.claims.lo });
    expect(asLo.body.comments).toHaveLength(2);

    const otherGuest = claimsFor('guest', await person('guest', d.partyId));
    expect((await call({ method: 'GET', url: `/tickets/${t.id}`, claims: otherGuest })).status).toBe(404);
    const otherLo = claimsFor('lo', await person('lo'));
    expect((await call({ method: 'GET', url: `/tickets/${t.id}`, claims: otherLo })).status).toBe(404);
    const internal = await call({ method: 'POST', url: `/tickets/${t.id}/comments`, body: { body: 'psst', internal: true }, claims: d.claims.guest });
    expect(internal.status).toBe(403);
  });

  it('lists by status, assignee, kind, party and overdue through the indexes, page by page', async () => {
    const own = await delegation();
    const filed = [];
    for (const kind of ['question', 'request', 'incident']) filed.push(await file(own.claims.guest, { kind, severity: 'critical' }));
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((t) => t.id);
    const byParty = await call({ method: 'GET', url: `/tickets?partyId=${own.partyId}&limit=2`, claims: organizer });
    expect(ids(byParty)).toEqual(filed.slice(0, 2).map((t) => t.id));
    const next = await call({ method: 'GET', url: `/tickets?partyId=${own.partyId}&limit=2&cursor=${byParty.body.nextCursor}`, claims: organizer });
    expect([ids(next), next.body.nextCursor]).toEqual([[filed[2].id], null]);
    expect(ids(await call({ method: 'GET', url: `/tickets?assigneeId=${own.lo}&kind=request`, claims: organizer }))).toEqual([filed[1].id]);
    expect(ids(await call({ method: 'GET', url: `/tickets?kind=incident&partyId=${own.partyId}`, claims: organizer }))).toEqual([filed[2].id]);
    expect(ids(await call({ method: 'GET', url: '/tickets', claims: own.claims.guest }))).toEqual(filed.map((t) => t.id));
    expect(ids(await call({ method: 'GET', url: '/tickets', claims: own.claims.lo }))).toEqual(filed.map((t) => t.id));
    await call({ method: 'POST', url: `/tickets/${filed[0].id}/transitions`, body: { to: 'acknowledged' }, claims: own.claims.lo });
    expect(ids(await call({ method: 'GET', url: `/tickets?status=acknowledged&assigneeId=${own.lo}`, claims: organizer }))).toEqual([filed[0].id]);
    expect(ids(await call({ method: 'GET', url: `/tickets?status=open&partyId=${own.partyId}`, claims: organizer }))).toEqual([filed[1].id, filed[2].id]);
    expect(ids(await call({ method: 'GET', url: `/tickets?overdue=true&partyId=${own.partyId}`, claims: organizer }))).toEqual([]);
    expect((await call({ method: 'GET', url: `/tickets?assigneeId=${d.lo}`, claims: own.claims.lo })).status).toBe(403);
    expect((await call({ method: 'GET', url: `/tickets?overdue=maybe`, claims: organizer })).status).toBe(422);
  });
});

describe('the workflow over HTTP', () => {
  // Its own delegation: the tests above give d's guest a personal LO.
  let w: Awaited<ReturnType<typeof delegation>>;
  beforeAll(async () => {
    w = await delegation();
  });

  it('refuses a move the workflow does not allow with 409 naming the allowed moves, and records every move', async () => {
    const t = await file(w.claims.guest);
    const bad = await call({ method: 'POST', url: `/tickets/${t.id}/transitions`, body: { to: 'resolved' }, claims: w.claims.lo });
    expect(bad.status).toBe(409);
    expect(bad.body.clashes).toEqual([expect.objectContaining({ refs: ['acknowledged'] })]);
    const byGuest = await call({ method: 'POST', url: `/tickets/${t.id}/transitions`, body: { to: 'acknowledged' }, claims: w.claims.guest });
    expect(byGuest.status).toBe(403);
    for (const to of ['acknowledged', 'in_progress', 'resolved']) {
      const res = await call({ method: 'POST', url: `/tickets/${t.id}/transitions`, body: { to, note: `now ${to}` }, claims: w.claims.lo });
      expect([to, res.status]).toEqual([to, 200]);
    }
    const closed = await call({ method: 'POST', url: `/tickets/${t.id}/transitions`, body: { to: 'closed' }, claims: w.claims.guest });
    expect(closed.body).toMatchObject({ status: 'closed', version: 5 });
    expect(closed.body.history.map((h: { to: string }) => h.to)).toEqual(['open', 'acknowledged', 'in_progress', 'resolved', 'closed']);
    const stale = await call({ method: 'POST', url: `/tickets/${t.id}/transitions`, body: { to: 'reopened' }, claims: w.claims.guest, headers: { 'if-match': '"2"' } });
    expect(stale.status).toBe(412);
  });

  it('lets organisers and the current assignee reassign, to an LO or organiser only', async () => {
    const t = await file(w.claims.guest);
    const otherLo = await person('lo');
    expect((await call({ method: 'POST', url: `/tickets/${t.id}/assign`, body: { assigneeId: otherLo }, claims: claimsFor('lo', otherLo) })).status).toBe(404);
    const toGuest = await call({ method: 'POST', url: `/tickets/${t.id}/assign`, body: { assigneeId: w.guest }, claims: w.claims.lo });
    expect([toGuest.status, toGuest.body.errors?.[0]?.path]).toEqual([422, 'assigneeId']);
    const handed = await call({ method: 'POST', url: `/tickets/${t.id}/assign`, body: { assigneeId: otherLo, note: 'speaks Japanese' }, claims: w.claims.lo });
    expect(handed.body).toMatchObject({ assigneeId: otherLo, status: 'open', version: 2 });
    expect((await call({ method: 'POST', url: `/tickets/${t.id}/assign`, body: { assigneeId: w.lo }, claims: claimsFor('lo', otherLo) })).status).toBe(200);
    const same = await call({ method: 'POST', url: `/tickets/${t.id}/assign`, body: { assigneeId: w.lo }, claims: organizer });
    expect(same.status).toBe(409);
  });
});
