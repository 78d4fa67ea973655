// The authorization matrix: every directory route × every kind of caller, with the status API.md
// implies. "Assigned" means the LO is assigned to the party of the guest the request is about.
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { api, tokenFor } from '../support/e2e';

type Actor = 'anonymous' | 'guestSelf' | 'guestOther' | 'loAssigned' | 'loNotAssigned' | 'organizer';
const ACTORS: Actor[] = ['anonymous', 'guestSelf', 'guestOther', 'loAssigned', 'loNotAssigned', 'organizer'];

const run = randomBytes(3).toString('hex');
let org: string;
const ids = { party: '', otherParty: '', guest: '', otherGuest: '', loA: '', loB: '' };
const tokens: Partial<Record<Actor, string>> = {};

const post = async (path: string, body: unknown) => {
  const r = await api(path, { method: 'POST', token: org, body });
  if (r.status !== 201) throw new Error(`setup ${path}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
};

beforeAll(async () => {
  org = await tokenFor({ role: 'organizer' });
  ids.party = await post('/parties', { name: `Matrix party ${run}`, type: 'delegation' });
  ids.otherParty = await post('/parties', { name: `Matrix other party ${run}`, type: 'delegation' });
  ids.guest = await post('/people', { name: `Matrix guest ${run}`, role: 'guest', partyId: ids.party });
  ids.otherGuest = await post('/people', { name: `Matrix other guest ${run}`, role: 'guest', partyId: ids.otherParty });
  ids.loA = await post('/people', { name: `Matrix LO A ${run}`, role: 'lo' });
  ids.loB = await post('/people', { name: `Matrix LO B ${run}`, role: 'lo' });
  await post('/assignments', { loId: ids.loA, partyId: ids.party });
  tokens.guestSelf = await tokenFor({ personId: ids.guest });
  tokens.guestOther = tokens.guestSelf;
  tokens.loAssigned = await tokenFor({ personId: ids.loA });
  tokens.loNotAssigned = await tokenFor({ personId: ids.loB });
  tokens.organizer = org;
});

interface Case {
  route: string;
  /** The request for this caller; may create what it needs first (as organiser). */
  request: (actor: Actor) => Promise<{ method: string; path: string; body?: unknown; headers?: Record<string, string> }>;
  expect: Record<Actor, number>;
}

/** The guest the request is about: the caller itself for guestSelf, another guest for guestOther. */
const subject = (actor: Actor) => (actor === 'guestOther' ? ids.otherGuest : ids.guest);
const subjectParty = (actor: Actor) => (actor === 'guestOther' ? ids.otherParty : ids.party);
const fresh = (what: string) => `${what} ${run} ${randomBytes(3).toString('hex')}`;

const EVENT = { name: 'KTT Jakarta 2027', timeZone: 'Asia/Jakarta', languages: ['id', 'en'], startsAt: '2027-03-01T08:00:00+07:00', endsAt: '2027-03-04T18:00:00+07:00' };

const deny = (organizer: number) => ({ anonymous: 401, guestSelf: 403, guestOther: 403, loAssigned: 403, loNotAssigned: 403, organizer });
const staffRead = { anonymous: 401, guestSelf: 403, guestOther: 403, loAssigned: 200, loNotAssigned: 200, organizer: 200 };
const everyone = { anonymous: 401, guestSelf: 200, guestOther: 200, loAssigned: 200, loNotAssigned: 200, organizer: 200 };

const CASES: Case[] = [
  {
    route: 'GET /event',
    request: async () => {
      await api('/event', { method: 'PUT', token: org, body: EVENT });
      return { method: 'GET', path: '/event' };
    },
    expect: { ...everyone },
  },
  { route: 'PUT /event', request: async () => ({ method: 'PUT', path: '/event', body: EVENT }), expect: deny(200) },
  // The event has not ended, so an organiser gets past access to the 409 that refuses an early purge
  // (a real purge would empty the shared runtime's guests; test/e2e/retention.test.ts and the int tests run it).
  { route: 'POST /event/purge', request: async () => ({ method: 'POST', path: '/event/purge', body: { confirm: EVENT.name } }), expect: deny(409) },
  { route: 'POST /parties', request: async () => ({ method: 'POST', path: '/parties', body: { name: fresh('party'), type: 'ngo' } }), expect: deny(201) },
  { route: 'GET /parties', request: async () => ({ method: 'GET', path: '/parties' }), expect: staffRead },
  {
    route: 'GET /parties/{partyId}',
    request: async (a) => ({ method: 'GET', path: `/parties/${subjectParty(a)}` }),
    expect: { anonymous: 401, guestSelf: 200, guestOther: 404, loAssigned: 200, loNotAssigned: 200, organizer: 200 },
  },
  { route: 'PATCH /parties/{partyId}', request: async (a) => ({ method: 'PATCH', path: `/parties/${subjectParty(a)}`, body: { notes: 'checked' } }), expect: deny(200) },
  {
    route: 'DELETE /parties/{partyId}',
    request: async () => ({ method: 'DELETE', path: `/parties/${await post('/parties', { name: fresh('doomed'), type: 'media' })}` }),
    expect: deny(204),
  },
  { route: 'POST /people', request: async () => ({ method: 'POST', path: '/people', body: { name: fresh('person'), role: 'guest' } }), expect: deny(201) },
  { route: 'GET /people', request: async () => ({ method: 'GET', path: '/people?limit=5' }), expect: staffRead },
  {
    route: 'POST /people/import',
    request: async () => ({ method: 'POST', path: '/people/import', body: [{ name: 'Imported', role: 'guest', externalId: `imp-${run}` }] }),
    expect: deny(200),
  },
  {
    route: 'GET /people/{personId}',
    request: async (a) => ({ method: 'GET', path: `/people/${subject(a)}` }),
    expect: { anonymous: 401, guestSelf: 200, guestOther: 404, loAssigned: 200, loNotAssigned: 200, organizer: 200 },
  },
  {
    route: 'PATCH /people/{personId}',
    request: async (a) => ({ method: 'PATCH', path: `/people/${subject(a)}`, body: { needs: { dietary: 'halal' } } }),
    expect: { anonymous: 401, guestSelf: 200, guestOther: 404, loAssigned: 200, loNotAssigned: 403, organizer: 200 },
  },
  {
    route: 'DELETE /people/{personId}',
    request: async () => ({ method: 'DELETE', path: `/people/${await post('/people', { name: fresh('doomed'), role: 'guest' })}` }),
    expect: deny(204),
  },
  {
    // A new LO with an email each time: an organiser gets past access to the 201 that makes the account.
    route: 'POST /people/{personId}/account',
    request: async () => ({ method: 'POST', path: `/people/${await post('/people', { name: fresh('lo'), role: 'lo', email: `acc-${randomBytes(4).toString('hex')}@summit.example` })}/account` }),
    expect: deny(201),
  },
  {
    route: 'POST /assignments',
    request: async () => ({ method: 'POST', path: '/assignments', body: { loId: await post('/people', { name: fresh('lo'), role: 'lo' }), partyId: ids.otherParty } }),
    expect: deny(201),
  },
  { route: 'GET /assignments', request: async () => ({ method: 'GET', path: `/assignments?partyId=${ids.party}` }), expect: staffRead },
  {
    route: 'DELETE /assignments/{assignmentId}',
    request: async () => {
      const lo = await post('/people', { name: fresh('lo'), role: 'lo' });
      return { method: 'DELETE', path: `/assignments/${await post('/assignments', { loId: lo, personId: ids.otherGuest })}` };
    },
    expect: deny(204),
  },
  { route: 'GET /me', request: async () => ({ method: 'GET', path: '/me' }), expect: { ...everyone } },
  { route: 'POST /imports', request: async () => ({ method: 'POST', path: '/imports', body: { format: 'csv' } }), expect: deny(201) },
  {
    route: 'GET /imports/{importId}',
    request: async () => ({ method: 'GET', path: `/imports/${(await api('/imports', { method: 'POST', token: org, body: { format: 'csv' } })).body.importId}` }),
    expect: deny(200),
  },
  {
    // Nothing was uploaded: an organiser gets past access to the 409 that says so.
    route: 'POST /imports/{importId}/start',
    request: async () => ({ method: 'POST', path: `/imports/${(await api('/imports', { method: 'POST', token: org, body: { format: 'json' } })).body.importId}/start` }),
    expect: deny(409),
  },
];

describe('authorization matrix', () => {
  const rows = CASES.flatMap((c) => ACTORS.map((actor) => [c.route, actor, c.expect[actor], c] as const));
  it.each(rows)('%s as %s → %i', async (_route, actor, status, c) => {
    const req = await c.request(actor);
    const res = await api(req.path, { method: req.method, body: req.body, headers: req.headers, ...(actor === 'anonymous' ? {} : { token: tokens[actor] }) });
    expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ status, body: 'ok' });
  });

  it('covers every directory route', async () => {
    const doc = await api('/openapi.json');
    const tagged = Object.entries(doc.body.paths as Record<string, Record<string, { tags: string[] }>>).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags.includes('directory'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(CASES.map((c) => c.route).sort()).toEqual(tagged.sort());
  });
});

// ---- feedback: "about" is the guest the ticket is for; the LO assigned serves that guest's party.

const ticket = (reporterId: string) => ({ kind: 'complaint', category: 'transport', severity: 'medium', subject: 'Matrix ticket', body: 'No towels in the room.', reporterId });
const ticketAbout = (a: Actor) => post('/tickets', ticket(subject(a)));

const FEEDBACK_CASES: Case[] = [
  {
    route: 'POST /tickets',
    request: async (a) => ({ method: 'POST', path: '/tickets', body: ticket(subject(a)) }),
    expect: { anonymous: 401, guestSelf: 201, guestOther: 403, loAssigned: 201, loNotAssigned: 403, organizer: 201 },
  },
  { route: 'GET /tickets', request: async () => ({ method: 'GET', path: '/tickets?limit=5' }), expect: { ...everyone } },
  {
    route: 'GET /tickets/{ticketId}',
    request: async (a) => ({ method: 'GET', path: `/tickets/${await ticketAbout(a)}` }),
    expect: { anonymous: 401, guestSelf: 200, guestOther: 404, loAssigned: 200, loNotAssigned: 404, organizer: 200 },
  },
  {
    route: 'POST /tickets/{ticketId}/transitions',
    request: async (a) => ({ method: 'POST', path: `/tickets/${await ticketAbout(a)}/transitions`, body: { to: 'acknowledged' } }),
    expect: { anonymous: 401, guestSelf: 403, guestOther: 404, loAssigned: 200, loNotAssigned: 404, organizer: 200 },
  },
  {
    route: 'POST /tickets/{ticketId}/comments',
    request: async (a) => ({ method: 'POST', path: `/tickets/${await ticketAbout(a)}/comments`, body: { body: 'On it' } }),
    expect: { anonymous: 401, guestSelf: 201, guestOther: 404, loAssigned: 201, loNotAssigned: 404, organizer: 201 },
  },
  {
    route: 'POST /tickets/{ticketId}/assign',
    request: async (a) => ({ method: 'POST', path: `/tickets/${await ticketAbout(a)}/assign`, body: { assigneeId: ids.loB } }),
    expect: { anonymous: 401, guestSelf: 403, guestOther: 403, loAssigned: 200, loNotAssigned: 404, organizer: 200 },
  },
  {
    // A fresh target each time, so every caller's rating is a new one; an organiser's account without a person record cannot rate.
    route: 'POST /ratings',
    request: async () => ({ method: 'POST', path: '/ratings', body: { subject: 'transport', score: 4, targetId: `trp_${randomBytes(4).toString('hex')}` } }),
    expect: { anonymous: 401, guestSelf: 201, guestOther: 201, loAssigned: 201, loNotAssigned: 201, organizer: 403 },
  },
  { route: 'GET /ratings/summary', request: async () => ({ method: 'GET', path: '/ratings/summary?by=subject' }), expect: deny(200) },
];

describe('feedback authorization matrix', () => {
  const rows = FEEDBACK_CASES.flatMap((c) => ACTORS.map((actor) => [c.route, actor, c.expect[actor], c] as const));
  it.each(rows)('%s as %s → %i', async (_route, actor, status, c) => {
    const req = await c.request(actor);
    const res = await api(req.path, { method: req.method, body: req.body, headers: req.headers, ...(actor === 'anonymous' ? {} : { token: tokens[actor] }) });
    expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ status, body: 'ok' });
  });

  it('covers every feedback route', async () => {
    const doc = await api('/openapi.json');
    const tagged = Object.entries(doc.body.paths as Record<string, Record<string, { tags: string[] }>>).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags.includes('feedback'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(FEEDBACK_CASES.map((c) => c.route).sort()).toEqual(tagged.sort());
  });
});

// ---- logistics: the trip, stay or meeting concerns the subject guest (and their party); the LO
// assigned serves that party. Each write gets a time slot of its own, so no case clashes with another.

let slot = 0;
const nextSlot = () => {
  const k = slot++;
  const day = String(1 + (Math.floor(k / 20) % 28)).padStart(2, '0');
  const hour = String(2 + (k % 20)).padStart(2, '0');
  return { departAt: `2027-05-${day}T${hour}:00:00+07:00`, arriveBy: `2027-05-${day}T${hour}:30:00+07:00` };
};
const tripFor = (personId: string) => ({ kind: 'transfer', from: 'Hotel Mulia', to: 'JCC', ...nextSlot(), passengerIds: [personId] });
let night = 0;
/** A stay of one night of its own (a person in two rooms a night would be a clash). */
const stayFor = (personId: string) => {
  const day = (k: number) => new Date(Date.UTC(2027, 5, 1) + k * 86_400_000).toISOString().slice(0, 10);
  const k = night++;
  return { hotel: `Matrix hotel ${run}`, room: `R${k}`, roomCapacity: 1, personIds: [personId], checkIn: day(k), checkOut: day(k + 1) };
};
const meetingFor = (partyId: string) => ({ title: fresh('rapat'), startsAt: '2027-05-01T18:00:00+07:00', endsAt: '2027-05-01T19:00:00+07:00', location: 'JCC', attendeePartyIds: [partyId] });
const session = () => ({ title: fresh('session'), startsAt: '2027-05-01T09:00:00+07:00', endsAt: '2027-05-01T10:00:00+07:00', venue: 'JCC' });
let vehicleId = '';
const vehicle = async () => (vehicleId ||= await post('/vehicles', { label: `Matrix bus ${run}`, plate: 'B 9 MX', capacity: 10 }));
const meetingWithItem = async (ownerId: string) => {
  const m = await post('/meetings', meetingFor(ids.party));
  const r = await api(`/meetings/${m}/minutes`, { method: 'POST', token: org, body: { actionItems: [{ ownerId, text: 'Confirm rooms' }] } });
  return { meeting: m, item: r.body.minutes.actionItems[0].id as string };
};

const loWrite = (ok: number) => ({ anonymous: 401, guestSelf: 403, guestOther: 403, loAssigned: ok, loNotAssigned: 403, organizer: ok });
const loOwnStays = (ok: number) => ({ anonymous: 401, guestSelf: 403, guestOther: 403, loAssigned: ok, loNotAssigned: 404, organizer: ok });

const LOGISTICS_CASES: Case[] = [
  { route: 'POST /vehicles', request: async () => ({ method: 'POST', path: '/vehicles', body: { label: fresh('van'), plate: 'B 1', capacity: 4 } }), expect: deny(201) },
  { route: 'GET /vehicles', request: async () => ({ method: 'GET', path: '/vehicles' }), expect: staffRead },
  { route: 'GET /vehicles/{vehicleId}', request: async () => ({ method: 'GET', path: `/vehicles/${await vehicle()}` }), expect: staffRead },
  { route: 'PATCH /vehicles/{vehicleId}', request: async () => ({ method: 'PATCH', path: `/vehicles/${await vehicle()}`, body: { label: fresh('bus') } }), expect: deny(200) },
  { route: 'POST /trips', request: async (a) => ({ method: 'POST', path: '/trips', body: tripFor(subject(a)) }), expect: loWrite(201) },
  { route: 'GET /trips', request: async () => ({ method: 'GET', path: `/trips?personId=${ids.guest}` }), expect: staffRead },
  { route: 'GET /trips/{tripId}', request: async (a) => ({ method: 'GET', path: `/trips/${await post('/trips', tripFor(subject(a)))}` }), expect: staffRead },
  { route: 'PATCH /trips/{tripId}', request: async (a) => ({ method: 'PATCH', path: `/trips/${await post('/trips', tripFor(subject(a)))}`, body: { to: 'Istora Senayan' } }), expect: loWrite(200) },
  { route: 'POST /trips/{tripId}/cancel', request: async (a) => ({ method: 'POST', path: `/trips/${await post('/trips', tripFor(subject(a)))}/cancel` }), expect: loWrite(200) },
  { route: 'POST /trips/{tripId}/complete', request: async (a) => ({ method: 'POST', path: `/trips/${await post('/trips', tripFor(subject(a)))}/complete` }), expect: loWrite(200) },
  { route: 'POST /accommodations', request: async (a) => ({ method: 'POST', path: '/accommodations', body: stayFor(subject(a)) }), expect: loWrite(201) },
  { route: 'GET /accommodations', request: async () => ({ method: 'GET', path: '/accommodations' }), expect: staffRead },
  { route: 'GET /accommodations/{accommodationId}', request: async (a) => ({ method: 'GET', path: `/accommodations/${await post('/accommodations', stayFor(subject(a)))}` }), expect: loOwnStays(200) },
  {
    route: 'PATCH /accommodations/{accommodationId}',
    request: async (a) => ({ method: 'PATCH', path: `/accommodations/${await post('/accommodations', stayFor(subject(a)))}`, body: { roomCapacity: 2 } }),
    expect: loOwnStays(200),
  },
  { route: 'DELETE /accommodations/{accommodationId}', request: async (a) => ({ method: 'DELETE', path: `/accommodations/${await post('/accommodations', stayFor(subject(a)))}` }), expect: loOwnStays(204) },
  { route: 'POST /sessions', request: async () => ({ method: 'POST', path: '/sessions', body: session() }), expect: deny(201) },
  { route: 'GET /sessions', request: async () => ({ method: 'GET', path: '/sessions?date=2027-05-01' }), expect: staffRead },
  { route: 'GET /sessions/{sessionId}', request: async () => ({ method: 'GET', path: `/sessions/${await post('/sessions', session())}` }), expect: staffRead },
  { route: 'PATCH /sessions/{sessionId}', request: async () => ({ method: 'PATCH', path: `/sessions/${await post('/sessions', session())}`, body: { venue: 'Istora' } }), expect: deny(200) },
  { route: 'DELETE /sessions/{sessionId}', request: async () => ({ method: 'DELETE', path: `/sessions/${await post('/sessions', session())}` }), expect: deny(204) },
  { route: 'POST /meetings', request: async (a) => ({ method: 'POST', path: '/meetings', body: meetingFor(subjectParty(a)) }), expect: loWrite(201) },
  { route: 'GET /meetings', request: async () => ({ method: 'GET', path: '/meetings' }), expect: staffRead },
  { route: 'GET /meetings/{meetingId}', request: async () => ({ method: 'GET', path: `/meetings/${await post('/meetings', meetingFor(ids.party))}` }), expect: staffRead },
  { route: 'PATCH /meetings/{meetingId}', request: async (a) => ({ method: 'PATCH', path: `/meetings/${await post('/meetings', meetingFor(subjectParty(a)))}`, body: { location: 'Lobby' } }), expect: loWrite(200) },
  { route: 'POST /meetings/{meetingId}/cancel', request: async (a) => ({ method: 'POST', path: `/meetings/${await post('/meetings', meetingFor(subjectParty(a)))}/cancel` }), expect: loWrite(200) },
  {
    route: 'POST /meetings/{meetingId}/minutes',
    request: async (a) => ({ method: 'POST', path: `/meetings/${await post('/meetings', meetingFor(subjectParty(a)))}/minutes`, body: { notes: 'All arrived', decisions: ['Bus at 07:00'] } }),
    expect: loWrite(200),
  },
  {
    // The item's owner is the subject guest: the owner marks it done; other guests never learn of it.
    route: 'PATCH /meetings/{meetingId}/action-items/{itemId}',
    request: async (a) => {
      const { meeting, item } = await meetingWithItem(subject(a));
      return { method: 'PATCH', path: `/meetings/${meeting}/action-items/${item}`, body: { done: true } };
    },
    expect: { anonymous: 401, guestSelf: 200, guestOther: 404, loAssigned: 200, loNotAssigned: 403, organizer: 200 },
  },
  {
    route: 'GET /people/{personId}/itinerary',
    request: async (a) => ({ method: 'GET', path: `/people/${subject(a)}/itinerary` }),
    expect: { anonymous: 401, guestSelf: 200, guestOther: 404, loAssigned: 200, loNotAssigned: 404, organizer: 200 },
  },
  { route: 'GET /conflicts', request: async () => ({ method: 'GET', path: `/conflicts?personId=${ids.guest}` }), expect: staffRead },
];

describe('logistics authorization matrix', () => {
  const rows = LOGISTICS_CASES.flatMap((c) => ACTORS.map((actor) => [c.route, actor, c.expect[actor], c] as const));
  it.each(rows)('%s as %s → %i', async (_route, actor, status, c) => {
    const req = await c.request(actor);
    const res = await api(req.path, { method: req.method, body: req.body, headers: req.headers, ...(actor === 'anonymous' ? {} : { token: tokens[actor] }) });
    expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ status, body: 'ok' });
  });

  it('covers every logistics route', async () => {
    const doc = await api('/openapi.json');
    const tagged = Object.entries(doc.body.paths as Record<string, Record<string, { tags: string[] }>>).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags.includes('logistics'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(LOGISTICS_CASES.map((c) => c.route).sort()).toEqual(tagged.sort());
  });
});

// ---- notifications: broadcasts to the subject guest's party (the LO assigned serves it); the LO
// who sent a broadcast reads it; the delivery log of the subject guest.

const broadcastTo = (partyId: string) => ({ audience: { partyIds: [partyId] }, message: { id: 'Uji matriks', en: 'Matrix test' }, channels: ['sms'], priority: 'normal' });
const broadcastByLo = async () => {
  const r = await api('/broadcasts', { method: 'POST', token: tokens.loAssigned, body: broadcastTo(ids.party) });
  if (r.status !== 202) throw new Error(`setup /broadcasts: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.broadcastId as string;
};

const NOTIFICATIONS_CASES: Case[] = [
  {
    route: 'POST /broadcasts',
    request: async (a) => ({ method: 'POST', path: '/broadcasts', body: broadcastTo(subjectParty(a)) }),
    expect: { anonymous: 401, guestSelf: 403, guestOther: 403, loAssigned: 202, loNotAssigned: 403, organizer: 202 },
  },
  {
    route: 'GET /broadcasts/{broadcastId}',
    request: async () => ({ method: 'GET', path: `/broadcasts/${await broadcastByLo()}` }),
    expect: { anonymous: 401, guestSelf: 403, guestOther: 403, loAssigned: 200, loNotAssigned: 404, organizer: 200 },
  },
  {
    route: 'GET /notifications',
    request: async (a) => ({ method: 'GET', path: `/notifications?personId=${subject(a)}` }),
    expect: { anonymous: 401, guestSelf: 200, guestOther: 403, loAssigned: 200, loNotAssigned: 403, organizer: 200 },
  },
  { route: 'GET /templates', request: async () => ({ method: 'GET', path: '/templates' }), expect: staffRead },
  { route: 'PUT /templates/{templateKey}', request: async () => ({ method: 'PUT', path: `/templates/matrix_${run}`, body: { en: { body: 'Matrix {{what}}' } } }), expect: deny(200) },
];

describe('notifications authorization matrix', () => {
  const rows = NOTIFICATIONS_CASES.flatMap((c) => ACTORS.map((actor) => [c.route, actor, c.expect[actor], c] as const));
  it.each(rows)('%s as %s → %i', async (_route, actor, status, c) => {
    const req = await c.request(actor);
    const res = await api(req.path, { method: req.method, body: req.body, headers: req.headers, ...(actor === 'anonymous' ? {} : { token: tokens[actor] }) });
    expect({ status: res.status, body: res.status === status ? 'ok' : res.body }).toEqual({ status, body: 'ok' });
  });

  it('covers every notifications route', async () => {
    const doc = await api('/openapi.json');
    const tagged = Object.entries(doc.body.paths as Record<string, Record<string, { tags: string[] }>>).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.tags.includes('notifications'))
        .map(([method]) => `${method.toUpperCase()} ${path}`),
    );
    expect(NOTIFICATIONS_CASES.map((c) => c.route).sort()).toEqual(tagged.sort());
  });
});
