// A broadcast to 10,000 guests on the local stack, end to end: POST /broadcasts → the fan-out worker
// (audience by index, chunks of 50 to `sends`) → the sends worker (records, SNS Publish to moto,
// settled with the broadcast's counter shards), polled by the runtime as Lambda would. Seconds until
// every delivery is recorded (counts: targeted = guests, nothing pending), against the floor: the same
// number of raw SNS Publish calls at the same concurrency (one sends process, SEND_PARALLELISM in
// flight). Pacing is lifted for both (the account's rate would make both take guests / rate seconds:
// the point here is what the engine adds). Memory: the runtime process (every function runs in it).
// Guests and their party go straight into the table as the directory stores them.
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { readKeys, readPartitions } from '@liaison/directory-read/keys';
import { mapLimit } from '@liaison/kit/concurrency';
import type { Item } from '@liaison/kit/ddb/table';
import { SEND_PARALLELISM } from '@liaison/notifications/send/engine';
import { readBroadcastCounts } from '@liaison/notifications/store/counts';
import { fmt, loadItems, table, time } from './stats';

const at = '2027-01-01T00:00:00.000Z';
const TEXT = { en: 'Shuttle buses to the plenary now leave every 10 minutes from Gate 3.', id: 'Bus antar-jemput ke pleno kini berangkat tiap 10 menit dari Gerbang 3.' };

function people(partyId: string, count: number, run: string): Item[] {
  return Array.from({ length: count }, (_, i) => {
    const id = `per_bc${run}${String(i).padStart(6, '0')}`;
    const name = `bench guest ${String(i).padStart(6, '0')}`;
    return {
      ...readKeys.person(id),
      id, name: `Bench Guest ${i}`, role: 'guest', partyId, title: null,
      phone: `+6287${run}${String(i).padStart(6, '0')}`, email: null,
      language: i % 2 === 0 ? 'id' : 'en', consent: { sms: true, email: true }, needs: {}, arrival: null, departure: null,
      externalId: null, maxParties: null, languages: null, version: 1, createdAt: at, updatedAt: at,
      gsi1pk: readPartitions.allPeople, gsi1sk: `${name}#${id}`,
      gsi2pk: readPartitions.peopleOfParty(partyId), gsi2sk: `${name}#${id}`,
      gsi3pk: readPartitions.peopleWithRole('guest'), gsi3sk: `${name}#${id}`,
    };
  });
}

/** Samples this process's memory until stopped: peak RSS and heap. */
function sampleMemory(): { stop: () => { rssMb: number; heapMb: number } } {
  let rss = 0;
  let heap = 0;
  const look = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  look();
  const timer = setInterval(look, 100);
  return {
    stop: () => {
      clearInterval(timer);
      look();
      return { rssMb: rss / 2 ** 20, heapMb: heap / 2 ** 20 };
    },
  };
}

export async function benchBroadcast(opts: { url: string; token: string; tableName: string; guests: number }): Promise<void> {
  // Lifted for both sides (see above); set before the first send makes the pacers.
  process.env.LIAISON_SMS_PER_PROCESS_PER_SECOND = '1000000';
  const run = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const partyId = `pty_benchbc${run}`;
  const guests = people(partyId, opts.guests, run);
  const party = { ...readKeys.party(partyId), id: partyId, name: 'Bench delegation', type: 'delegation', country: null, protocolLevel: 'standard', language: null, externalId: null, notes: null, version: 1, createdAt: at, updatedAt: at };
  const loadMs = await time(() => loadItems(opts.tableName, [party, ...guests]));
  console.log(`\nBroadcast: ${opts.guests} guests by SMS (loaded in ${fmt(loadMs / 1000, 1)} s); one sends process, ${SEND_PARALLELISM} sends in flight`);

  // The floor: the same number of Publish calls, same concurrency, nothing else.
  const sns = new SNSClient({ maxAttempts: 1 });
  const baselineMs = await time(() =>
    mapLimit(guests, SEND_PARALLELISM, (g, i) =>
      sns.send(
        new PublishCommand({
          PhoneNumber: `+6286${run}${String(i).padStart(6, '0')}`,
          Message: i % 2 === 0 ? TEXT.id : TEXT.en,
          MessageAttributes: { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Liaison' }, 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
        }),
      ),
    ),
  );

  const memory = sampleMemory();
  const started = performance.now();
  const res = await fetch(`${opts.url}/broadcasts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${opts.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ audience: { partyIds: [partyId] }, message: TEXT, channels: ['sms'], priority: 'urgent' }),
  });
  if (res.status !== 202) throw new Error(`POST /broadcasts: ${res.status} ${await res.text()}`);
  const { broadcastId } = (await res.json()) as { broadcastId: string };
  const deadline = performance.now() + Number(process.env.BENCH_BROADCAST_DEADLINE_MS ?? 60 * 60_000);
  let counts = await readBroadcastCounts(opts.tableName, broadcastId, true);
  while (!(counts.targeted === opts.guests && counts.pending === 0) && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 500));
    counts = await readBroadcastCounts(opts.tableName, broadcastId, true);
  }
  const broadcastMs = performance.now() - started;
  const mem = memory.stop();
  const done = counts.targeted === opts.guests && counts.pending === 0;

  console.log(
    table([
      ['', 'seconds', 'per second', 'outcome'],
      ['broadcast: POST → every delivery recorded', fmt(broadcastMs / 1000, 1), fmt(counts.targeted / (broadcastMs / 1000), 0), `${done ? '' : 'UNFINISHED: '}targeted ${counts.targeted}, sent ${counts.sent}, failed ${counts.failed}, skipped ${counts.skipped}, pending ${counts.pending}`],
      ['floor: raw SNS Publish, same calls and concurrency', fmt(baselineMs / 1000, 1), fmt(opts.guests / (baselineMs / 1000), 0), ''],
    ]),
  );
  console.log(`broadcast / floor: ${fmt(broadcastMs / baselineMs, 2)}× (goal ≤ 1.5×)`);
  console.log(`memory of the runtime process (fan-out, sends and everything else in one process) during the broadcast: peak RSS ${fmt(mem.rssMb, 0)} MB, peak heap ${fmt(mem.heapMb, 0)} MB`);
}
