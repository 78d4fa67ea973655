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
