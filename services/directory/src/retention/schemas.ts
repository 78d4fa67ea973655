// Request and response of `POST /event/purge`: the organiser's confirmation, and the purge run as it stands.
import * as z from 'zod';
import { Id, IsoDateTime } from '@liaison/contracts';

export const PurgeBody = z.strictObject({
  confirm: z.string('must be the event\'s name').min(1, 'must be the event\'s name').max(200).describe('The event\'s name, exactly as `GET /event` shows it: says that the caller means this event'),
});
export type PurgeBody = z.infer<typeof PurgeBody>;

const Count = z.number().int().min(0);

export const PurgeRunSchema = z.object({
  purgeId: Id,
  status: z.enum(['running', 'done']).describe('`running`: pages are left (the hourly schedule goes on, or call again); `done`: every page committed'),
  trigger: z.enum(['schedule', 'organizer']).describe('Who started it: the schedule once `endsAt` + `retentionDays` passed, or an organiser early'),
  requestedBy: z.string().nullable().describe('The organiser who ran it early (their person id, or account id); null for the schedule'),
  cutoff: IsoDateTime.describe('`endsAt` + `retentionDays`, or the moment an organiser ran it'),
  startedAt: IsoDateTime,
  finishedAt: IsoDateTime.nullable(),
  people: Count.describe('People gone through so far (everyone; services purge what they hold about each)'),
  purged: Count.describe('Guest and contact records reduced so far'),
});
