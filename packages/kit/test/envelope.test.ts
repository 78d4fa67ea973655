// Building events: a service's builder checks against its own registry, and the registries together are
// every contract, each in the registry of the service that owns it.
import { describe, expect, it } from '@jest/globals';
import { CONTRACTS, DIRECTORY_EVENTS, FEEDBACK_EVENTS, LOGISTICS_EVENTS } from '@liaison/contracts';
import { eventBuilder, makeEvent } from '../src/events/envelope';

const party = {
  id: 'pty_1',
  name: 'Delegasi Jepang',
  type: 'delegation' as const,
  country: 'JP',
  protocolLevel: 'vip' as const,
  language: 'en' as const,
  externalId: null,
  notes: null,
  version: 1,
  createdAt: '2027-03-01T00:00:00.000Z',
  updatedAt: '2027-03-01T00:00:00.000Z',
};
const origin = { source: 'directory', correlationId: 'req-1' };

describe('event registries', () => {
  it('hold each contract in the registry of the service that owns it, and together hold them all', () => {
    const registries = { directory: DIRECTORY_EVENTS, logistics: LOGISTICS_EVENTS, feedback: FEEDBACK_EVENTS };
    for (const [owner, registry] of Object.entries(registries)) {
      for (const [type, contract] of Object.entries(registry)) {
        expect([type, contract.owner]).toEqual([contract.type, owner]);
      }
    }
    const joined = Object.values(registries).flatMap((r) => Object.keys(r));
    expect(new Set(joined).size).toBe(joined.length);
    expect(joined.sort()).toEqual(Object.keys(CONTRACTS).sort());
  });
});

describe('eventBuilder', () => {
  const makeDirectoryEvent = eventBuilder(DIRECTORY_EVENTS);

  it('builds an envelope of its own types, with the contract\'s version and the parsed data', () => {
    const event = makeDirectoryEvent('party.created', { party: { ...party, extra: 'dropped' } as typeof party }, origin);
    expect(event).toMatchObject({ type: 'party.created', version: 1, source: 'directory', correlationId: 'req-1', data: { party } });
    expect(event.id).toMatch(/^evt_/);
    expect(event.data.party).not.toHaveProperty('extra');
  });

  it('throws, naming the field, when the data breaks the contract (a publisher bug)', () => {
    expect(() => makeDirectoryEvent('party.created', { party: { ...party, name: '' } }, origin)).toThrow(/event party\.created breaks its contract: party\.name/);
  });

  it('does not build another service\'s events', () => {
    // @ts-expect-error: ticket.created is feedback's, not in the directory's registry.
    expect(() => makeDirectoryEvent('ticket.created', {}, origin)).toThrow();
  });

  it('gives the same event as the all-contracts makeEvent that tests use', () => {
    const a = makeDirectoryEvent('party.deleted', { party }, origin);
    const b = makeEvent('party.deleted', { party }, origin);
    expect({ ...a, id: '', occurredAt: '' }).toEqual({ ...b, id: '', occurredAt: '' });
  });
});
