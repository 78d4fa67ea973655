// Ratings and their summaries in DynamoDB. A rating and the deltas it makes to every summary it
// counts under commit in one transaction: the rating on condition of the version read (so two
// racing updates of one rating cannot both apply their delta), the summaries with atomic ADDs (so
// racing ratings of different people all count). Nothing is ever recomputed over all ratings.
import type { Envelope, Rating, RatingSubject, RatingSummaryBy, RatingSummaryItem } from '@liaison/contracts';
import { explain } from '@liaison/kit/ddb/conflicts';
import { ChangedSinceRead } from '@liaison/kit/ddb/read-again';
import { getItem, queryPage, type Item, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import type { StoreContext } from '@liaison/kit/store-context';
import { SCORES, summaryItem, type Tally, type TallyDelta } from '../domain/ratings';
import { keys, ratingSummaryPartition } from './keys';

const RATING_FIELDS = ['id', 'raterId', 'partyId', 'subject', 'score', 'comment', 'targetId', 'version', 'createdAt', 'updatedAt'] as const;

export function toRating(item: Item): Rating {
  const r = Object.fromEntries(RATING_FIELDS.map((f) => [f, item[f]])) as unknown as Rating;
  return { ...r, partyId: r.partyId ?? null, comment: r.comment ?? null, targetId: r.targetId ?? null };
}

export async function findRating(tableName: string, raterId: string, subject: RatingSubject, targetId: string | null): Promise<Rating | null> {
  const item = await getItem(tableName, keys.rating(raterId, subject, targetId), true);
  return item ? toRating(item) : null;
}

function tallyOf(item: Item): Tally {
  const n = (name: string) => (typeof item[name] === 'number' ? (item[name] as number) : 0);
  return { count: n('count'), sum: n('sum'), distribution: { 1: n('s1'), 2: n('s2'), 3: n('s3'), 4: n('s4'), 5: n('s5') } };
}

/** Adds a delta to one summary item, creating it on first use. */
function addToSummary(tableName: string, by: RatingSummaryBy, key: string, d: TallyDelta): TransactItem {
  const names: Record<string, string> = { '#count': 'count', '#sum': 'sum', '#by': 'by', '#key': 'key' };
  const values: Record<string, unknown> = { ':count': d.count, ':sum': d.sum, ':by': by, ':key': key };
  for (const s of SCORES) {
    names[`#s${s}`] = `s${s}`;
    values[`:s${s}`] = d.distribution[s];
  }
  return {
    Update: {
      TableName: tableName,
      Key: keys.ratingSummary(by, key),
      UpdateExpression: `SET #by = :by, #key = :key ADD #count :count, #sum :sum, ${SCORES.map((s) => `#s${s} :s${s}`).join(', ')}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * Writes `rating` (new when `previousVersion` is null) with the summary deltas, in one transaction.
 * A rating that moved on since it was read throws ChangedSinceRead: read again and decide again.
 */
export async function recordRating(
  ctx: StoreContext,
  rating: Rating,
  previousVersion: number | null,
  deltas: { by: RatingSummaryBy; key: string; delta: TallyDelta }[],
  events: Envelope[],
): Promise<void> {
  const put: TransactItem = {
    Put: {
      TableName: ctx.tableName,
      Item: { ...keys.rating(rating.raterId, rating.subject, rating.targetId), ...rating },
      ConditionExpression: previousVersion === null ? 'attribute_not_exists(pk)' : '#version = :expected',
      ...(previousVersion === null ? {} : { ExpressionAttributeNames: { '#version': 'version' }, ExpressionAttributeValues: { ':expected': previousVersion } }),
    },
  };
  const items = [put, ...deltas.map((d) => addToSummary(ctx.tableName, d.by, d.key, d.delta))];
  const explained = explain([{ kind: 'changed', what: 'the rating' }]);
  // Summaries of a popular subject are shared by everyone: a transaction that kept colliding with
  // others (after the kit's own retries) reads again and goes again, instead of failing the request.
  await commitWithEvents(ctx, items, events, (reasons) => explained(reasons) ?? (reasons.some((r) => r.code === 'TransactionConflict') ? new ChangedSinceRead('the summaries are busy') : null));
}

/** One page of a summary, by key. */
export async function listSummary(tableName: string, by: RatingSummaryBy, page: { limit: number; cursor?: string | undefined }): Promise<Page<RatingSummaryItem>> {
  const out = await queryPage<Item>({ tableName, partition: ratingSummaryPartition(by), limit: page.limit, cursor: page.cursor });
  return { items: out.items.map((item) => summaryItem(item.sk as string, tallyOf(item))), nextCursor: out.nextCursor };
}
