// A CSV import file shaped like a real registration export (party, contact details, consent, needs,
// arrival), and sending it to POST /people/import over HTTP.

export interface ImportAnswer {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  errors: { row: number; path: string; message: string }[];
}

/** `rows` guests of the party with externalId `BENCH-<tag>`; `nameOf(i)` names row i. */
export function benchCsv(opts: { rows: number; tag: string; nameOf?: (n: string) => string }): string {
  const nameOf = opts.nameOf ?? ((n: string) => `Guest ${n} Bench`);
  const lines = ['externalId,name,role,partyExternalId,email,phone,language,consent.sms,consent.email,needs.dietary,arrival.at,arrival.flight,arrival.airport'];
  for (let i = 0; i < opts.rows; i++) {
    const n = String(i).padStart(5, '0');
    lines.push(
      `B-${opts.tag}-${n},${nameOf(n)},guest,BENCH-${opts.tag},guest.${n}.${opts.tag}@bench.example,+6281${String(10_000_000 + i)},${i % 2 ? 'en' : 'id'},ya,tidak,${i % 5 === 0 ? 'halal' : ''},2027-02-28T${String(8 + (i % 12)).padStart(2, '0')}:15:00+07:00,GA ${100 + (i % 800)},CGK`,
    );
  }
  return lines.join('\n');
}

export async function createBenchParty(opts: { url: string; token: string; tag: string }): Promise<string> {
  const party = await fetch(`${opts.url}/parties`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Bench delegation ${opts.tag}`, type: 'delegation', externalId: `BENCH-${opts.tag}` }),
  });
  if (party.status !== 201) throw new Error(`party: ${party.status}`);
  return ((await party.json()) as { id: string }).id;
}

/** POSTs the CSV; throws unless the answer is a 200 with no failed row. */
export async function postCsv(opts: { url: string; token: string }, csv: string): Promise<ImportAnswer> {
  const res = await fetch(`${opts.url}/people/import`, { method: 'POST', headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'text/csv' }, body: csv });
  const body = (await res.json()) as ImportAnswer;
  if (res.status !== 200 || body.failed > 0) throw new Error(`import: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body;
}
