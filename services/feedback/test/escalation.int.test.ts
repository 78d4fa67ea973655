// The escalation sweep against DynamoDB Local with the movable clock: it reads only what is due,
// escalates a ticket left past its due time to the organisers once (however many sweeps run, and
// when two run at once), leaves acknowledged and resolved timers alone, and publishes ticket.escalated.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { clockControl } from '@liaison/kit/clock';
import { sweepEscalations } from '../src/store/escalation';
import { delegation, profile } from './directory';
import { listen } from '../../../test/support/events';
import { call, file } from './invoke';

// Years before anything other test files file, so their tickets are never due here.
const T0 = Date.parse('2021-01-01T00:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
const ctx = () => ({ tableName: process.env.LIAISON_TABLE_NAME as string, topicArn: process.env.LIAISON_EVENTS_TOPIC_ARN as string, service: 'feedback', correlationId: 'test-sweep' });
const sweepAt = (minutes: number) => {
  clockControl.freeze(at(minutes));
  return sweepEscalations(ctx(), at(minutes).toISOString());
};

let events: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  await profile({});
  events = await listen(['ticket.']);
});
afterEach(() => clockControl.reset());
afterAll(async () => {
  await events.close();
});

describe('the escalation sweep', () => {
  it('escalates once what is left past its due time, reading only what is due, and leaves stopped timers alone', async () => {
    const d = await delegation();
    clockControl.freeze(at(0));
    const alone = await file(d.claims.guest, { severity: 'critical', subject: 'left alone' }); // ack 5 min, resolve 60 min
    const acked = await file(d.claims.guest, { severity: 'critical', subject: 'acknowledged' });
    const resolved = await file(d.claims.guest, { severity: 'critical', subject: 'resolved' });
    const later = await file(d.claims.guest, { severity: 'low', subject: 'not due yet' }); // ack 4 h
    await call({ method: 'POST', url: `/tickets/${acked.id}/transitions`, body: { to: 'acknowledged' }, claims: d.claims.lo });
    for (const to of ['acknowledged', 'in_progress', 'resolved']) await call({ method: 'POST', url: `/tickets/${resolved.id}/transitions`, body: { to }, claims: d.claims.lo });

    expect(await sweepAt(5)).toEqual({ read: 0, escalated: 0, skipped: 0, more: false }); // due at 5 min: overdue only after
    expect(await sweepAt(6)).toEqual({ read: 1, escalated: 1, skipped: 0, more: false });
    expect(await sweepAt(7)).toEqual({ read: 0, escalated: 0, skipped: 0, more: false }); // runs twice: escalates once

    const get = async (id: string) => (await call({ method: 'GET', url: `/tickets/${id}`, claims: d.claims.lo })).body;
    const a = await get(alone.id);
    expect(a).toMatchObject({ escalationLevel: 1, assigneeId: d.lo, status: 'open' });
    expect(a.history.at(-1)).toMatchObject({ action: 'escalated', by: null, escalationLevel: 1 });
    expect((await get(acked.id)).escalationLevel).toBe(0);
    expect((await get(later.id)).escalationLevel).toBe(0);

    // The acknowledged ticket's resolve timer runs out at 60 min: two sweeps at once escalate it once.
    clockControl.freeze(at(61));
    const both = await Promise.all([sweepEscalations(ctx(), at(61).toISOString()), sweepEscalations(ctx(), at(61).toISOString())]);
    expect(both.reduce((n, s) => n + s.escalated, 0)).toBe(1);
    const b = await get(acked.id);
    expect(b.history.filter((h: { action: string }) => h.action === 'escalated')).toHaveLength(1);
    expect((await get(resolved.id)).escalationLevel).toBe(0);

    await events.collect(() => events.received.filter((r) => r.type === 'ticket.escalated').length >= 2, 10_000);
    const escalated = events.received.filter((r) => r.type === 'ticket.escalated');
    expect(escalated.map((r) => [r.event.data.ticket.id, r.event.data.reason, r.attribute]).sort()).toEqual(
      [
        [alone.id, 'ack_overdue', 'ticket.escalated'],
        [acked.id, 'resolve_overdue', 'ticket.escalated'],
      ].sort(),
    );
    expect(escalated.find((r) => r.event.data.ticket.id === alone.id)?.event.data.missedDueAt).toBe(alone.ackDueAt);
  });

  it('lists an overdue ticket with overdue=true until it is acknowledged; a reopened ticket escalates again on fresh due times', async () => {
    const d = await delegation();
    clockControl.freeze(at(1000));
    const t = await file(d.claims.guest, { severity: 'critical' });
    clockControl.freeze(at(1010));
    const overdue = await call({ method: 'GET', url: `/tickets?overdue=true&partyId=${d.partyId}`, claims: d.claims.lo });
    expect(overdue.body.items.map((i: { id: string }) => i.id)).toEqual([t.id]);
    for (const to of ['acknowledged', 'in_progress', 'resolved']) await call({ method: 'POST', url: `/tickets/${t.id}/transitions`, body: { to }, claims: d.claims.lo });
    expect((await call({ method: 'GET', url: `/tickets?overdue=true&partyId=${d.partyId}`, claims: d.claims.lo })).body.items).toEqual([]);
    const reopened = await call({ method: 'POST', url: `/tickets/${t.id}/transitions`, body: { to: 'reopened' }, claims: d.claims.guest });
    expect(reopened.body).toMatchObject({ status: 'reopened', escalationLevel: 0, ackDueAt: at(1015).toISOString() });
    await sweepAt(1016);
    const after = (await call({ method: 'GET', url: `/tickets/${t.id}`, claims: d.claims.lo })).body;
    expect(after).toMatchObject({ status: 'reopened', escalationLevel: 1 });
    expect(after.history.at(-1)).toMatchObject({ action: 'escalated', note: expect.stringContaining('not acknowledged') });
  });

  it('publishes ticket.created with the assignee and kind at once for an emergency', async () => {
    const d = await delegation();
    const t = await file(d.claims.guest, { kind: 'emergency', category: 'health', severity: 'critical', subject: 'Delegate fainted in the lobby' });
    await events.collect(() => events.received.some((r) => r.type === 'ticket.created' && r.event.data.ticket.id === t.id), 10_000);
    const created = events.received.find((r) => r.type === 'ticket.created' && r.event.data.ticket.id === t.id);
    expect(created?.event.data.ticket).toMatchObject({ kind: 'emergency', assigneeId: d.lo, reporterId: d.guest, severity: 'critical' });
    expect(created?.event.source).toBe('feedback');
  });
});
