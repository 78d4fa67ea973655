// /ratings routes: one rating per person, subject and target (posting again changes it), and the
// summaries the store keeps incrementally.
import type { Rating } from '@liaison/contracts';
import { getPerson } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { readAgainOnChange } from '@liaison/kit/ddb/read-again';
import { ForbiddenError, ValidationError } from '@liaison/kit/errors';
import { makeEvent } from '../events';
import type { RouteHandler } from '@liaison/kit/http/service';
import { newId } from '@liaison/kit/ids';
import { origin } from '@liaison/kit/store-context';
import { ratingDeltas } from '../domain/ratings';
import type { FeedbackRoutes } from '../routes';
import { findRating, listSummary, recordRating } from '../store/ratings';
import { storeContext, table } from './deps';

type R = FeedbackRoutes;

export const rateHandler: RouteHandler<R['rate']> = async (req) => {
  const b = req.body;
  const raterId = req.principal.personId;
  if (!raterId) throw new ForbiddenError('Rating needs a person record: sign in with an account linked to one');
  if (b.subject === 'lo') {
    if (!b.targetId) throw new ValidationError([{ path: 'targetId', message: 'name the LO rated' }]);
    const lo = await getPerson(table, b.targetId, { consistent: true });
    if (!lo || lo.role !== 'lo') throw new ValidationError([{ path: 'targetId', message: lo ? `${b.targetId} is not an LO` : `no person ${b.targetId} in this event` }]);
  }
  const rater = await getPerson(table, raterId);
  const ctx = storeContext(req);
  const { rating, created } = await readAgainOnChange(async () => {
    const before = await findRating(table, raterId, b.subject, b.targetId ?? null);
    const now = clock.iso();
    const rating: Rating = {
      id: before?.id ?? newId('rat'),
      raterId,
      partyId: rater?.partyId ?? null,
      subject: b.subject,
      score: b.score,
      comment: b.comment ?? null,
      targetId: b.targetId ?? null,
      version: before ? before.version + 1 : 1,
      createdAt: before?.createdAt ?? now,
      updatedAt: now,
    };
    const event = makeEvent('rating.recorded', { rating, previousScore: before?.score ?? null }, origin(ctx));
    await recordRating(ctx, rating, before?.version ?? null, ratingDeltas(before, rating), [event]);
    return { rating, created: before === null };
  });
  return { status: created ? 201 : 200, body: rating, version: rating.version };
};

export const ratingSummaryHandler: RouteHandler<R['ratingSummary']> = async (req) => {
  return { status: 200, body: await listSummary(table, req.query.by, req.query) };
};
