// Request and answer schemas of the operations routes. Answer schemas are built on first use (`z.lazy`):
// only the OpenAPI document and the tests read them.
import { Cursor } from '@liaison/kit/http/list';
import * as z from 'zod/mini';

export const ExportQuery = z.strictObject({ cursor: Cursor });

export const ExportLines = z.lazy(() =>
  z.string().check(
    z.describe(
      'JSON Lines: the first page starts with `{"kind":"export","format":"liaison-export/1"}`; every other line is `{ "kind", "item" }`, one stored item of the event (`profile`, `party`, `person`, `assignment`, `vehicle`, `trip`, `stay`, `session`, `meeting`, `clash`, `ticket`, `ticket.comment`, `rating`, `rating.summary`, `template`, `broadcast`, `delivery`, and the items derived from them such as `person.uniqueGuard`, `vehicle.bookings`, `party.memberCount`)',
    ),
  ),
);
