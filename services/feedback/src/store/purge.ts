// The retention purge of one person's feedback data: the tickets filed for them (subject, body, history
// notes and every comment's body), and their ratings' comments. Read by key and index only: the
// reporter's index partition, the ticket's own partition, the rater's partition. Each write is
// conditional (a ticket on its version, read again when it moved), so a redelivered event redoes
// nothing and a racing change is not lost.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { explain } from '@liaison/kit/ddb/conflicts';
import { ddb } from '@liaison/kit/ddb/client';
import { queryPage, transact, type Item } from '@liaison/kit/ddb/table';
import { StaleVersionError } from '@liaison/kit/errors';
import { commentNeedsPurge, purgedTicket, ratingNeedsPurge, REMOVED, ticketNeedsPurge } from '../domain/purge';
import { keys, ticketPartitions as parts } from './keys';
import { toRating } from './ratings';
import { commentsOf, findTicket, saveTicketItems } from './tickets';

export interface PurgeCounts {
  tickets: number;
  comments: number;
  ratings: number;
}

async function everyItem(q: Omit<Parameters<typeof queryPage>[0], 'cursor' | 'limit'>): Promise<Item[]> {
  const out: Item[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryPage<Item>({ ...q, limit: 200, cursor });
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

async function purgeTicket(tableName: string, ticketId: string, now: string): Promise<boolean> {
  for (let attempt = 0; ; attempt++) {
    const t = await findTicket(tableName, ticketId);
    if (!t || !ticketNeedsPurge(t)) return false;
    try {
      await transact(saveTicketItems(tableName, purgedTicket(t, now), t.version), explain([{ kind: 'versioned', expected: t.version }]));
      return true;
    } catch (err) {
      if (!(err instanceof StaleVersionError) || attempt >= 5) throw err;
    }
  }
}

async function setIfPresent(tableName: string, key: { pk: string; sk: string }, attribute: string, value: unknown): Promise<boolean> {
  try {
    await ddb.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET #a = :v',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#a': attribute },
        ExpressionAttributeValues: { ':v': value },
      }),
    );
    return true;
  } catch (err) {
    if (err instanceof ConditionalCheckFailedException) return false;
    throw err;
  }
}

export async function purgeFeedbackOf(tableName: string, personId: string, now: string): Promise<PurgeCounts> {
  const counts: PurgeCounts = { tickets: 0, comments: 0, ratings: 0 };
  const filed = await everyItem({ tableName, index: 'gsi1', partition: parts.byReporter(personId) });
  for (const copy of filed) {
    const ticketId = copy.id as string;
    if (await purgeTicket(tableName, ticketId, now)) counts.tickets += 1;
    for (const c of await commentsOf(tableName, ticketId)) {
      if (!commentNeedsPurge(c)) continue;
      if (await setIfPresent(tableName, keys.comment(ticketId, c.at, c.id), 'body', REMOVED)) counts.comments += 1;
    }
  }
  for (const item of await everyItem({ tableName, partition: `RATING#${personId}` })) {
    const rating = toRating(item);
    if (!ratingNeedsPurge(rating)) continue;
    if (await setIfPresent(tableName, keys.rating(rating.raterId, rating.subject, rating.targetId), 'comment', null)) counts.ratings += 1;
  }
  return counts;
}

