// Consumer of the directory's person events: arrivals and departures set or moved update the guest's
// soft clashes at once; a deleted person leaves no dangling passenger, room guest or attendee.
import { DIRECTORY_EVENTS } from '@liaison/contracts/directory-events';
import { consumer } from '@liaison/kit/events/consumer';
import { storeContext, table, timeZone } from '../handlers/deps';
import { refreshSoftClashes, removePerson } from '../store/people';
import { PERSON_CHANGES } from './specs';

const TRAVEL = ['arrival', 'departure', 'role'];

export const handler = consumer({
  service: 'logistics',
  spec: PERSON_CHANGES,
  contracts: DIRECTORY_EVENTS,
  tableName: table,
  handlers: {
    'person.created': async (event) => {
      const p = event.data.person;
      if (p.arrival || p.departure) await refreshSoftClashes(table, p.id, await timeZone());
    },
    'person.updated': async (event) => {
      if (event.data.changed.some((f) => TRAVEL.includes(f))) await refreshSoftClashes(table, event.data.after.id, await timeZone());
    },
    'person.deleted': async (event) => {
      await removePerson(storeContext({ correlationId: event.correlationId }), event.data.person.id, await timeZone());
    },
  },
});
