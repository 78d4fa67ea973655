// Fixtures of the automatic-message tests: contract-valid logistics events (made with the kit's
// makeEvent, so a builder that breaks a contract fails loudly) and the SQS batch the consumer receives
// them in; directory people and the event profile written as the directory stores them; and what moto
// recorded as sent to an address.
import { randomBytes } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DomainEvent, Language, PersonRole, Stay, Trip, VehicleRef } from '@liaison/contracts';
import { readKeys, readPartitions } from '@liaison/directory-read';
import { ddb } from '@liaison/kit/ddb/client';
import { makeEvent } from '@liaison/kit/events/envelope';
import { newId } from '@liaison/kit/ids';
import type { SQSEvent, SQSRecord } from 'aws-lambda';

const logistics = { source: 'logistics', correlationId: 'test' };
const STAMP = '2027-01-01T00:00:00.000Z';

export function trip(over: Partial<Trip> = {}): Trip {
  return {
    id: newId('trp'),
    kind: 'pickup',
    from: 'CGK Terminal 3',
    to: 'Hotel Mulia',
    departAt: '2027-03-03T09:00:00+07:00',
    arriveBy: '2027-03-03T10:30:00+07:00',
    vehicleId: null,
    loId: null,
    passengerIds: [],
    status: 'scheduled',
    version: 1,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...over,
  };
}

export function vehicle(phone: string, over: Partial<VehicleRef> = {}): VehicleRef {
  return { id: newId('veh'), label: 'Alphard 1', plate: 'B 1234 XY', driver: { name: 'Pak Budi', phone }, ...over };
}

const audienceOf = (...trips: Trip[]) => ({
  personIds: [...new Set(trips.flatMap((t) => [...t.passengerIds, ...(t.loId ? [t.loId] : [])]))],
  partyIds: [],
});

export const tripScheduled = (t: Trip, v: VehicleRef | null = null) => makeEvent('trip.scheduled', { trip: t, vehicle: v, audience: audienceOf(t) }, logistics);

/** The next version of `before` with `change` applied, and its trip.changed event. */
export function tripChanged(before: Trip, change: Partial<Trip>, v: { before?: VehicleRef | null; after?: VehicleRef | null } = {}): { after: Trip; event: DomainEvent<'trip.changed'> } {
  const after: Trip = { ...before, ...change, version: before.version + 1 };
  const changed = (Object.keys(change) as (keyof Trip)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const event = makeEvent(
    'trip.changed',
    {
      before,
      after,
      changed: changed.length > 0 ? changed : ['updatedAt'],
      time: changed.includes('departAt') || changed.includes('arriveBy'),
      place: changed.includes('from') || changed.includes('to'),
      passengersAdded: after.passengerIds.filter((p) => !before.passengerIds.includes(p)),
      passengersRemoved: before.passengerIds.filter((p) => !after.passengerIds.includes(p)),
      vehicleBefore: v.before ?? null,
      vehicleAfter: v.after === undefined ? (v.before ?? null) : v.after,
      audience: audienceOf(before, after),
    },
    logistics,
  );
  return { after, event };
}

export function tripCancelled(before: Trip, v: VehicleRef | null = null): { after: Trip; event: DomainEvent<'trip.cancelled'> } {
  const after: Trip = { ...before, status: 'cancelled', version: before.version + 1 };
  return { after, event: makeEvent('trip.cancelled', { trip: after, vehicle: v, audience: audienceOf(before, after) }, logistics) };
}

export function tripCompleted(before: Trip): { after: Trip; event: DomainEvent<'trip.completed'> } {
  const after: Trip = { ...before, status: 'completed', version: before.version + 1 };
  return { after, event: makeEvent('trip.completed', { trip: after, audience: audienceOf(after) }, logistics) };
}

export function stay(over: Partial<Stay> = {}): Stay {
  return {
    id: newId('sty'),
    hotel: 'Hotel Indonesia Kempinski',
    room: '707',
    personIds: [],
    roomCapacity: 2,
    checkIn: '2027-03-02',
    checkOut: '2027-03-05',
    version: 1,
    createdAt: STAMP,
    updatedAt: STAMP,
    ...over,
  };
}

const stayAudience = (...stays: Stay[]) => ({ personIds: [...new Set(stays.flatMap((s) => s.personIds))], partyIds: [] });

export const stayAssigned = (s: Stay) => makeEvent('stay.assigned', { stay: s, audience: stayAudience(s) }, logistics);

export function stayChanged(before: Stay, change: Partial<Stay>): { after: Stay; event: DomainEvent<'stay.changed'> } {
  const after: Stay = { ...before, ...change, version: before.version + 1 };
  const changed = (Object.keys(change) as (keyof Stay)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
  const event = makeEvent(
    'stay.changed',
    {
      before,
      after,
      changed: changed.length > 0 ? changed : ['updatedAt'],
      personsAdded: after.personIds.filter((p) => !before.personIds.includes(p)),
      personsRemoved: before.personIds.filter((p) => !after.personIds.includes(p)),
      audience: stayAudience(before, after),
    },
    logistics,
  );
  return { after, event };
}

export const stayEnded = (s: Stay) => makeEvent('stay.ended', { stay: s, audience: stayAudience(s) }, logistics);

let n = 0;
export function sqsBatch(...events: unknown[]): SQSEvent {
  return {
    Records: events.map(
      (e) =>
        ({ messageId: `m-${++n}`, receiptHandle: 'r', body: JSON.stringify(e), attributes: {}, messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn', awsRegion: 'us-east-1' }) as unknown as SQSRecord,
    ),
  };
}

// ---- directory records and what the emulator sent

const table = () => process.env.LIAISON_TABLE_NAME as string;
const run = String(parseInt(randomBytes(3).toString('hex'), 16) % 100_000).padStart(5, '0');
let people = 0;

/** A phone number no one else in this run has (drivers are not in the directory). */
export const phone = () => `+6282${run}${String(people++).padStart(4, '0')}`;

export interface TestPerson {
  id: string;
  phone: string | null;
  email: string | null;
}

/** A person as the directory stores them (its indexes: everyone, party members, by role), with a phone and email no one else has. */
export async function person(p: { role?: PersonRole; partyId?: string | null; language?: Language; consent?: { sms: boolean; email: boolean }; phone?: string | null; email?: string | null; name?: string } = {}): Promise<TestPerson> {
  const k = String(people++).padStart(4, '0');
  const id = `per_n4${run}${k}`;
  const name = p.name ?? `Tamu ${k}`;
  const role = p.role ?? 'guest';
  const partyId = p.partyId ?? null;
  const phone = p.phone === undefined ? `+6281${run}${k}` : p.phone;
  const email = p.email === undefined ? `n4.${run}.${k}@example.org` : p.email;
  await ddb.send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...readKeys.person(id),
        gsi1pk: readPartitions.allPeople,
        gsi1sk: `${name}#${id}`,
        ...(partyId ? { gsi2pk: readPartitions.peopleOfParty(partyId), gsi2sk: name } : {}),
        gsi3pk: readPartitions.peopleWithRole(role),
        gsi3sk: `${name}#${id}`,
        id, name, role, partyId, title: null, phone, email,
        language: p.language ?? 'en',
        consent: p.consent ?? { sms: true, email: true },
        needs: {}, arrival: null, departure: null, externalId: null, maxParties: null, languages: null,
        version: 1, createdAt: STAMP, updatedAt: STAMP,
      },
    }),
  );
  return { id, phone, email };
}

