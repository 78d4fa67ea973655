// Consumer of the directory's retention purge: the delivery log of each person on the page keeps its
// counts and outcomes and loses the phone numbers, emails and texts; on the run's last event so do the
// deliveries to drivers, and the trip projection loses its drivers and its reminders not yet sent
// (store/purge.ts). Idempotent: a purged
// delivery or trip has nothing left to remove.
import { mapLimit } from '@liaison/kit/concurrency';
import { loadConfig } from '@liaison/kit/config';
import { DIRECTORY_EVENTS } from '@liaison/contracts/directory-events';
import { consumer } from '@liaison/kit/events/consumer';
import { log } from '@liaison/kit/log';
import { purgeDeliveriesOf, purgeDriverDeliveries, purgeTrips } from '../store/purge';
import { PURGE } from './specs';

const { tableName } = loadConfig(['tableName']);

export const handler = consumer({
  service: 'notifications',
  spec: PURGE,
  contracts: DIRECTORY_EVENTS,
  tableName,
  handlers: {
    'personal-data.purged': async (event) => {
      const results = await mapLimit(event.data.personIds, 4, (id) => purgeDeliveriesOf(tableName, id));
      // The run's last event: the drivers' deliveries too (they belong to no one on any page).
      if (event.data.last) results.push(await purgeDriverDeliveries(tableName));
      const purged = results.reduce((n, r) => n + r.purged, 0);
      const unsent = results.reduce((n, r) => n + r.unsent, 0);
      if (unsent > 0) log.warn('deliveries not yet sent were left for their sender', { purgeId: event.data.purgeId, unsent });
      log.info('delivery log purged', { purgeId: event.data.purgeId, people: event.data.personIds.length, purged });
      if (event.data.last) log.info('trip projection purged', { purgeId: event.data.purgeId, ...(await purgeTrips(tableName)) });
    },
  },
});
