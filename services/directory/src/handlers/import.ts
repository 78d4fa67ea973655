// POST /people/import: parse the CSV or JSON rows, import them (store/import.ts), answer what happened to each row.
import { ValidationError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import { csvToRows } from '../domain/import';
import type { DirectoryRoutes } from '../routes';
import { MAX_IMPORT_ROWS } from '../schemas';
import { defaultLanguage, storeContext } from './deps';

export const importPeopleHandler: RouteHandler<DirectoryRoutes['importPeople']> = async (req, context) => {
  let rows: unknown[];
  if (req.csv !== null) {
    const parsed = csvToRows(req.csv);
    if (parsed.fileErrors.length > 0) throw new ValidationError(parsed.fileErrors, `The CSV cannot be imported: ${parsed.fileErrors[0]?.message}`);
    rows = parsed.rows;
    // Too many rows for one request: run it as an import job (API.md), answered 202 with where to follow it.
    if (rows.length > MAX_IMPORT_ROWS) {
      // Each path loads its own code: a job's S3 and SQS calls, or the writes and events of an import that fits one request.
      const { importAsJob } = await import('./imports');
      const job = await importAsJob(req.csv, rows);
      return { status: 202, body: job, location: `/imports/${job.importId}` };
    }
  } else {
    rows = req.body ?? [];
  }
  const { importRows } = await import('../store/import');
  const result = await importRows(storeContext(req), rows, { eventLanguage: defaultLanguage, timeLeftMs: () => context.getRemainingTimeInMillis() });
  return { status: 200, body: result };
};
