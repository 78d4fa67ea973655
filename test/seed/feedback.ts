// Seeds tickets and ratings of the demo, filed with the guest's or LO's own token as they would be.
// Safe to run again: a ticket is looked up by reporter and subject, and only the moves it has not
// made yet are made; a rating is one per rater, subject and target (posting it again answers 200
// and updates it in place, so no key is needed: a replayed 201 would be counted as new).
import { call, expectOk, listAll, tokenFor } from './client';
import { RATINGS, TICKETS } from './data';
import type { Ids } from './logistics';

const ORDER = ['open', 'acknowledged', 'in_progress', 'resolved', 'closed'];

export async function seedFeedback(token: string, ids: Ids, targets: { tripIds: Map<string, string>; stayIds: Map<string, string> }): Promise<number> {
  let created = 0;
  const tickets = await listAll('/tickets', token);
  for (const t of TICKETS) {
    const reporterId = ids.person(t.reporter);
    let ticket = tickets.find((x) => x.reporterId === reporterId && x.subject === t.subject);
    if (!ticket) {
      const body = { kind: t.kind, category: t.category, severity: t.severity, subject: t.subject, body: t.body, reporterId };
      const a = await call('POST', '/tickets', await tokenFor({ personId: ids.person(t.by) }), body, `seed-ticket-${t.reporter}-${t.subject.replace(/[^A-Za-z0-9]+/g, '-')}`);
      expectOk(`ticket ${t.subject}`, a, [201]);
      ticket = a.body;
      created += 1;
    }
    // The assignee (the reporter's LO) works the ticket.
    const mover = ticket.assigneeId ? await tokenFor({ personId: ticket.assigneeId }) : token;
    for (const m of t.moves.filter((m) => ORDER.indexOf(m.to) > ORDER.indexOf(ticket.status))) {
      const a = await call('POST', `/tickets/${ticket.id}/transitions`, mover, m);
      expectOk(`ticket ${t.subject} → ${m.to}`, a);
      ticket = a.body;
    }
  }
  for (const r of RATINGS) {
    const targetId = r.trip ? targets.tripIds.get(r.trip) : r.stay ? targets.stayIds.get(r.stay) : r.lo ? ids.person(r.lo) : undefined;
    const body = { subject: r.subject, score: r.score, comment: r.comment, targetId };
    const a = await call('POST', '/ratings', await tokenFor({ personId: ids.person(r.by) }), body);
    expectOk(`rating ${r.by} ${r.subject}`, a, [200, 201]);
    if (a.status === 201) created += 1;
  }
  return created;
}
