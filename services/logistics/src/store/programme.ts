// Programme sessions and coordination meetings in DynamoDB: versioned records with their events. They
// book nobody (attending two things at once is allowed: people choose), so no bookings items here.
import type { Envelope, Meeting, Session } from '@liaison/contracts';
import { explain } from '@liaison/kit/ddb/conflicts';
import { getItem, queryPage, type Item, type Page } from '@liaison/kit/ddb/table';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import { localDate } from '../domain/time';
import { recordDelete, recordWrite } from './items';
import { keys, partitions } from './keys';
import { toMeeting, toSession } from './records';

type Writer = { tableName: string; topicArn: string };
const utc = (iso: string) => new Date(Date.parse(iso)).toISOString();

export async function findSession(tableName: string, id: string, consistent = false): Promise<Session | null> {
  const item = await getItem(tableName, keys.session(id), consistent);
  return item ? toSession(item) : null;
}

export async function findMeeting(tableName: string, id: string, consistent = false): Promise<Meeting | null> {
  const item = await getItem(tableName, keys.meeting(id), consistent);
  return item ? toMeeting(item) : null;
}

/** Writes a session (new or replacing `beforeVersion`), or removes it when `after` is null. */
export async function saveSession(writer: Writer, before: Session | null, after: Session | null, timeZone: string, events: Envelope[]): Promise<void> {
  const w = after
    ? recordWrite(
        writer.tableName,
        keys.session(after.id),
        after,
        {
          gsi1pk: partitions.allSessions,
          gsi1sk: `${utc(after.startsAt)}#${after.id}`,
          gsi2pk: partitions.sessionsOnDate(localDate(Date.parse(after.startsAt), timeZone)),
          gsi2sk: `${utc(after.startsAt)}#${after.id}`,
        },
        before?.version ?? null,
      )
    : recordDelete(writer.tableName, keys.session(before!.id), before!.version);
  await commitWithEvents(writer, [w.item], events, explain([w.role]));
}

export async function saveMeeting(writer: Writer, before: Meeting | null, after: Meeting, events: Envelope[]): Promise<void> {
  const w = recordWrite(writer.tableName, keys.meeting(after.id), after, { gsi1pk: partitions.allMeetings, gsi1sk: `${utc(after.startsAt)}#${after.id}` }, before?.version ?? null);
  await commitWithEvents(writer, [w.item], events, explain([w.role]));
}

export async function listSessions(tableName: string, q: { date?: string | undefined; limit: number; cursor?: string | undefined }): Promise<Page<Session>> {
  const page = await queryPage<Item>({
    tableName,
    index: q.date ? 'gsi2' : 'gsi1',
    partition: q.date ? partitions.sessionsOnDate(q.date) : partitions.allSessions,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: page.items.map(toSession), nextCursor: page.nextCursor };
}

export async function listMeetings(tableName: string, q: { limit: number; cursor?: string | undefined }): Promise<Page<Meeting>> {
  const page = await queryPage<Item>({ tableName, index: 'gsi1', partition: partitions.allMeetings, limit: q.limit, cursor: q.cursor });
  return { items: page.items.map(toMeeting), nextCursor: page.nextCursor };
}

/**
 * Every session and meeting of the programme, by start (for itineraries and the directory consumer).
 * The programme of one event is a few hundred items: read by index, page by page.
 */
export async function wholeProgramme(tableName: string): Promise<{ sessions: Session[]; meetings: Meeting[] }> {
  const all = async <T>(partition: string, map: (i: Item) => T): Promise<T[]> => {
    const out: T[] = [];
    let cursor: string | undefined;
    do {
      const page = await queryPage<Item>({ tableName, index: 'gsi1', partition, limit: 200, cursor });
      out.push(...page.items.map(map));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return out;
  };
  const [sessions, meetings] = await Promise.all([all(partitions.allSessions, toSession), all(partitions.allMeetings, toMeeting)]);
  return { sessions, meetings };
}
