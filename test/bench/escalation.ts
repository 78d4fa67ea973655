// The escalation sweep with 10,000 open tickets of which 100 are due: seconds and items read, against
// the baseline of reading every open ticket to find the due ones (the running-timer partition, as a
// sweep without the sparse "escalates at" key would). Tickets go straight into the table with the
// items the store writes for them (three copies each), not over HTTP.
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ddb } from '@liaison/kit/ddb/client';
import type { Item } from '@liaison/kit/ddb/table';
import { openTicket } from '@liaison/feedback/domain/workflow';
import { sweepEscalations } from '@liaison/feedback/store/escalation';
import { ticketPartitions } from '@liaison/feedback/store/keys';
import { dueForEscalation, ticketItems } from '@liaison/feedback/store/tickets';
import { fmt, loadItems, table, time } from './stats';

/** Reads every open ticket (the running-timer partition) and counts those past due: what a sweep without the sparse index pays. */
async function readAllOpen(tableName: string, now: string): Promise<{ read: number; due: number }> {
  let read = 0;
  let due = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(new QueryCommand({ TableName: tableName, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': ticketPartitions.running }, ExclusiveStartKey: startKey }));
    read += out.ScannedCount ?? 0;
    due += (out.Items ?? []).filter((i) => (i.nextDueAt as string) < now).length;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return { read, due };
}

export async function benchEscalation(opts: { tableName: string; topicArn: string; tickets: number; due: number }): Promise<void> {
  const now = new Date('2027-03-02T02:00:00.000Z');
  const iso = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
  const items: Item[] = [];
  for (let i = 0; i < opts.tickets; i++) {
    const isDue = i < opts.due;
    const t = openTicket({
      id: `tkt_bench${String(i).padStart(6, '0')}`,
      kind: 'request',
      category: 'transport',
      severity: isDue ? 'critical' : 'low',
      subject: `Bench ticket ${i}`,
      body: 'A pick-up question.',
      reporterId: `per_bench${i % 500}`,
      partyId: `pty_bench${i % 50}`,
      by: `per_bench${i % 500}`,
      // Due ones were filed two hours ago (5-minute ack), the rest a minute ago (4-hour ack).
      at: isDue ? iso(-120) : iso(-1),
      routing: { assigneeId: `per_benchlo${i % 40}`, escalationLevel: 0 },
    });
    const { main, copies } = ticketItems(t);
    items.push(main, ...copies);
  }
  const loadMs = await time(() => loadItems(opts.tableName, items));
  console.log(`\nEscalation sweep: ${opts.tickets} open tickets (${items.length} items, loaded in ${fmt(loadMs / 1000, 1)} s), ${opts.due} due`);

  let baseline = { read: 0, due: 0 };
  const baselineMs = await time(async () => (baseline = await readAllOpen(opts.tableName, now.toISOString())));
  // The sweep's read alone (what the sparse key buys), then the whole sweep (read, decide, write, publish).
  let dueRead = 0;
  const dueReadMs = await time(async () => {
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await dueForEscalation(opts.tableName, now.toISOString(), startKey);
      dueRead += page.read;
      startKey = page.next;
    } while (startKey);
  });
  const ctx = { tableName: opts.tableName, topicArn: opts.topicArn, service: 'feedback', correlationId: 'bench-escalation' };
  let stats = { read: 0, escalated: 0, skipped: 0, more: false };
  const sweepMs = await time(async () => (stats = await sweepEscalations(ctx, now.toISOString())));
  let again = { read: 0, escalated: 0, skipped: 0, more: false };
  const againMs = await time(async () => (again = await sweepEscalations(ctx, now.toISOString())));
  console.log(
    table([
      ['', 'seconds', 'items read', 'escalated'],
      ['read what is due (sparse index, key < now)', fmt(dueReadMs / 1000, 3), dueRead, '—'],
      ['sweep: read, escalate, commit and publish', fmt(sweepMs / 1000, 3), stats.read, stats.escalated],
      ['sweep again (nothing left due)', fmt(againMs / 1000, 3), again.read, again.escalated],
      ['baseline: read every open ticket', fmt(baselineMs / 1000, 3), baseline.read, `(${baseline.due} found due)`],
    ]),
  );
  console.log(`items read: ${stats.read} of ${baseline.read} (${fmt((100 * stats.read) / Math.max(1, baseline.read), 1)} %); reading what is due takes ${fmt(baselineMs / Math.max(1, dueReadMs), 0)}× less time than reading every open ticket`);
}
