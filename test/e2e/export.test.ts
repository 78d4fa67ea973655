// GET /export, pnpm export and pnpm restore against the running local stack: an event made through the
// API comes out whole (every stored item of it, derived ones too, compared with a Scan of the table
// made here in the test), only organisers may read it, and the round trip holds: restored into an
// empty second table with the same design and exported again, it is the same export.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient, ListTablesCommand, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { isNotExported, kindOf } from '@liaison/kit/ddb/export-registry';
import { recordLine, type StoredItem } from '@liaison/operations/domain/records';
import { exportPage } from '@liaison/operations/store/export-walk';
import { RestoreRefused } from '@liaison/operations/store/restore';
import { followExport, localTarget } from '../../infra/bin/export';
import { restoreFrom } from '../../infra/bin/restore';
import { api, baseUrl, openApi, tokenFor } from '../support/e2e';

const run = randomBytes(3).toString('hex');
const dynamo = new DynamoDBClient({});
const dirs: string[] = [];
const tables: string[] = [];
let org: string;
let table: string;
/** Ids the scenario made: an item is the scenario's when it names one of them. */
const mine: string[] = [run];

const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-export-'));
  dirs.push(d);
  return d;
};

async function created(res: { status: number; body: any }): Promise<any> {
  if (res.status !== 201) throw new Error(`expected 201, got ${res.status}: ${JSON.stringify(res.body)}`);
  mine.push(res.body.id);
  return res.body;
}
const post = async (p: string, body: unknown, token = org) => created(await api(p, { method: 'POST', token, body }));

/** Object keys sorted at every level: two items with the same attributes give the same text. */
function canon(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canon((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v);
}
const lineOf = (item: Record<string, AttributeValue>) => canon(JSON.parse(recordLine(kindOf(String(item.pk?.S), String(item.sk?.S)), item as StoredItem)));
const keyOf = (item: Record<string, AttributeValue>) => `${item.pk?.S} ${item.sk?.S}`;

async function scan(tableName: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: start, ConsistentRead: true }));
    for (const item of page.Items ?? []) out.set(keyOf(item), lineOf(item));
    start = page.LastEvaluatedKey;
  } while (start);
  return out;
}

/** The whole export over HTTP, following Link: its record lines (canonical) by key, in order. */
async function exportOverHttp(token: string): Promise<{ lines: string[]; pages: number }> {
  const lines: string[] = [];
  let next: string | null = '/export';
  let pages = 0;
  while (next) {
    // Not through api(): it parses anything JSON-ish as one JSON document; the OpenAPI check runs on the text.
    const raw = await fetch(`${baseUrl()}${next}`, { headers: { authorization: `Bearer ${token}` } });
    const res = { status: raw.status, headers: raw.headers, body: await raw.text() };
    (await openApi()).assert({ method: 'GET', path: next, ...res });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    pages++;
    for (const line of String(res.body ?? '').split('\n')) if (line !== '' && !line.startsWith('{"kind":"export"')) lines.push(canonLine(line));
    next = /<([^>]+)>;\s*rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
  }
  return { lines, pages };
}
const canonLine = (line: string) => canon(JSON.parse(line));
const keyOfLine = (line: string) => {
  const { item } = JSON.parse(line) as { item: { pk: string; sk: string } };
  return `${item.pk} ${item.sk}`;
};

/** Every page of `tableName` read in process with the given budgets, as canonical record lines. */
async function exportInProcess(tableName: string, maxBytes: number, stopEvery = 0): Promise<{ lines: string[]; pages: number }> {
  const lines: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    let calls = 0;
    const page = await exportPage({ tableName, cursor, maxBytes, timeUp: () => stopEvery > 0 && ++calls % stopEvery === 0, listLimit: 3 });
    pages++;
    for (const line of page.body.split('\n')) if (line !== '' && !line.startsWith('{"kind":"export"')) lines.push(canonLine(line));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return { lines, pages };
}

