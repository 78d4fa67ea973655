// People search over HTTP: a rare-name `q` against a plain page of the same list, at 5,000 and at
// 50,000 people, with the old way (filtering the whole people partition) as the baseline in the same
// run. People are loaded straight into the table in batches, with the items the store writes for them
// (person, guards, search tokens), not over HTTP.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import type { Item } from '@liaison/kit/ddb/table';
import { buildPerson, createItems } from '@liaison/directory/store/people';
import { fmt, loadItems, median, percentile, table, time } from './stats';

const SURNAMES = ['Pratama', 'Wijaya', 'Santoso', 'Nugroho', 'Siregar', 'Hutapea', 'Lestari', 'Kusuma', 'Saputra', 'Halim'];

/** Writes `count` guests (with phone and externalId, like imported ones) through BatchWriteItem, 25 items a request. */
async function loadPeople(tableName: string, from: number, count: number, tag: string): Promise<void> {
  const items: Item[] = [];
  for (let i = from; i < from + count; i++) {
    const n = String(i).padStart(5, '0');
    const person = buildPerson({
      name: `Guest ${n} ${SURNAMES[i % SURNAMES.length]}`,
      role: 'guest',
      partyId: null,
      title: null,
      phone: `+6281${String(10_000_000 + i)}`,
      email: null,
      language: 'id',
      consent: { sms: true, email: false },
      needs: {},
      arrival: null,
      departure: null,
      externalId: `S-${tag}-${n}`,
      maxParties: null,
      languages: null,
    });
    for (const t of createItems(tableName, person).items) if (t.Put) items.push(t.Put.Item as Item);
  }
  await loadItems(tableName, items);
}

/** The old way: read the whole people partition through a filter until the name turns up. */
async function filterWholePartition(tableName: string, needle: string): Promise<number> {
  let found = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p',
        FilterExpression: 'contains(#n, :q)',
        ExpressionAttributeNames: { '#n': 'name' },
        ExpressionAttributeValues: { ':p': 'PEOPLE', ':q': needle },
        ExclusiveStartKey: startKey,
      }),
    );
    found += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey && found === 0);
  return found;
}

export interface SearchFigures {
  people: number;
  plainMs: number;
  rareMs: number;
  commonMs: number;
  oldWayMs: number;
}

async function measure(opts: { url: string; token: string; tableName: string; rounds: number; people: number; rare: string; rareName: string }): Promise<SearchFigures> {
  const get = async (query: string, expectItems?: number) => {
    const res = await fetch(`${opts.url}/people?${query}`, { headers: { authorization: `Bearer ${opts.token}` } });
    const body = (await res.json()) as { items: unknown[] };
    if (res.status !== 200) throw new Error(`GET /people?${query}: ${res.status}`);
    if (expectItems !== undefined && body.items.length !== expectItems) throw new Error(`GET /people?${query}: ${body.items.length} items, expected ${expectItems}`);
  };
  const plain = () => get('limit=50', 50);
  const rare = () => get(`q=${encodeURIComponent(opts.rare)}&limit=50`, 1);
  const common = () => get('q=guest&limit=50', 50);
  const oldWay = async () => {
    if ((await filterWholePartition(opts.tableName, opts.rareName)) !== 1) throw new Error('the old way did not find the rare name');
  };
  for (let i = 0; i < 10; i++) await Promise.all([plain(), rare(), common()]); // warm up
  const t = { plain: [] as number[], rare: [] as number[], common: [] as number[], old: [] as number[] };
  for (let i = 0; i < opts.rounds; i++) {
    t.plain.push(await time(plain));
    t.rare.push(await time(rare));
    t.common.push(await time(common));
    if (i < 5) t.old.push(await time(oldWay));
  }
  const f = { people: opts.people, plainMs: median(t.plain), rareMs: median(t.rare), commonMs: median(t.common), oldWayMs: median(t.old) };
  console.log(`\nPeople search — ${opts.people.toLocaleString('en')} people, over HTTP, ${opts.rounds} rounds (ms; goal: rare name ≤ 2× plain page)`);
  console.log(
    table([
      ['request', 'median', 'p95', 'ratio to plain page'],
      ['plain page: GET /people?limit=50', fmt(f.plainMs), fmt(percentile(t.plain, 95)), '1.00'],
      [`rare name: q=${opts.rare}`, fmt(f.rareMs), fmt(percentile(t.rare, 95)), fmt(f.rareMs / f.plainMs)],
      ['common word, first page: q=guest', fmt(f.commonMs), fmt(percentile(t.common, 95)), fmt(f.commonMs / f.plainMs)],
      ['old way: filter the whole people partition (DynamoDB only, 5 runs)', fmt(f.oldWayMs), fmt(percentile(t.old, 95)), fmt(f.oldWayMs / f.plainMs)],
    ]),
  );
  return f;
}

export async function benchSearch(opts: { url: string; token: string; tableName: string; rounds: number; sizes: number[] }): Promise<SearchFigures[]> {
  const tag = Date.now().toString(36);
  const rare = `Zainuddin${tag}`;
  const create = await fetch(`${opts.url}/people`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `${rare} Rarename`, role: 'guest' }),
  });
  if (create.status !== 201) throw new Error(`rare person: ${create.status}`);
  const figures: SearchFigures[] = [];
  let loaded = 1;
  for (const size of [...opts.sizes].sort((a, b) => a - b)) {
    const ms = await time(() => loadPeople(opts.tableName, loaded, size - loaded, tag));
    console.log(`\n(loaded ${(size - loaded).toLocaleString('en')} people straight into the table in ${fmt(ms / 1000, 1)} s)`);
    loaded = size;
    figures.push(await measure({ ...opts, people: size, rare: rare.toLowerCase().slice(0, 12), rareName: rare }));
  }
  return figures;
}
