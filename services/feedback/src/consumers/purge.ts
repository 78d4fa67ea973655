// Consumer of the directory's retention purge: for each person on the page, the tickets filed for them
// keep their counts (kind, status, party, …) and lose their words; their ratings keep their scores (the
// summaries are unchanged) and lose their comments. Idempotent: what is purged already is left alone.
import { clock } from '@liaison/kit/clock';
import { mapLimit } from '@liaison/kit/concurrency';
import { DIRECTORY_EVENTS } from '@liaison/contracts/directory-events';
import { consumer } from '@liaison/kit/events/consumer';
import { log } from '@liaison/kit/log';
import { table } from '../handlers/deps';
import { SERVICE } from '../store/context';
import { purgeFeedbackOf } from '../store/purge';
import { PURGE } from './specs';

export const handler = consumer({
  service: SERVICE,
  spec: PURGE,
  contracts: DIRECTORY_EVENTS,
  tableName: table,
  handlers: {
    'personal-data.purged': async (event) => {
      const now = clock.iso();
      const counts = await mapLimit(event.data.personIds, 4, (id) => purgeFeedbackOf(table, id, now));
      const sum = (k: 'tickets' | 'comments' | 'ratings') => counts.reduce((n, c) => n + c[k], 0);
      log.info('feedback purged', { purgeId: event.data.purgeId, people: event.data.personIds.length, tickets: sum('tickets'), comments: sum('comments'), ratings: sum('ratings') });
    },
  },
});
