// The logistics consumer of the retention purge, against DynamoDB Local: a purged guest's soft clashes
// (worked out from their travel) close; trips keep their passengers as ids; on the run's last page every
// vehicle loses its driver, once, and nothing else of it changes; the vehicle.changed it publishes says
// the purge did it, so that nobody is texted about it.
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { makeEvent } from '@liaison/kit/events/envelope';
import { handler as personChanges } from '../src/consumers/person-changes';
import { handler } from '../src/consumers/purge';
import { listen } from '../../../test/support/events';
import { call, create, organizer, person, profile, sqsBatch, updatePerson } from './invoke';

const origin = { source: 'directory', correlationId: 'test-purge' };
const context = {} as Context;
let n = 0;
const purged = (personIds: string[], last: boolean) => makeEvent('personal-data.purged', { purgeId: `prg_${++n}`, cutoff: '2027-04-04T17:00:00.000Z', personIds, last }, origin);
const kinds = async (personId: string) => (await call({ method: 'GET', url: `/conflicts?personId=${personId}`, claims: organizer })).body.items.map((c: { kind: string }) => c.kind).sort();

beforeAll(async () => {
  await profile();
});

describe('the logistics purge consumer', () => {
  it('closes the soft clashes of purged guests and keeps their trips as ids', async () => {
    const g = await person();
    const other = await person();
    const travel = await updatePerson(g, { arrival: { at: '2027-03-01T02:00:00+07:00', flight: 'GA 881', airport: 'CGK' }, departure: { at: '2027-03-03T20:00:00+07:00' } });
    await personChanges(sqsBatch(makeEvent('person.updated', { ...travel, changed: ['arrival', 'departure'] }, origin)), context);
    const trip = await create('/trips', { kind: 'transfer', from: 'Hotel', to: 'JCC', departAt: '2027-03-02T08:00:00+07:00', arriveBy: '2027-03-02T09:00:00+07:00', passengerIds: [g, other] });
    expect(await kinds(g)).toEqual(['missing_departure', 'missing_pickup', 'missing_room']);

    // The directory reduced the record (no travel left), then published the page.
    await updatePerson(g, { name: '(removed)', arrival: null, departure: null, phone: null, email: null });
    expect((await handler(sqsBatch(purged([g, other], false)), context)).batchItemFailures).toEqual([]);
    expect(await kinds(g)).toEqual([]);
    expect((await call({ method: 'GET', url: `/trips/${trip.id}`, claims: organizer })).body.passengerIds).toEqual([g, other]);
  });

  it('removes every vehicle’s driver on the last page only, once', async () => {
    const v = await create('/vehicles', { label: `Alphard ${++n}`, plate: `B ${1000 + n} RI`, capacity: 6, driver: { name: 'Pak Joko', phone: '+6281233334444' } });
    await handler(sqsBatch(purged([], false)), context);
    expect((await call({ method: 'GET', url: `/vehicles/${v.id}`, claims: organizer })).body.driver).toEqual({ name: 'Pak Joko', phone: '+6281233334444' });

    const events = await listen(['vehicle.']);
    try {
      expect((await handler(sqsBatch(purged([], true)), context)).batchItemFailures).toEqual([]);
      const ofVehicle = () => events.received.filter((r) => r.event.data.after?.id === v.id);
      await events.collect(() => ofVehicle().length > 0);
      expect(ofVehicle().map((r) => [r.type, r.event.data.changed, r.event.data.after.driver, r.event.data.reason])).toEqual([['vehicle.changed', ['driver'], null, 'personal-data.purged']]);
    } finally {
      await events.close();
    }
    const after = (await call({ method: 'GET', url: `/vehicles/${v.id}`, claims: organizer })).body;
    expect(after).toEqual({ ...v, driver: null, version: v.version + 1, updatedAt: expect.any(String) });

    expect((await handler(sqsBatch(purged([], true)), context)).batchItemFailures).toEqual([]);
    expect((await call({ method: 'GET', url: `/vehicles/${v.id}`, claims: organizer })).body).toEqual(after);
  });
});
