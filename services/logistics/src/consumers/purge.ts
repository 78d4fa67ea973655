// Consumer of the directory's retention purge. Logistics keeps ids, not personal data, about people
// (passenger lists, room guests and attendees stay as ids, for the counts after the event); what it
// derived from a purged person's travel (their soft clashes: missing pick-up, departure, room) is worked
// out again from the reduced record, so it closes. On the run's last page the drivers go: every vehicle
// keeps its label, plate and capacity, and its driver (a name and a phone, of no one in the directory)
// becomes null, told to nobody. Idempotent: a vehicle without a driver and a closed clash stay as they are.
import { makeEvent } from '../events';
import { DIRECTORY_EVENTS } from '@liaison/contracts/directory-events';
import { consumer } from '@liaison/kit/events/consumer';
import { mapLimit } from '@liaison/kit/concurrency';
import { clock } from '@liaison/kit/clock';
import { log } from '@liaison/kit/log';
import { origin, type StoreContext } from '@liaison/kit/store-context';
import { SERVICE, storeContext, table, timeZone } from '../handlers/deps';
import { refreshSoftClashes } from '../store/people';
import { findVehicle, listVehicles, updateVehicle } from '../store/vehicles';
import { PURGE } from './specs';

async function removeDrivers(ctx: StoreContext, zone: string): Promise<number> {
  let removed = 0;
  let cursor: string | undefined;
  do {
    const page = await listVehicles(ctx.tableName, { limit: 100, cursor });
    for (const listed of page.items.filter((v) => v.driver !== null)) {
      const before = await findVehicle(ctx.tableName, listed.id, true);
      if (!before || before.driver === null) continue;
      const after = { ...before, driver: null, version: before.version + 1, updatedAt: clock.iso() };
      await updateVehicle(ctx, {
        before,
        after,
        allowConflicts: true,
        timeZone: zone,
        events: (trips) => [makeEvent('vehicle.changed', { before, after, changed: ['driver'], tripIds: trips.map((t) => t.id), audience: { personIds: [], partyIds: [] }, reason: 'personal-data.purged' }, origin(ctx))],
      });
      removed += 1;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return removed;
}

export const handler = consumer({
  service: SERVICE,
  spec: PURGE,
  contracts: DIRECTORY_EVENTS,
  tableName: table,
  handlers: {
    'personal-data.purged': async (event) => {
      const zone = await timeZone();
      await mapLimit(event.data.personIds, 4, (id) => refreshSoftClashes(table, id, zone));
      const drivers = event.data.last ? await removeDrivers(storeContext({ correlationId: event.correlationId }), zone) : 0;
      log.info('logistics purged', { purgeId: event.data.purgeId, people: event.data.personIds.length, drivers });
    },
  },
});
