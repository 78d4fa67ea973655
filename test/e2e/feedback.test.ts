// API.md's Feedback section over HTTP against the running local stack: a guest's complaint reaches
// their LO at once, is acknowledged, escalates to the organisers when left past its due time (the
// movable clock and the escalation schedule run on demand), is resolved, closed and rated.
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { api, tokenFor } from '../support/e2e';

const run = randomBytes(3).toString('hex');
let org: string;
const as = (token: string) => ({
  get: (path: string) => api(path, { token }),
  post: (path: string, body: unknown) => api(path, { method: 'POST', token, body }),
});

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
});
afterAll(() => api('/_local/clock', { method: 'POST', body: { reset: true } }));

async function created(res: { status: number; body: any }): Promise<any> {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('a complaint from a guest', () => {
  it('reaches their LO, is acknowledged, escalates to the organisers when left past its due time, is resolved and rated', async () => {
    const o = as(org);
    const party = await created(await o.post('/parties', { name: `Delegasi Jepang ${run}`, type: 'delegation', country: 'JP' }));
    const guest = await created(await o.post('/people', { name: `Tanaka Hiroshi ${run}`, role: 'guest', partyId: party.id }));
    const loPerson = await created(await o.post('/people', { name: `Sari Wulandari ${run}`, role: 'lo' }));
    await created(await o.post('/assignments', { loId: loPerson.id, partyId: party.id }));
    const g = as(await tokenFor({ personId: guest.id }));
    const lo = as(await tokenFor({ personId: loPerson.id }));

    // Filed by the guest for themselves: assigned to their party's LO at once.
    const filed = await g.post('/tickets', { kind: 'complaint', category: 'transport', severity: 'high', subject: 'Driver did not show at CGK', body: 'Waited 40 minutes at terminal 3.' });
    const ticket = await created(filed);
    expect(filed.headers.get('location')).toBe(`/tickets/${ticket.id}`);
    expect(ticket).toMatchObject({ assigneeId: loPerson.id, status: 'open', escalationLevel: 0 });
    const mine = await lo.get('/tickets');
    expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(ticket.id);
    expect((await g.post('/tickets', { kind: 'question', category: 'other', severity: 'low', subject: 'x', body: 'y', reporterId: loPerson.id })).status).toBe(403);

    // Acknowledged: the ack timer stops, the resolve timer runs on.
    const acked = await lo.post(`/tickets/${ticket.id}/transitions`, { to: 'acknowledged', note: 'Calling the transport desk' });
    expect(acked).toMatchObject({ status: 200, body: { status: 'acknowledged' } });
    const early = await api('/_local/schedules/ticket-escalation/run', { method: 'POST' });
    expect(early.status).toBe(200);
    expect((await lo.get(`/tickets/${ticket.id}`)).body.escalationLevel).toBe(0);

    // Left alone past resolveDueAt: the schedule escalates it to the organisers.
    const past = new Date(Date.parse(ticket.resolveDueAt) + 60_000).toISOString();
    expect((await api('/_local/clock', { method: 'POST', body: { now: past } })).status).toBe(200);
    expect((await api('/_local/schedules/ticket-escalation/run', { method: 'POST' })).status).toBe(200);
    const escalated = await o.get(`/tickets/${ticket.id}`);
    expect(escalated.body).toMatchObject({ escalationLevel: 1, status: 'acknowledged' });
    expect(escalated.body.history.at(-1)).toMatchObject({ action: 'escalated', by: null });
    const overdue = await o.get(`/tickets?overdue=true&partyId=${party.id}`);
    expect(overdue.body.items.map((t: { id: string }) => t.id)).toEqual([ticket.id]);

    // Worked and resolved by the LO, closed by the guest, who then rates their LO.
    expect((await lo.post(`/tickets/${ticket.id}/transitions`, { to: 'in_progress' })).status).toBe(200);
    const resolved = await lo.post(`/tickets/${ticket.id}/transitions`, { to: 'resolved', note: 'New driver sent; apologies' });
    expect(resolved.body.status).toBe('resolved');
    const closed = await g.post(`/tickets/${ticket.id}/transitions`, { to: 'closed' });
    expect(closed.body.history.map((h: { action: string; to: string }) => `${h.action}:${h.to}`)).toEqual([
      'created:open',
      'moved:acknowledged',
      'escalated:acknowledged',
      'moved:in_progress',
      'moved:resolved',
      'moved:closed',
    ]);
    const rated = await g.post('/ratings', { subject: 'lo', score: 4, targetId: loPerson.id, comment: 'Late, but well handled' });
    expect(rated).toMatchObject({ status: 201, body: { raterId: guest.id, partyId: party.id, score: 4 } });
    const summary = await o.get('/ratings/summary?by=lo&limit=200');
    expect(summary.body.items.find((i: { key: string }) => i.key === loPerson.id)).toEqual({ key: loPerson.id, count: 1, mean: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 } });
    expect((await g.get('/ratings/summary?by=lo')).status).toBe(403);
  });
});
