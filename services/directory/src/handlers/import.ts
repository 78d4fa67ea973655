// POST /people/import: parse the CSV or JSON rows, import them (store/import.ts), answer what happened to each row.
import { ValidationError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import { csvToRows } from '../domain/import';
import type { DirectoryRoutes } from '../routes';
import { MAX_IMPORT_ROWS } from '../schemas';
import { importRows } from '../store/import';
import { defaultLanguage, storeContext } from './deps';

export const importPeopleHandler: RouteHandler<DirectoryRoutes['importPeople']> = async (req, context) => {
  let rows: unknown[];
  if (req.csv !== null) {
    const parsed = csvToRows(req.csv);
    if (parsed.fileErrors.length > 0) throw new ValidationError(parsed.fileErrors, `The CSV cannot be imported: ${parsed.fileErrors[0]?.message}`);
    rows = parsed.rows;
    if (rows.length > MAX_IMPORT_ROWS) throw new ValidationError([{ path: '', message: `has ${rows.length} rows; import at most ${MAX_IMPORT_ROWS} at a time` }]);
  } else {
    rows = req.body ?? [];
  }
  const result = await importRows(storeContext(req), rows, { eventLanguage: defaultLanguage, timeLeftMs: () => context.getRemainingTimeInMillis() });
  return { status: 200, body: result };
};