/** The event profile: Jakarta, quiet hours 22:00–06:00 unless told, and the given settings. */
export async function profile(settings: { quietHours?: { start: string; end: string } | null; coalesceMinutes?: number; reminderMinutes?: number } = {}): Promise<void> {
  await ddb.send(
    new PutCommand({
      TableName: table(),
      Item: {
        ...readKeys.profile(),
        name: 'Jakarta Summit',
        timeZone: 'Asia/Jakarta',
        languages: ['id', 'en'],
        startsAt: '2027-03-01T00:00:00.000Z',
        endsAt: '2027-03-10T00:00:00.000Z',
        venues: [],
        quietHours: settings.quietHours === undefined ? { start: '22:00', end: '06:00' } : settings.quietHours,
        ...(settings.coalesceMinutes === undefined ? {} : { coalesceMinutes: settings.coalesceMinutes }),
        ...(settings.reminderMinutes === undefined ? {} : { reminderMinutes: settings.reminderMinutes }),
        version: 1,
        updatedAt: STAMP,
      },
    }),
  );
}

export interface Sent {
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  body: string;
}

interface MotoState {
  sns?: { SMS?: { phone_number: string; message: string }[] };
  ses?: { Message?: { subject: string; body: string; destinations: Record<string, string[]> }[] };
}

/** What moto recorded as sent to `address` (SNS SMS to a phone, SES email to an address), oldest first. */
export async function sentTo(address: string | null): Promise<Sent[]> {
  if (!address) return [];
  return (await sentToEach([address]))[0]!;
}

/**
 * What moto recorded as sent to each address, from one read of its state: the state holds every
 * message of the run, so reading it once per member of a big party took minutes in the full suite.
 */
export async function sentToEach(addresses: readonly string[]): Promise<Sent[][]> {
  const res = await fetch(`${process.env.AWS_ENDPOINT_URL_SNS}/moto-api/data.json`);
  const state = (await res.json()) as MotoState;
  return addresses.map((address) => {
    const sms = (state.sns?.SMS ?? []).filter((m) => m.phone_number === address).map((m): Sent => ({ channel: 'sms', to: m.phone_number, body: m.message }));
    const email = (state.ses?.Message ?? [])
      .filter((m) => Object.values(m.destinations).flat().includes(address))
      .map((m): Sent => ({ channel: 'email', to: address, subject: m.subject, body: m.body }));
    return [...sms, ...email];
  });
}