/** An empty table with the design of `source` (keys, indexes), as a second stack's table would be. */
async function emptyTableLike(source: string): Promise<string> {
  const { Table: t } = await dynamo.send(new DescribeTableCommand({ TableName: source }));
  const name = `export-roundtrip-${run}-${tables.length}`;
  await dynamo.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: t?.KeySchema,
      AttributeDefinitions: t?.AttributeDefinitions,
      GlobalSecondaryIndexes: t?.GlobalSecondaryIndexes?.map((g) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection })),
    }),
  );
  tables.push(name);
  return name;
}

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
  const names = (await dynamo.send(new ListTablesCommand({}))).TableNames ?? [];
  const e2e = names.filter((n) => n.startsWith('e2e-'));
  if (e2e.length !== 1) throw new Error(`expected one e2e table, found: ${e2e.join(', ')}`);
  table = e2e[0] as string;

  // An event made through the API, with every kind of item: guards (externalId, email), search tokens,
  // member counters, LO bookings, trip and stay bookings, a room shared by two stays, clashes, a ticket
  // with history and a comment, a rating and its summaries.
  const party = await post('/parties', { name: `Delegasi Ekspor ${run}`, type: 'delegation', country: 'JP', externalId: `exp-party-${run}` });
  const guest = await post('/people', { name: `Tamu Ekspor ${run}`, role: 'guest', partyId: party.id, email: `tamu.${run}@example.org`, phone: '+6281200000001', externalId: `exp-guest-${run}` });
  const other = await post('/people', { name: `Tamu Dua ${run}`, role: 'guest', partyId: party.id });
  const lo = await post('/people', { name: `LO Ekspor ${run}`, role: 'lo', email: `lo.${run}@example.org` });
  await post('/assignments', { loId: lo.id, partyId: party.id });
  const vehicle = await post('/vehicles', { label: `Bus ekspor ${run}`, plate: 'B 1 EX', capacity: 10 });
  await post('/trips', { kind: 'pickup', from: 'CGK', to: 'Hotel Mulia', departAt: '2027-06-01T02:00:00+07:00', arriveBy: '2027-06-01T03:30:00+07:00', vehicleId: vehicle.id, loId: lo.id, passengerIds: [guest.id, other.id] });
  await post('/trips', { kind: 'transfer', from: 'Hotel Mulia', to: 'JCC', departAt: '2027-06-01T03:00:00+07:00', arriveBy: '2027-06-01T03:45:00+07:00', vehicleId: vehicle.id, passengerIds: [guest.id], allowConflicts: true });
  const room = { hotel: `Hotel Ekspor ${run}`, room: '1201', roomCapacity: 2, checkIn: '2027-06-01', checkOut: '2027-06-03' };
  await post('/accommodations', { ...room, personIds: [guest.id] });
  await post('/accommodations', { ...room, personIds: [other.id] });
  await post('/sessions', { title: `Pleno ${run}`, startsAt: '2027-06-02T09:00:00+07:00', endsAt: '2027-06-02T10:00:00+07:00', venue: 'JCC', attendeePartyIds: [party.id] });
  const meeting = await post('/meetings', { title: `Rapat ${run}`, startsAt: '2027-06-01T18:00:00+07:00', endsAt: '2027-06-01T19:00:00+07:00', location: 'JCC', attendeePartyIds: [party.id] });
  expect((await api(`/meetings/${meeting.id}/minutes`, { method: 'POST', token: org, body: { notes: 'ok', actionItems: [{ ownerId: lo.id, text: 'Confirm rooms' }] } })).status).toBeLessThan(300);
  const g = await tokenFor({ personId: guest.id });
  const ticket = await post('/tickets', { kind: 'complaint', category: 'transport', severity: 'high', subject: `Late ${run}`, body: 'Waited.' }, g);
  expect((await api(`/tickets/${ticket.id}/comments`, { method: 'POST', token: org, body: { body: 'On it', internal: true } })).status).toBe(201);
  expect((await api(`/tickets/${ticket.id}/transitions`, { method: 'POST', token: org, body: { to: 'acknowledged' } })).status).toBe(200);
  await post('/ratings', { subject: 'lo', score: 5, targetId: lo.id, comment: 'Excellent' }, g);
});

afterAll(async () => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  for (const t of tables) await dynamo.send(new DeleteTableCommand({ TableName: t })).catch(() => undefined);
});

