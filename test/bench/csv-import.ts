// CSV import of 5,000 rows through the running local stack: the first run creates them all, the
// second finds them all unchanged.
import { fmt, table, time } from './stats';

export async function benchImport(opts: { url: string; token: string; rows: number }): Promise<{ firstS: number; secondS: number }> {
  const tag = Date.now().toString(36);
  const party = await fetch(`${opts.url}/parties`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Bench delegation ${tag}`, type: 'delegation', externalId: `BENCH-${tag}` }),
  });
  if (party.status !== 201) throw new Error(`party: ${party.status}`);
  const lines = ['externalId,name,role,partyExternalId,email,phone,language,consent.sms,consent.email,needs.dietary,arrival.at,arrival.flight,arrival.airport'];
  for (let i = 0; i < opts.rows; i++) {
    const n = String(i).padStart(5, '0');
    lines.push(
      `B-${tag}-${n},Guest ${n} Bench,guest,BENCH-${tag},guest.${n}.${tag}@bench.example,+6281${String(10_000_000 + i)},${i % 2 ? 'en' : 'id'},ya,tidak,${i % 5 === 0 ? 'halal' : ''},2027-02-28T${String(8 + (i % 12)).padStart(2, '0')}:15:00+07:00,GA ${100 + (i % 800)},CGK`,
    );
  }
  const csv = lines.join('\n');
  const send = async () => {
    const res = await fetch(`${opts.url}/people/import`, { method: 'POST', headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'text/csv' }, body: csv });
    const body = (await res.json()) as { created: number; unchanged: number; failed: number };
    if (res.status !== 200 || body.failed > 0) throw new Error(`import: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
    return body;
  };
  let first: { created: number } | undefined;
  let second: { unchanged: number } | undefined;
  const firstMs = await time(async () => (first = await send()));
  const secondMs = await time(async () => (second = await send()));
  if (first?.created !== opts.rows || second?.unchanged !== opts.rows) throw new Error('import did not create, then keep, every row');
  console.log(`\nCSV import — ${opts.rows} rows, ${fmt(Buffer.byteLength(csv) / 1024 / 1024)} MB, over HTTP`);
  console.log(
    table([
      ['run', 'seconds', 'rows/s'],
      ['first (creates all)', fmt(firstMs / 1000), fmt(opts.rows / (firstMs / 1000), 0)],
      ['second (all unchanged)', fmt(secondMs / 1000), fmt(opts.rows / (secondMs / 1000), 0)],
    ]),
  );
  return { firstS: firstMs / 1000, secondS: secondMs / 1000 };
}
