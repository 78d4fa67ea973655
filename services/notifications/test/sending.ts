// Helpers of the sending tests: people and the event profile written straight into the table (as the
// directory stores them), unique phone numbers and emails per run, and what the emulator (moto) has
// recorded as sent to them.
import { randomBytes } from 'node:crypto';
import { BatchWriteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Language } from '@liaison/contracts';
import { readKeys } from '@liaison/directory-read';
import { mapLimit } from '@liaison/kit/concurrency';
import { ddb } from '@liaison/kit/ddb/client';
import type { Item } from '@liaison/kit/ddb/table';

export const table = process.env.LIAISON_TABLE_NAME as string;
const run = String(parseInt(randomBytes(3).toString('hex'), 16) % 100_000).padStart(5, '0');
let counter = 0;

/** A phone number and email nobody else in this run (or an earlier one, most likely) has. */
export function contact(): { id: string; phone: string; email: string } {
  const n = String(counter++).padStart(4, '0');
  return { id: `per_n2${run}${n}`, phone: `+6289${run}${n}`, email: `guest.${run}.${n}@example.org` };
}

export interface TestPerson {
  id?: string;
  phone?: string | null;
  email?: string | null;
  language?: Language;
  consent?: { sms: boolean; email: boolean };
}

/** The person item as the directory writes it (what getPeople reads). */
export function personItem(p: TestPerson = {}): Item & { id: string; phone: string | null; email: string | null } {
  const c = contact();
  const id = p.id ?? c.id;
  return {
    ...readKeys.person(id),
    id,
    name: `Guest ${id}`,
    role: 'guest',
    partyId: null,
    phone: p.phone === undefined ? c.phone : p.phone,
    email: p.email === undefined ? c.email : p.email,
    language: p.language ?? 'en',
    consent: p.consent ?? { sms: true, email: true },
    needs: {},
    version: 1,
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-01T00:00:00.000Z',
  };
}

export async function putPerson(p: TestPerson = {}): Promise<{ id: string; phone: string | null; email: string | null }> {
  const item = personItem(p);
  await ddb.send(new PutCommand({ TableName: table, Item: item }));
  return { id: item.id, phone: item.phone, email: item.email };
}

/** Many people at once, 25 a BatchWrite, 4 in flight. */
export async function loadPeople(items: readonly Item[]): Promise<void> {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  await mapLimit(batches, 4, async (batch) => {
    let pending: Record<string, unknown>[] = batch.map((Item) => ({ PutRequest: { Item } }));
    while (pending.length > 0) {
      const out = await ddb.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = (out.UnprocessedItems?.[table] as Record<string, unknown>[] | undefined) ?? [];
    }
  });
}

/** The event: Jakarta time, quiet hours 22:00–06:00. */
export async function putProfile(quietHours: { start: string; end: string } | null = { start: '22:00', end: '06:00' }): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: table,
      Item: {
        ...readKeys.profile(),
        name: 'Jakarta Summit',
        timeZone: 'Asia/Jakarta',
        languages: ['id', 'en'],
        startsAt: '2027-03-01T00:00:00.000Z',
        endsAt: '2027-03-05T00:00:00.000Z',
        venues: [],
        quietHours,
        version: 1,
        updatedAt: '2027-01-01T00:00:00.000Z',
      },
    }),
  );
}

export interface Recorded {
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  body: string;
}

interface MotoState {
  sns?: { SMS?: { phone_number: string; message: string }[] };
  ses?: { Message?: { subject: string; body: string; destinations: { ToAddresses?: string[] } | Record<string, string[]> }[] };
}

/** Everything moto has recorded as sent (SNS SMS, SES and SES v2 simple emails). */
export async function recorded(): Promise<Recorded[]> {
  const endpoint = process.env.AWS_ENDPOINT_URL_SNS;
  if (!endpoint) throw new Error('AWS_ENDPOINT_URL_SNS is not set: run through the int project');
  const res = await fetch(`${endpoint}/moto-api/data.json`);
  const state = (await res.json()) as MotoState;
  const sms = (state.sns?.SMS ?? []).map((m): Recorded => ({ channel: 'sms', to: m.phone_number, body: m.message }));
  const email = (state.ses?.Message ?? []).flatMap((m) => Object.values(m.destinations).flat().map((to): Recorded => ({ channel: 'email', to, subject: m.subject, body: m.body })));
  return [...sms, ...email];
}

/** How many messages moto recorded per address, for these addresses. */
export async function sendsTo(addresses: readonly string[]): Promise<Map<string, number>> {
  const wanted = new Set(addresses);
  const out = new Map<string, number>(addresses.map((a) => [a, 0]));
  for (const m of await recorded()) if (wanted.has(m.to)) out.set(m.to, (out.get(m.to) ?? 0) + 1);
  return out;
}

/** 10:00 in Jakarta (not quiet) and 23:00 (quiet until 06:00 = 23:00Z). */
export const DAY = Date.parse('2027-03-02T03:00:00.000Z');
export const NIGHT = Date.parse('2027-03-01T16:00:00.000Z');
export const NIGHT_ENDS = Date.parse('2027-03-01T23:00:00.000Z');