describe('GET /export', () => {
  it('is for organisers only', async () => {
    const guest = await tokenFor({ role: 'guest', personId: mine[2] as string }).catch(() => null);
    const lo = await tokenFor({ role: 'lo' }).catch(() => null);
    for (const token of [guest, lo].filter((t): t is string => t !== null)) expect((await api('/export', { token })).status).toBe(403);
    expect((await api('/export')).status).toBe(401);
  });

  it('refuses an edited cursor with 400 naming the cursor', async () => {
    const res = await api('/export?cursor=eyJ2IjoxfQ.AAAAAAAAAAAAAAAA', { token: org });
    expect(res.status).toBe(400);
    expect((res.body as any).errors).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  it('holds every stored item of the event, derived items too, once each and as stored', async () => {
    const before = await scan(table);
    const { lines } = await exportOverHttp(org);
    const after = await scan(table);
    const exported = new Map<string, string>();
    for (const line of lines) {
      const key = keyOfLine(line);
      expect(exported.has(key) ? `twice: ${key}` : key).toBe(key);
      exported.set(key, line);
    }
    // Other test files write to this table meanwhile: items the same before and after the export must be in it as they are.
    const stable = [...before].filter(([key, line]) => after.get(key) === line && !isNotExported(key));
    const ours = stable.filter(([, line]) => mine.some((id) => line.includes(id)));
    expect(ours.length).toBeGreaterThan(30);
    const missing = ours.filter(([key, line]) => exported.get(key) !== line).map(([key]) => key);
    expect(missing).toEqual([]);
    const kinds = new Set(ours.map(([, line]) => (JSON.parse(line) as { kind: string }).kind));
    for (const k of ['party', 'party.uniqueGuard', 'party.memberCount', 'person', 'person.uniqueGuard', 'person.searchTokens', 'person.loBookings', 'assignment', 'vehicle', 'vehicle.bookings', 'trip', 'stay', 'room.bookings', 'person.tripBookings', 'person.stayBookings', 'clash', 'session', 'meeting', 'ticket', 'ticket.indexCopy', 'ticket.comment', 'rating']) {
      expect([k, kinds.has(k)]).toEqual([k, true]);
    }
    // What the walk does not reach in the whole table (other files' items too): listed to act on, by kind.
    const unreached = stable.filter(([key]) => !exported.has(key)).map(([key, line]) => `${(JSON.parse(line) as { kind: string }).kind} ${key}`);
    if (unreached.length > 0) process.stderr.write(`export: ${unreached.length} stored items of other tests not reached, e.g.\n  ${unreached.slice(0, 20).join('\n  ')}\n`);
  });
});

describe('pnpm export and pnpm restore', () => {
  it('round-trip: restored into an empty table with the same design and exported again, the export is the same', async () => {
    const dir = tmp();
    const progress: string[] = [];
    const result = await followExport(await localTarget(baseUrl()), dir, (done, total, pages, records) => progress.push(`${done}/${total} ${pages} ${records}`));
    expect(result.records).toBeGreaterThan(30);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ pages: result.pages, records: result.records });
    expect(progress.at(-1)).toMatch(new RegExp(`^(\\d+)/\\1 ${result.pages} ${result.records}$`));
    const first = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.jsonl'))
      .sort()
      .flatMap((f) => fs.readFileSync(path.join(dir, f), 'utf8').split('\n'))
      .filter((l) => l !== '' && !l.startsWith('{"kind":"export"'))
      .map(canonLine);

    const second = await emptyTableLike(table);
    const restored = await restoreFrom(dir, dynamo, second);
    expect(restored.written).toBe(first.length);
    const again = await exportInProcess(second, 4 * 1024 * 1024);
    expect(again.lines).toEqual(first);

    // The same export in small pages, stopped often between and inside item collections: nothing skipped or repeated.
    const small = await exportInProcess(second, 3000, 4);
    expect(small.pages).toBeGreaterThan(10);
    expect(small.lines).toEqual(first);

    await expect(restoreFrom(dir, dynamo, second)).rejects.toThrow(RestoreRefused);
  });
});
