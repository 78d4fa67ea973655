// `pnpm seed`: loads the demo event into a running local stack through its public API, as a client
// would. Safe to run again: parties and people are keyed by externalId, assignments already made are kept,
// logistics and feedback items are looked up before they are created (logistics.ts, feedback.ts).
import { BASE, call, expectOk, listAll } from './client';
import { ASSIGNMENTS, EVENT, PARTIES, peopleRows } from './data';
import { seedFeedback } from './feedback';
import { seedLogistics, type Ids } from './logistics';

export async function seed(): Promise<{ parties: number; people: number; assignments: number; logistics: number; feedback: number }> {
  const health = await fetch(`${BASE}/_local/health`).catch(() => null);
  if (!health || health.status !== 200) throw new Error(`No local stack ready at ${BASE}; start it with \`pnpm dev\` first`);
  const tokenAnswer = await call('POST', '/_local/tokens', null, { role: 'organizer' });
  expectOk('token', tokenAnswer);
  const token: string = tokenAnswer.body.token;

  expectOk('PUT /event', await call('PUT', '/event', token, EVENT), [200, 201]);

  const existing = new Map((await listAll('/parties', token)).map((p) => [p.externalId, p.id]));
  for (const p of PARTIES) {
    if (existing.has(p.externalId)) continue;
    const { guests: _g, airport: _a, flight: _f, lands: _l, ...fields } = p;
    const a = await call('POST', '/parties', token, fields);
    expectOk(`party ${p.externalId}`, a);
    existing.set(p.externalId, a.body.id);
  }

  const imported = await call('POST', '/people/import', token, peopleRows());
  expectOk('import', imported);
  if (imported.body.failed > 0) throw new Error(`import rejected rows: ${JSON.stringify(imported.body.errors)}`);

  const people = await listAll('/people', token);
  const personBy = new Map(people.map((p) => [p.externalId, p]));
  let made = 0;
  for (const a of ASSIGNMENTS) {
    const lo = personBy.get(a.lo);
    const target = a.party
      ? { partyId: existing.get(a.party) }
      : { personId: personBy.get(`${a.guestOf}-01`)?.id };
    const answer = await call('POST', '/assignments', token, { loId: lo.id, ...target });
    if (answer.status === 409 && answer.body?.clashes?.[0]?.kind === 'already_assigned') continue;
    expectOk(`assignment ${a.lo}`, answer);
    made += 1;
  }

  const need = (m: Map<string, string | undefined>, what: string) => (k: string) => m.get(k) ?? (() => { throw new Error(`seed data names unknown ${what} ${k}`); })();
  const ids: Ids = { person: need(new Map(people.map((p) => [p.externalId, p.id])), 'person'), party: need(existing, 'party'), allParties: [...existing.values()] };
  const logistics = await seedLogistics(token, ids);
  const feedback = await seedFeedback(token, ids, logistics);
  return { parties: existing.size, people: people.length, assignments: made, logistics: logistics.created, feedback };
}

if (require.main === module) {
  seed().then(
    (r) => {
      console.log(`Seeded ${BASE}: ${r.parties} parties, ${r.people} people, ${r.assignments} new assignments, ${r.logistics} new logistics items, ${r.feedback} new tickets and ratings.`);
      console.log(`Get a token: curl -s -X POST ${BASE}/_local/tokens -H 'content-type: application/json' -d '{"role":"organizer"}'`);
    },
    (err: Error) => {
      console.error(`seed failed: ${err.message}`);
      process.exit(1);
    },
  );
}
