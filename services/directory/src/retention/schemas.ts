// Request and response of `POST /event/purge`: the organiser's confirmation, and the purge run as it stands.
// Built on first use (`z.lazy`), like the directory's other route schemas.
import * as z from 'zod/mini';
import { Id, IsoDateTime } from '@liaison/contracts';

export const PurgeBody = z.lazy(() =>
  z.strictObject({
    confirm: z
      .string('must be the event\'s name')
      .check(
        z.minLength(1, 'must be the event\'s name'),
        z.maxLength(200),
        z.describe('The event\'s name, exactly as `GET /event` shows it: says that the caller means this event'),
      ),
  }),
);
export type PurgeBody = z.infer<typeof PurgeBody>;

export const PurgeRunSchema = z.lazy(() => {
  const Count = z.number().check(z.int(), z.minimum(0));
  return z.object({
    purgeId: Id,
    status: z.enum(['running', 'done']).check(z.describe('`running`: pages are left (the hourly schedule goes on, or call again); `done`: every page committed')),
    trigger: z.enum(['schedule', 'organizer']).check(z.describe('Who started it: the schedule once `endsAt` + `retentionDays` passed, or an organiser early')),
    requestedBy: z.nullable(z.string()).check(z.describe('The organiser who ran it early (their person id, or account id); null for the schedule')),
    cutoff: IsoDateTime.check(z.describe('`endsAt` + `retentionDays`, or the moment an organiser ran it')),
    startedAt: IsoDateTime,
    finishedAt: z.nullable(IsoDateTime),
    people: Count.check(z.describe('People gone through so far (everyone; services purge what they hold about each)')),
    purged: Count.check(z.describe('Guest and contact records reduced so far')),
  });
});
