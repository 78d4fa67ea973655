// The operations service's route table: API.md's Operations section (the export).
import { route, type RouteTable } from '@liaison/kit/http/route';
import { ExportLines, ExportQuery } from './schemas';

export const routes = {
  exportEvent: route({
    method: 'GET',
    path: '/export',
    summary: 'The whole event as JSON Lines, one page per request',
    description:
      'Organisers only. Every stored item of the event (directory, logistics, tickets with history and comments, ratings, the delivery log, and the items derived from them), one `{ kind, item }` record per line, read by key and index. A page stays under 4 MB; `Link: </export?cursor=…>; rel="next"` names the next page and is absent on the last. `pnpm restore` writes the pages back into an empty stack.',
    access: ['organizer'],
    query: ExportQuery,
    responses: {
      200: {
        description: 'One page of the export (`Link` names the next)',
        schema: ExportLines,
        contentType: 'application/x-ndjson',
        headers: {
          Link: '`</export?cursor=…>; rel="next"`: the next page; absent on the last',
          'X-Export-Records': 'Records on this page',
          'X-Export-Progress': '`<done>/<total>`: list partitions of the event read so far, for a progress bar',
        },
      },
      400: { description: 'A cursor this export did not give out' },
    },
  }),
} satisfies RouteTable;
