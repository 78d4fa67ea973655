// The feedback consumer of the retention purge, against DynamoDB Local: the tickets filed for a purged
// person keep what counts (kind, status, party, assignee, history moves) and lose their words; comments
// lose their bodies; ratings keep their scores (summaries unchanged) and lose their comments. Others'
// tickets and ratings are left alone, and a redelivered event changes nothing more.
import { describe, expect, it } from '@jest/globals';
import type { SQSEvent, SQSRecord, Context } from 'aws-lambda';
import { makeEvent } from '@liaison/kit/events/envelope';
import { handler } from '../src/consumers/purge';
import { findRating } from '../src/store/ratings';
import { delegation, profile } from './directory';
import { call, claimsFor, file, organizer } from './invoke';

let n = 0;
const batch = (...events: unknown[]): SQSEvent => ({
  Records: events.map((e) => ({ messageId: `purge-${++n}`, receiptHandle: 'r', body: JSON.stringify(e), attributes: { ApproximateReceiveCount: '1' }, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1' }) as unknown as SQSRecord),
});
const origin = { source: 'directory', correlationId: 'test-purge' };
const purged = (personIds: string[]) => makeEvent('personal-data.purged', { purgeId: `prg_${++n}`, cutoff: '2027-04-04T17:00:00.000Z', personIds, last: false }, origin);
const ticket = async (id: string) => (await call({ method: 'GET', url: `/tickets/${id}`, claims: organizer })).body;
const summary = async (by: string) => (await call({ method: 'GET', url: `/ratings/summary?by=${by}&limit=200`, claims: organizer })).body.items;

describe('the feedback purge consumer', () => {
  it('removes the words of the purged person’s tickets, comments and ratings, and keeps what counts', async () => {
    await profile({});
    const d = await delegation();
    const other = await delegation();
    const t = await file(d.claims.guest, { subject: 'Pak Budi missed his insulin', body: 'Room 707, call +62 812 0000 1111', severity: 'high' });
    await call({ method: 'POST', url: `/tickets/${t.id}/comments`, body: { body: 'Spoke to his wife, Ibu Sari', internal: true }, claims: d.claims.lo });
    await call({ method: 'POST', url: `/tickets/${t.id}/transitions`, body: { to: 'acknowledged', note: 'Calling Pak Budi' }, claims: d.claims.lo });
    const kept = await file(other.claims.guest, { subject: 'Keep me', body: 'Not purged' });
    const rated = await call({ method: 'POST', url: '/ratings', body: { subject: 'lo', score: 4, targetId: d.lo, comment: 'Budi was kind' }, claims: claimsFor('guest', d.guest) });
    expect(rated.status).toBe(201);
    const summariesBefore = await summary('lo');
    const before = await ticket(t.id);

    const event = purged([d.guest, d.lo]);
    expect((await handler(batch(event), {} as Context)).batchItemFailures).toEqual([]);

    const after = await ticket(t.id);
    expect(after).toMatchObject({
      subject: '(removed)',
      body: '(removed)',
      kind: before.kind,
      category: before.category,
      severity: before.severity,
      status: 'acknowledged',
      reporterId: d.guest,
      partyId: d.partyId,
      assigneeId: d.lo,
      ackDueAt: before.ackDueAt,
      resolveDueAt: before.resolveDueAt,
      version: before.version + 1,
    });
    expect(after.history.map((h: { action: string; note: string | null }) => [h.action, h.note])).toEqual(before.history.map((h: { action: string }) => [h.action, null]));
    expect(after.comments.map((c: { body: string; internal: boolean }) => [c.body, c.internal])).toEqual([['(removed)', true]]);
    const rating = await call({ method: 'GET', url: '/ratings/summary?by=lo&limit=200', claims: organizer });
    expect(rating.body.items).toEqual(summariesBefore);
    expect(await ticket(kept.id)).toMatchObject({ subject: 'Keep me', body: 'Not purged' });
    // The rating itself: same score and version, no comment.
    expect(await findRating(process.env.LIAISON_TABLE_NAME as string, d.guest, 'lo', d.lo)).toEqual({ ...rated.body, comment: null });

    // Delivered again (or another run): nothing changes.
    const settled = await ticket(t.id);
    expect((await handler(batch(purged([d.guest])), {} as Context)).batchItemFailures).toEqual([]);
    expect(await ticket(t.id)).toEqual(settled);
  });
});
