// The retention purge's event: the directory removed the personal data of these people (guests and
// contacts reduced to id, role, party and language), and each service now removes its own about them.
// Owned by the directory; one event per committed page of a purge run, in order, the last one marked.
import * as z from 'zod/mini';
import { Id, IsoDateTime } from './fields';

/** How many people one event names at most (a page of the purge). */
export const PURGE_PAGE_MAX = 100;

/** Built on first use, like the directory's other event data. */
export const PersonalDataPurgedData = z.lazy(() =>
  z.object({
    purgeId: Id.check(z.describe('The purge run; its events share it')),
    cutoff: IsoDateTime.check(z.describe('endsAt + retentionDays (or the moment an organiser ran it early)')),
    personIds: z
      .array(Id)
      .check(
        z.maxLength(PURGE_PAGE_MAX),
        z.describe('Everyone on this page, staff included: services remove what they hold about each (delivery logs, ticket and comment bodies, rating comments, travel)'),
      ),
    last: z.boolean().check(z.describe('The run\'s last event: data that belongs to no person (vehicles\' drivers) goes now')),
  }),
);
export type PersonalDataPurgedData = z.infer<typeof PersonalDataPurgedData>;
