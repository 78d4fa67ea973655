// GET /export: one page of the walk, with a Link to the next.
import type { RouteHandler } from '@liaison/kit/http/service';
import type { Context } from 'aws-lambda';
import type { routes } from '../routes';
import { exportPage } from '../store/export-walk';
import { table } from './deps';

/** A page stays well under the 6 MB a Lambda may answer (counted as the JSON answer carries it). */
export const PAGE_BYTES = 4 * 1024 * 1024;
/** Time kept back for answering: the walk stops starting reads when less than this remains. */
const RESERVE_MS = 8_000;

export const exportHandler: RouteHandler<typeof routes.exportEvent> = async (req, context: Context) => {
  const page = await exportPage({ tableName: table, cursor: req.query.cursor, maxBytes: PAGE_BYTES, timeUp: () => context.getRemainingTimeInMillis() < RESERVE_MS });
  return {
    status: 200,
    headers: {
      'x-export-records': String(page.records),
      'x-export-progress': `${page.progress.done}/${page.progress.total}`,
      ...(page.nextCursor ? { link: `</export?cursor=${encodeURIComponent(page.nextCursor)}>; rel="next"` } : {}),
    },
    text: { contentType: 'application/x-ndjson; charset=utf-8', body: page.body },
  };
};
