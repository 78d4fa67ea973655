// Creating a trip in an empty event and in one with 5,000 guests, 400 trips and 1,500 stays:
// requests per second and DynamoDB calls per write in both (they should match: the clash check reads
// only the write's vehicle, people and LO), and GET /conflicts with 200 open clashes. The logistics
// HTTP handler runs in process against the runtime's table; guests go straight into the table as the
// directory stores them, trips and stays through the handler (so their bookings and clashes are real).
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { readKeys } from '@liaison/directory-read/keys';
import { mapLimit } from '@liaison/kit/concurrency';
import { ddb } from '@liaison/kit/ddb/client';
import { claimsFor, invoker } from '@liaison/kit/http/invoke';
import { fmt, median, table, time } from './stats';

let calls = 0;
ddb.middlewareStack.add((next) => async (args) => {
  calls += 1;
  return next(args);
}, { step: 'initialize', name: 'benchCountCalls' });

const org = claimsFor('organizer');
const at = '2027-01-01T00:00:00.000Z';

async function putGuests(tableName: string, ids: string[]): Promise<void> {
  const batches: string[][] = [];
  for (let i = 0; i < ids.length; i += 25) batches.push(ids.slice(i, i + 25));
  await mapLimit(batches, 8, async (batch) => {
    let pending: Record<string, unknown>[] = batch.map((id) => ({
      PutRequest: { Item: { ...readKeys.person(id), id, name: `Guest ${id}`, role: 'guest', partyId: null, language: 'en', arrival: null, departure: null, version: 1, createdAt: at, updatedAt: at } },
    }));
    while (pending.length > 0) {
      const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending as never } }));
      pending = (out.UnprocessedItems?.[tableName] as Record<string, unknown>[] | undefined) ?? [];
    }
  });
}

export async function benchLogistics(opts: { tableName: string; rounds: number; guests: number; trips: number; stays: number }): Promise<void> {
  process.env.LIAISON_TIME_ZONE ??= 'Asia/Jakarta';
  const { handler } = await import('@liaison/logistics/handlers/http');
  const { routes } = await import('@liaison/logistics/routes');
  const call = invoker(routes, handler);
  const post = async (url: string, body: unknown) => {
    const res = await call({ method: 'POST', url, body, claims: org });
    if (res.status !== 201) throw new Error(`POST ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { id: string };
  };
  let slot = 0;
  /** A trip of two fresh guests at a time of its own: it clashes with nothing, in either event. */
  const measured = async (vehicleId: string, guests: string[]) => {
    const k = slot++;
    const t = new Date(Date.UTC(2027, 2, 1, 0, 0) + k * 3_600_000);
    const end = new Date(t.getTime() + 1_800_000);
    return post('/trips', { kind: 'transfer', from: 'Hotel Mulia', to: 'JCC', departAt: t.toISOString(), arriveBy: end.toISOString(), vehicleId, passengerIds: guests });
  };
  const run = async (label: string, rounds = opts.rounds) => {
    const guests = Array.from({ length: rounds * 2 }, (_, i) => `per_bench_${label}_${i}`);
    await putGuests(opts.tableName, guests);
    const vehicle = await post('/vehicles', { label: `Bench bus ${label}`, plate: 'B 1', capacity: 10 });
    const perWrite: number[] = [];
    const ms: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const before = calls;
      ms.push(await time(() => measured(vehicle.id, guests.slice(2 * i, 2 * i + 2))));
      perWrite.push(calls - before);
    }
    return { rps: 1000 / median(ms), medianMs: median(ms), calls: median(perWrite), maxCalls: Math.max(...perWrite) };
  };

  // Warm the JIT of Node and of DynamoDB Local (Java) first, as the full event's loading does, so
  // that the empty figure is not simply the cold one.
  await run('warmup', 300);
  const empty = await run('empty');

  // The full event: guests, then trips in pairs that double-book a vehicle (allowed: 200 open clashes), then stays.
  const guests = Array.from({ length: opts.guests }, (_, i) => `per_bench_g${i}`);
  const loadMs = await time(async () => {
    await putGuests(opts.tableName, guests);
    const vehicles = await mapLimit(Array.from({ length: opts.trips / 2 }, (_, i) => i), 8, (i) => post('/vehicles', { label: `Fleet ${i}`, plate: `B ${i}`, capacity: 8 }));
    await mapLimit(Array.from({ length: opts.trips }, (_, i) => i), 8, async (i) => {
      const pair = Math.floor(i / 2);
      const start = new Date(Date.UTC(2027, 1, 1 + (pair % 20), 1 + (i % 2)));
      await post('/trips', {
        kind: 'pickup', from: 'CGK', to: 'Hotel', departAt: start.toISOString(), arriveBy: new Date(start.getTime() + 7_200_000).toISOString(),
        vehicleId: vehicles[pair]!.id, passengerIds: guests.slice(i * 4, i * 4 + 4), allowConflicts: true,
      });
    });
    await mapLimit(Array.from({ length: opts.stays }, (_, i) => i), 8, (i) =>
      post('/accommodations', { hotel: `Hotel ${i % 10}`, room: `${i}`, roomCapacity: 2, personIds: guests.slice(2000 + i * 2, 2000 + i * 2 + 2), checkIn: '2027-02-01', checkOut: '2027-02-05' }),
    );
  });
  const full = await run('full');

  const conflictMs: number[] = [];
  let open = 0;
  for (let i = 0; i < 20; i++) {
    conflictMs.push(await time(async () => (open = (await call({ method: 'GET', url: '/conflicts?kind=vehicle_double_booked&limit=200', claims: org })).body.items.length)));
  }
  const byDayMs: number[] = [];
  for (let i = 0; i < 20; i++) byDayMs.push(await time(() => call({ method: 'GET', url: '/conflicts?date=2027-02-01&limit=200', claims: org })));

  console.log(`\nLogistics: POST /trips (2 passengers, 1 vehicle), ${opts.rounds} writes each; full event = ${opts.guests} guests, ${opts.trips} trips, ${opts.stays} stays (loaded in ${fmt(loadMs / 1000, 1)} s)`);
  console.log(
    table([
      ['event', 'writes/s', 'median ms', 'DynamoDB calls/write (median)', 'max'],
      ['empty', fmt(empty.rps, 1), fmt(empty.medianMs, 1), empty.calls, empty.maxCalls],
      ['full', fmt(full.rps, 1), fmt(full.medianMs, 1), full.calls, full.maxCalls],
      ['full / empty', fmt(full.rps / empty.rps), fmt(full.medianMs / empty.medianMs), fmt(full.calls / empty.calls), ''],
    ]),
  );
  console.log(`GET /conflicts?kind=vehicle_double_booked with ${open} open clashes: median ${fmt(median(conflictMs), 1)} ms; ?date= (one day's): median ${fmt(median(byDayMs), 1)} ms`);
}
