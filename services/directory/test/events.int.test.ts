// The directory's writes publish their domain events (through the outbox) to the stack's topic,
// with the `type` attribute the consumers' filter policies match on.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { listen } from '../../../test/support/events';
import { call, create, organizer } from './invoke';

let events: Awaited<ReturnType<typeof listen>>;

beforeAll(async () => {
  events = await listen(['p', 'assignment.']);
});

afterAll(async () => {
  await events.close();
});

const collect = (until: () => boolean) => events.collect(until);
const received = () => events.received;
const about = (type: string, id: string) => received().find((r) => r.type === type && JSON.stringify(r.event.data).includes(id));

describe('directory events', () => {
  it('tell what happened to parties, people and assignments, in the one envelope', async () => {
    const party = await create('/parties', { name: 'Events party', type: 'ngo' });
    const person = await create('/people', { name: 'Events guest', role: 'guest', partyId: party.id, phone: '+6281111111111' });
    const patched = await call({ method: 'PATCH', url: `/people/${person.id}`, body: { needs: { dietary: 'halal' }, title: 'Dr.' }, claims: organizer, headers: { 'x-correlation-id': 'corr-123' } });
    expect(patched.status).toBe(200);
    const lo = await create('/people', { name: 'Events LO', role: 'lo' });
    const assignment = await create('/assignments', { loId: lo.id, partyId: party.id });
    expect((await call({ method: 'DELETE', url: `/assignments/${assignment.id}`, claims: organizer })).status).toBe(204);

    await collect(() => !!about('assignment.ended', assignment.id) && !!about('person.updated', person.id));

    for (const [type, id] of [
      ['party.created', party.id],
      ['person.created', person.id],
      ['person.updated', person.id],
      ['assignment.created', assignment.id],
      ['assignment.ended', assignment.id],
    ] as const) {
      const got = about(type, id);
      expect(got).toBeDefined();
      expect(got?.attribute).toBe(type);
      expect(got?.event).toMatchObject({ id: expect.stringMatching(/^evt_/), type, version: 1, source: 'directory', occurredAt: expect.any(String), correlationId: expect.any(String) });
    }
    const updated = about('person.updated', person.id)?.event;
    expect(updated.correlationId).toBe('corr-123');
    expect(updated.data.changed.sort()).toEqual(['needs', 'title']);
    expect(updated.data.before.needs).toEqual({});
    expect(updated.data.after.needs).toEqual({ dietary: 'halal' });
  });

  it('are not sent for a refused write', async () => {
    const marker = `Refused ${randomBytes(3).toString('hex')}`;
    expect((await call({ method: 'POST', url: '/people', body: { name: marker, role: 'guest', phone: 'nope' }, claims: organizer })).status).toBe(422);
    const ok = await create('/parties', { name: `After ${marker}`, type: 'media' });
    await collect(() => !!about('party.created', ok.id));
    expect(received().some((r) => JSON.stringify(r.event).includes(marker) && r.type !== 'party.created')).toBe(false);
  });
});

describe('concurrent writes', () => {
  it('book an LO with maxParties 1 only once, however many race', async () => {
    const lo = await create('/people', { name: 'Racing LO', role: 'lo', maxParties: 1 });
    const parties = await Promise.all(Array.from({ length: 6 }, (_, i) => create('/parties', { name: `Race party ${i}`, type: 'delegation' })));
    const answers = await Promise.all(parties.map((p) => call({ method: 'POST', url: '/assignments', body: { loId: lo.id, partyId: p.id }, claims: organizer })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(5);
    const listed = await call({ method: 'GET', url: `/assignments?loId=${lo.id}`, claims: organizer });
    expect(listed.body.items).toHaveLength(1);
  });

  it('give one email to one person, however many race', async () => {
    const email = `race.${randomBytes(3).toString('hex')}@example.org`;
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => call({ method: 'POST', url: '/people', body: { name: `Racer ${i}`, role: 'guest', email }, claims: organizer })));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.clashes[0].path === 'email')).toBe(true);
  });

  it('keep party member counts right, so a party with people cannot be deleted', async () => {
    const party = await create('/parties', { name: 'Counted party', type: 'ngo' });
    await Promise.all(Array.from({ length: 5 }, (_, i) => create('/people', { name: `Member ${i}`, role: 'guest', partyId: party.id })));
    const refused = await call({ method: 'DELETE', url: `/parties/${party.id}`, claims: organizer });
    expect(refused.body.clashes[0].message).toMatch(/^5 person/);
  });
});
