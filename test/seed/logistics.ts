// Seeds the logistics of the demo: vehicles, trips, stays, plenary sessions and the rapat koordinasi
// with its minutes. Safe to run again: each item is looked up by what identifies it (plate; kind,
// place and time; hotel, room and check-in; title) before it is created, and created with a stable
// Idempotency-Key, so a retry within 24 h replays rather than creating twice.
import { call, expectOk, listAll } from './client';
import { MEETING, SESSIONS, STAYS, TRIPS, VEHICLES } from './data';

export interface Ids {
  person: (externalId: string) => string;
  party: (externalId: string) => string;
  allParties: string[];
}

const same = (a: string, b: string) => Date.parse(a) === Date.parse(b);

async function create(what: string, path: string, token: string, key: string, body: unknown): Promise<any> {
  const a = await call('POST', path, token, body, `seed-${key}`);
  expectOk(what, a, [201]);
  return a.body;
}

export async function seedLogistics(token: string, ids: Ids): Promise<{ created: number; tripIds: Map<string, string>; stayIds: Map<string, string> }> {
  let created = 0;
  const vehicles = new Map((await listAll('/vehicles', token)).map((v) => [v.plate, v.id]));
  for (const v of VEHICLES) {
    if (vehicles.has(v.plate)) continue;
    vehicles.set(v.plate, (await create(`vehicle ${v.plate}`, '/vehicles', token, `vehicle-${v.plate.replace(/ /g, '')}`, v)).id);
    created += 1;
  }

  const trips = await listAll('/trips', token);
  const tripIds = new Map<string, string>();
  for (const t of TRIPS) {
    const { key, vehicle, lo, passengers, ...fields } = t;
    const found = trips.find((x) => x.kind === t.kind && x.from === t.from && same(x.departAt, t.departAt) && x.vehicleId === vehicles.get(vehicle));
    const body = { ...fields, vehicleId: vehicles.get(vehicle), loId: lo ? ids.person(lo) : null, passengerIds: passengers.map(ids.person) };
    tripIds.set(key, found ? found.id : (await create(`trip ${key}`, '/trips', token, `trip-${key}`, body)).id);
    if (!found) created += 1;
  }

  const stays = await listAll('/accommodations', token);
  const stayIds = new Map<string, string>();
  for (const s of STAYS) {
    const found = stays.find((x) => x.hotel === s.hotel && x.room === s.room && x.checkIn === s.checkIn);
    const body = { hotel: s.hotel, room: s.room, roomCapacity: s.beds, personIds: s.guests.map(ids.person), checkIn: s.checkIn, checkOut: s.checkOut };
    stayIds.set(`${s.hotel}#${s.room}`, found ? found.id : (await create(`stay ${s.room}`, '/accommodations', token, `stay-${s.hotel}-${s.room}-${s.checkIn}`.replace(/ /g, ''), body)).id);
    if (!found) created += 1;
  }

  const sessions = await listAll('/sessions', token);
  for (const s of SESSIONS) {
    if (sessions.some((x) => x.title === s.title)) continue;
    const { parties, ...fields } = s;
    const attendeePartyIds = parties[0] === '*' ? ids.allParties : parties.map(ids.party);
    await create(`session ${s.title}`, '/sessions', token, `session-${s.startsAt}`, { ...fields, attendeePartyIds });
    created += 1;
  }

  let meeting = (await listAll('/meetings', token)).find((x) => x.title === MEETING.title);
  if (!meeting) {
    const { parties, attendees, minutes: _m, ...fields } = MEETING;
    meeting = await create('meeting', '/meetings', token, `meeting-${MEETING.startsAt}`, { ...fields, attendeePartyIds: parties.map(ids.party), attendeeIds: attendees.map(ids.person) });
    created += 1;
  }
  if (!meeting.minutes) {
    const m = MEETING.minutes;
    const actionItems = m.actionItems.map(({ owner, ...item }) => ({ ...item, ownerId: ids.person(owner) }));
    expectOk('minutes', await call('POST', `/meetings/${meeting.id}/minutes`, token, { notes: m.notes, decisions: m.decisions, actionItems }));
    created += 1;
  }
  return { created, tripIds, stayIds };
}
