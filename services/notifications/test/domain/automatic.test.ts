// Which messages each event causes, to whom, at what priority, with which values: built from
// contract-valid events, and checked against the templates (every variable a template may use is given).
import { describe, expect, it } from '@jest/globals';
import { fillNeeds, intentsFor, vehicleDriverIntents, type Intent } from '../../src/domain/automatic';
import { isGsm7 } from '../../src/domain/segments';
import { AUTOMATIC_TEMPLATES, render, templateVariables } from '../../src/domain/templates';
import { assignment, ctx, event, meeting, stay, ticket, trip, vehicle } from './fixtures';

const audience = (personIds: string[], partyIds: string[] = []) => ({ personIds, partyIds });
const byKey = (intents: Intent[]) => Object.fromEntries(intents.map((i) => [i.messageKey, i]));
const keysOf = (intents: Intent[]) => intents.map((i) => i.messageKey).sort();
const bodyOf = (i: Intent, language: 'id' | 'en', found = {}) => render(AUTOMATIC_TEMPLATES[i.templateKey].defaults[language].body, fillNeeds(i, found), language);

const seen: Intent[] = [];
const intents = (e: Parameters<typeof intentsFor>[0]) => {
  const out = intentsFor(e, ctx);
  seen.push(...out);
  return out;
};

describe('trips', () => {
  it('tells passengers of a new trip in their language, and its driver by SMS with what the event lacks looked up', () => {
    const v = vehicle();
    const t = trip({ vehicleId: v.id });
    const out = byKey(intents(event('trip.scheduled', { trip: t, vehicle: v, audience: audience(['p_1', 'p_2', 'lo_1']) })));
    expect(Object.keys(out).sort()).toEqual(['trip.driver', 'trip.scheduled']);
    const passengers = out['trip.scheduled'] as Intent;
    expect(passengers).toMatchObject({ audience: audience(['p_1', 'p_2', 'lo_1']), priority: 'normal', happensAtMs: Date.parse(t.departAt), subject: `trip:${t.id}` });
    expect(bodyOf(passengers, 'id')).toBe('Jadwal penjemputan Anda: Sel 2 Mar 09.00 WIB dari Soekarno-Hatta T3 ke Hotel Mulia. Kendaraan: Bus 3 (B 1234 XY), sopir Pak Budi +6281298765432.');
    expect(bodyOf(passengers, 'en')).toBe('Your pick-up: Tue 2 Mar 09:00 WIB from Soekarno-Hatta T3 to Hotel Mulia. Vehicle: Bus 3 (B 1234 XY), driver Pak Budi +6281298765432.');

    const driver = out['trip.driver'] as Intent;
    expect(driver.audience).toEqual({ personIds: [], partyIds: [], driver: { vehicleId: v.id, name: 'Pak Budi', phone: '+6281298765432' } });
    expect(driver).toMatchObject({ needs: ['lo', 'passengers'], loId: 'lo_1', passengerIds: ['p_1', 'p_2'] });
    expect(bodyOf(driver, 'id', { lo: { name: 'Rina', phone: '+6281311112222' }, passengers: [{ name: 'Ahmad' }, { name: 'Siti' }] })).toBe(
      'Tugas penjemputan Bus 3 (B 1234 XY): Sel 2 Mar 09.00 WIB, jemput di Soekarno-Hatta T3, antar ke Hotel Mulia. 2 penumpang: Ahmad, Siti. LO: Rina +6281311112222.',
    );
  });

  it('says the vehicle is to be confirmed and texts no driver when the trip has none', () => {
    const t = trip();
    const out = intents(event('trip.scheduled', { trip: t, vehicle: null, audience: audience(['p_1']) }));
    expect(keysOf(out)).toEqual(['trip.scheduled']);
    expect(bodyOf(out[0] as Intent, 'en')).toContain('Vehicle: to be confirmed, driver to be confirmed.');
  });

  it('tells the passengers of a moved trip, at urgent-when-needed timing from the earlier of the two departures', () => {
    const before = trip({ passengerIds: ['p_1', 'p_2'] });
    const after = { ...before, departAt: '2027-03-02T02:00:00+07:00', arriveBy: '2027-03-02T03:00:00+07:00', version: 2 };
    const out = intents(
      event('trip.changed', { before, after, changed: ['departAt', 'arriveBy'], time: true, place: false, passengersAdded: [], passengersRemoved: [], vehicleBefore: null, vehicleAfter: null, audience: audience(['p_1', 'p_2', 'lo_1']) }),
    );
    expect(keysOf(out)).toEqual(['trip.changed']);
    const changed = out[0] as Intent;
    expect(changed).toMatchObject({ audience: audience(['p_1', 'p_2', 'lo_1']), priority: 'normal', happensAtMs: Date.parse('2027-03-02T02:00:00+07:00') });
    expect(bodyOf(changed, 'id')).toBe('Perubahan penjemputan: kini Sel 2 Mar 02.00 WIB dari Soekarno-Hatta T3 ke Hotel Mulia. Kendaraan: menyusul, sopir menyusul.');
    expect(render('{{previousTime}} ({{changes}})', changed.vars, 'en')).toBe('Tue 2 Mar 09:00 WIB (time)');
  });

  it('tells passengers nothing when only the LO or the passenger list changed, but added and removed people hear it for themselves', () => {
    const v = vehicle();
    const before = trip({ vehicleId: v.id, passengerIds: ['p_1', 'p_2'], loId: 'lo_1' });
    const after = { ...before, passengerIds: ['p_1', 'p_3'], loId: 'lo_2', version: 2 };
    const out = byKey(
      intents(
        event('trip.changed', {
          before,
          after,
          changed: ['passengerIds', 'loId'],
          time: false,
          place: false,
          passengersAdded: ['p_3'],
          passengersRemoved: ['p_2'],
          vehicleBefore: v,
          vehicleAfter: v,
          audience: audience(['p_1', 'p_2', 'p_3', 'lo_1', 'lo_2']),
        }),
      ),
    );
    expect(Object.keys(out).sort()).toEqual(['trip.added', 'trip.driver_changed', 'trip.removed']);
    expect(out['trip.added']?.audience).toEqual(audience(['p_3', 'lo_2']));
    expect(out['trip.removed']?.audience).toEqual(audience(['p_2', 'lo_1']));
    expect(bodyOf(out['trip.removed'] as Intent, 'en')).toBe('You are no longer booked on the pick-up on Tue 2 Mar 09:00 WIB from Soekarno-Hatta T3 to Hotel Mulia.');
    expect(out['trip.driver_changed']).toMatchObject({ loId: 'lo_2', passengerIds: ['p_1', 'p_3'], vars: { passengerCount: '2' } });
  });

  it('on a new vehicle cancels the trip for the old driver and gives it to the new one', () => {
    const old = vehicle({ label: 'Bus 3' });
    const next = vehicle({ label: 'Alphard 1', driver: { name: 'Pak Joko', phone: '+6281255556666' } });
    const before = trip({ vehicleId: old.id });
    const after = { ...before, vehicleId: next.id, version: 2 };
    const out = byKey(
      intents(
        event('trip.changed', { before, after, changed: ['vehicleId'], time: false, place: false, passengersAdded: [], passengersRemoved: [], vehicleBefore: old, vehicleAfter: next, audience: audience(['p_1', 'p_2', 'lo_1']) }),
      ),
    );
    expect(Object.keys(out).sort()).toEqual(['trip.changed', 'trip.driver', 'trip.driver_cancelled']);
    expect(out['trip.driver_cancelled']?.audience.driver?.vehicleId).toBe(old.id);
    expect(out['trip.driver']?.audience.driver).toEqual({ vehicleId: next.id, name: 'Pak Joko', phone: '+6281255556666' });
    expect(render('{{changes}}', (out['trip.changed'] as Intent).vars, 'id')).toBe('kendaraan');
  });

  it('tells passengers and the driver of a cancelled trip', () => {
    const v = vehicle();
    const t = trip({ vehicleId: v.id, status: 'cancelled' });
    const out = byKey(intents(event('trip.cancelled', { trip: t, vehicle: v, audience: audience(['p_1', 'p_2']) })));
    expect(Object.keys(out).sort()).toEqual(['trip.cancelled', 'trip.driver_cancelled']);
    expect(bodyOf(out['trip.cancelled'] as Intent, 'id')).toBe('Dibatalkan: penjemputan Sel 2 Mar 09.00 WIB dari Soekarno-Hatta T3 ke Hotel Mulia.');
    expect(out['trip.cancelled']?.happensAtMs).toBe(Date.parse(t.departAt));
  });
});

describe('stays', () => {
  it('tells room guests their room with local check-in and check-out days', () => {
    const s = stay();
    const out = intents(event('stay.assigned', { stay: s, audience: audience(['p_1']) }));
    expect(keysOf(out)).toEqual(['stay.assigned']);
    expect(bodyOf(out[0] as Intent, 'id')).toBe('Kamar Anda: Hotel Mulia, kamar 1204, check-in Sen 1 Mar, check-out Kam 4 Mar.');
    expect(out[0]).toMatchObject({ subject: `stay:${s.id}`, vars: { nights: '3' } });
  });

  it('tells guests of a room change and a newly added guest of their room; a capacity change tells nobody', () => {
    const before = stay({ personIds: ['p_1'] });
    const after = { ...before, room: '1510', personIds: ['p_1', 'p_2'], version: 2 };
    const out = byKey(intents(event('stay.changed', { before, after, changed: ['room', 'personIds'], personsAdded: ['p_2'], personsRemoved: [], audience: audience(['p_1', 'p_2']) })));
    expect(Object.keys(out).sort()).toEqual(['stay.added', 'stay.changed']);
    expect(out['stay.changed']?.audience).toEqual(audience(['p_1']));
    expect(out['stay.added']).toMatchObject({ templateKey: 'stay.assigned', audience: audience(['p_2']) });

    const roomier = { ...before, roomCapacity: 3, version: 2 };
    expect(intents(event('stay.changed', { before, after: roomier, changed: ['roomCapacity'], personsAdded: [], personsRemoved: [], audience: audience(['p_1']) }))).toEqual([]);
  });
});

describe('meetings', () => {
  it('invites attendees, people and parties', () => {
    const m = meeting();
    const out = intents(event('meeting.scheduled', { meeting: m, audience: audience(['p_1'], ['pty_1']) }));
    expect(out[0]).toMatchObject({ messageKey: 'meeting.scheduled', audience: audience(['p_1'], ['pty_1']), happensAtMs: Date.parse(m.startsAt) });
    expect(bodyOf(out[0] as Intent, 'en')).toBe('Meeting "Rapat koordinasi": Tue 2 Mar 14:00 WIB at Ruang Nusantara.');
  });

  it('tells attendees of a move, invites the added ones and releases the removed ones', () => {
    const before = meeting({ attendeeIds: ['p_1', 'p_2'], attendeePartyIds: ['pty_1'] });
    const after = { ...before, location: 'Ruang Garuda', attendeeIds: ['p_1', 'p_3'], version: 2 };
    const out = byKey(intents(event('meeting.changed', { before, after, changed: ['location', 'attendeeIds'], audience: audience(['p_1', 'p_2', 'p_3'], ['pty_1']) })));
    expect(Object.keys(out).sort()).toEqual(['meeting.added', 'meeting.moved', 'meeting.removed']);
    expect(out['meeting.moved']?.audience).toEqual(audience(['p_1'], ['pty_1']));
    expect(bodyOf(out['meeting.moved'] as Intent, 'id')).toBe('Rapat "Rapat koordinasi" dipindah: kini Sel 2 Mar 14.00 WIB di Ruang Garuda.');
    expect(out['meeting.added']).toMatchObject({ templateKey: 'meeting.scheduled', audience: audience(['p_3']) });
    expect(out['meeting.removed']).toMatchObject({ templateKey: 'meeting.cancelled', audience: audience(['p_2']) });
  });

  it('says nothing when only the agenda or minutes changed, and tells everyone of a cancellation', () => {
    const before = meeting();
    const after = { ...before, agenda: ['Transport'], version: 2 };
    expect(intents(event('meeting.changed', { before, after, changed: ['agenda'], audience: audience(['p_1'], ['pty_1']) }))).toEqual([]);
    const cancelled = intents(event('meeting.cancelled', { meeting: { ...before, status: 'cancelled' }, audience: audience(['p_1'], ['pty_1']) }));
    expect(keysOf(cancelled)).toEqual(['meeting.cancelled']);
  });
});

describe('LO assignments', () => {
  it("tells a person, or a party's members, who their LO is, once the consumer has looked the LO up", () => {
    const toParty = intents(event('assignment.created', { assignment: assignment({ partyId: 'pty_1', personId: null }) }));
    expect(toParty[0]).toMatchObject({ audience: audience([], ['pty_1']), needs: ['lo'], loId: 'lo_1' });
    const toPerson = intents(event('assignment.created', { assignment: assignment({ partyId: null, personId: 'p_9' }) }));
    expect(toPerson[0]?.audience).toEqual(audience(['p_9']));
    expect(bodyOf(toPerson[0] as Intent, 'en', { lo: { name: 'Rina', phone: '+6281311112222' } })).toBe('Your liaison officer is Rina +6281311112222. Contact them for anything you need.');
    expect(bodyOf(toPerson[0] as Intent, 'id', { lo: { name: 'Rina', phone: null } })).toBe('LO Anda: Rina. Hubungi untuk bantuan apa pun selama acara.');
    expect(bodyOf(toPerson[0] as Intent, 'en', { lo: { name: 'Rina', phone: null } })).toBe('Your liaison officer is Rina. Contact them for anything you need.');
  });
});

describe('tickets', () => {
  it('tells the assignee of a new ticket, or the organisers when nobody is assigned; never the one who filed it for themselves', () => {
    const t = ticket({ severity: 'high' });
    const out = intents(event('ticket.created', { ticket: t, body: 'Mobil belum datang', by: 'p_1' }));
    expect(out[0]).toMatchObject({ messageKey: 'ticket.created', audience: audience(['lo_1']), priority: 'urgent', subject: `ticket:${t.id}`, needs: ['reporter'], reporterId: 'p_1' });
    expect(bodyOf(out[0] as Intent, 'en', { reporter: { name: 'Ahmad', phone: null } })).toBe('New ticket (high) from Ahmad: Jemputan terlambat. Acknowledge by Tue 2 Mar 10:00 WIB.');

    const unassigned = intents(event('ticket.created', { ticket: ticket({ assigneeId: null, severity: 'low' }), body: 'x', by: 'p_1' }));
    expect(unassigned[0]).toMatchObject({ audience: { personIds: [], partyIds: [], roles: ['organizer'] }, priority: 'normal' });

    expect(intents(event('ticket.created', { ticket: ticket(), body: 'x', by: 'lo_1' }))).toEqual([]);
  });

  it('alerts every organiser and the assignee at once to an emergency, never coalesced', () => {
    const t = ticket({ kind: 'emergency', category: 'health', severity: 'critical' });
    const out = intents(event('ticket.created', { ticket: t, body: 'Tamu pingsan di lobi', by: 'p_1' }));
    expect(keysOf(out)).toEqual(['ticket.emergency']);
    expect(out[0]).toMatchObject({ priority: 'emergency', audience: { personIds: ['lo_1'], partyIds: [], roles: ['organizer'] } });
    expect(out[0]?.subject).toBeUndefined();
    expect(bodyOf(out[0] as Intent, 'id', { reporter: { name: 'Ahmad', phone: '+6281200001111' } })).toBe('DARURAT (kesehatan): Jemputan terlambat. Untuk Ahmad +6281200001111. Tamu pingsan di lobi');
  });

  it('keeps a long emergency description short and in GSM-7', () => {
    const out = intents(event('ticket.created', { ticket: ticket({ kind: 'emergency' }), body: 'a'.repeat(1000), by: 'p_1' }));
    expect(String(out[0]?.vars.details)).toHaveLength(200);
    expect(String(out[0]?.vars.details).endsWith('...')).toBe(true);
    expect(isGsm7(String(out[0]?.vars.details))).toBe(true);
  });

  it('tells the new assignee of a reassignment, the organisers of an escalation, and the reporter of acknowledgement and resolution', () => {
    const t = ticket({ assigneeId: 'lo_2' });
    expect(intents(event('ticket.assigned', { ticket: t, by: 'org_1', note: null, previousAssigneeId: 'lo_1' }))[0]).toMatchObject({ messageKey: 'ticket.assigned', audience: audience(['lo_2']) });
    const esc = intents(event('ticket.escalated', { ticket: { ...t, escalationLevel: 1 }, reason: 'ack_overdue', missedDueAt: t.ackDueAt }));
    expect(esc[0]).toMatchObject({ audience: { roles: ['organizer'] }, priority: 'urgent' });
    expect(bodyOf(esc[0] as Intent, 'en', { reporter: { name: 'Ahmad', phone: null } })).toBe(
      'Ticket escalated (medium) from Ahmad: Jemputan terlambat. Not acknowledged in time (due Tue 2 Mar 10:00 WIB).',
    );
    const ack = intents(event('ticket.acknowledged', { ticket: { ...t, status: 'acknowledged' }, by: 'lo_2', note: null }));
    expect(ack[0]).toMatchObject({ audience: audience(['p_1']), priority: 'normal' });
    expect(bodyOf(ack[0] as Intent, 'id')).toBe('Laporan Anda "Jemputan terlambat" sudah diterima dan sedang ditangani.');
    expect(keysOf(intents(event('ticket.resolved', { ticket: { ...t, status: 'resolved' }, by: 'lo_2', note: 'Sudah dijemput' })))).toEqual(['ticket.resolved']);
    expect(intents(event('ticket.resolved', { ticket: { ...t, status: 'resolved' }, by: 'p_1', note: null }))).toEqual([]);
  });
});

describe('every intent', () => {
  it('causes nothing for events that are not about anyone’s messages', () => {
    expect(intents(event('trip.completed', { trip: trip({ status: 'completed' }), audience: audience(['p_1']) }))).toEqual([]);
  });

  it('gives every variable its template may use, so no default or custom text has a hole (checked over all intents above)', () => {
    expect(seen.length).toBeGreaterThan(20);
    for (const intent of seen) {
      const vars = fillNeeds(intent, { lo: { name: 'Rina', phone: '+6281311112222' }, passengers: [], reporter: { name: 'Ahmad', phone: null } });
      for (const name of AUTOMATIC_TEMPLATES[intent.templateKey].variables) expect([intent.templateKey, name, Object.hasOwn(vars, name)]).toEqual([intent.templateKey, name, true]);
      for (const language of ['id', 'en'] as const) {
        const text = AUTOMATIC_TEMPLATES[intent.templateKey].defaults[language];
        expect(templateVariables(render(`${text.subject ?? ''} ${text.body}`, vars, language))).toEqual([]);
      }
    }
  });

  it('has message keys unique within its event', () => {
    const v = vehicle();
    const next = vehicle();
    const before = trip({ vehicleId: v.id, passengerIds: ['p_1', 'p_2'] });
    const after = { ...before, vehicleId: next.id, departAt: '2027-03-02T08:00:00+07:00', passengerIds: ['p_1', 'p_3'], loId: 'lo_2', version: 2 };
    const out = intents(
      event('trip.changed', {
        before,
        after,
        changed: ['vehicleId', 'departAt', 'passengerIds', 'loId'],
        time: true,
        place: false,
        passengersAdded: ['p_3'],
        passengersRemoved: ['p_2'],
        vehicleBefore: v,
        vehicleAfter: next,
        audience: audience(['p_1', 'p_2', 'p_3', 'lo_1', 'lo_2']),
      }),
    );
    expect(keysOf(out)).toEqual(['trip.added', 'trip.changed', 'trip.driver', 'trip.driver_cancelled', 'trip.removed']);
    expect(new Set(out.map((i) => i.messageKey)).size).toBe(out.length);
    expect(byKey(out)['trip.changed']?.audience).toEqual(audience(['p_1']));
  });
});

describe("a vehicle's new driver", () => {
  const stamps = { capacity: 6, version: 1, createdAt: '2027-01-01T00:00:00.000Z', updatedAt: '2027-01-01T00:00:00.000Z' };

  it('tells the old and the new driver of its trips still to come only, not of one whose pick-up time has passed', () => {
    const v = vehicle();
    const done = trip({ vehicleId: v.id, departAt: '2027-03-02T09:00:00+07:00' });
    const next = trip({ vehicleId: v.id, departAt: '2027-03-02T14:00:00+07:00', arriveBy: '2027-03-02T15:00:00+07:00' });
    const changed = event('vehicle.changed', {
      before: { ...v, ...stamps },
      after: { ...v, ...stamps, driver: { name: 'Pak Eko', phone: '+6281277778888' }, version: 2 },
      changed: ['driver'],
      tripIds: [done.id, next.id],
      audience: audience([]),
    });
    const noon = Date.parse('2027-03-02T12:00:00+07:00');
    expect(keysOf(vehicleDriverIntents(changed, [done, next], ctx, noon))).toEqual([`trip.driver:${next.id}`, `trip.driver_cancelled:${next.id}`]);
    // At its very pick-up time it is under way: nobody hears of it either.
    expect(keysOf(vehicleDriverIntents(changed, [next], ctx, Date.parse(next.departAt)))).toEqual([]);
  });

  it('texts nobody when the retention purge takes the driver off, even of a trip still to come; an organiser taking the driver off tells the old one', () => {
    const v = vehicle();
    const t = trip({ vehicleId: v.id });
    const data = { before: { ...v, ...stamps }, after: { ...v, ...stamps, driver: null, version: 2 }, changed: ['driver'], tripIds: [t.id], audience: audience([]) };
    const purged = event('vehicle.changed', { ...data, reason: 'personal-data.purged' as const });
    const beforeTrip = Date.parse('2027-03-01T10:00:00+07:00');
    expect(vehicleDriverIntents(purged, [t], ctx, Date.parse('2027-04-15T10:00:00+07:00'))).toEqual([]);
    expect(vehicleDriverIntents(purged, [t], ctx, beforeTrip)).toEqual([]);
    expect(keysOf(vehicleDriverIntents(event('vehicle.changed', data), [t], ctx, beforeTrip))).toEqual([`trip.driver_cancelled:${t.id}`]);
  });
});

describe("the driver's LO line", () => {
  const driverTexts = (found: Parameters<typeof fillNeeds>[1]) => {
    const v = vehicle();
    const before = trip({ vehicleId: v.id, loId: null });
    const after = { ...before, departAt: '2027-03-02T03:00:00.000Z', version: before.version + 1 };
    const scheduled = intentsFor(event('trip.scheduled', { trip: before, vehicle: v, audience: audience(before.passengerIds) }), ctx).find((i) => i.templateKey === 'trip.driver') as Intent;
    const changed = intentsFor(
      event('trip.changed', { before, after, changed: ['departAt'], time: true, place: false, passengersAdded: [], passengersRemoved: [], vehicleBefore: v, vehicleAfter: v, audience: audience(before.passengerIds) }),
      ctx,
    ).find((i) => i.templateKey === 'trip.driver_changed') as Intent;
    return [scheduled, changed].flatMap((i) => (['id', 'en'] as const).map((l) => bodyOf(i, l, found)));
  };

  it('says the LO is to follow, with no dangling dash, in every language when the trip has no LO', () => {
    const texts = driverTexts({ lo: null, passengers: [{ name: 'Ahmad' }] });
    expect(texts.map((t) => t.slice(t.indexOf('LO:')))).toEqual(['LO: menyusul.', 'LO: to be confirmed.', 'LO: menyusul.', 'LO: to be confirmed.']);
    for (const t of texts) expect(t).not.toMatch(/ -[.\s]|- *$/);
  });

  it("gives the LO's name alone when the LO has no phone, and name and phone when they have one", () => {
    expect(driverTexts({ lo: { name: 'Rina', phone: null }, passengers: [] }).map((t) => t.slice(t.indexOf('LO:')))).toEqual(Array(4).fill('LO: Rina.'));
    expect(driverTexts({ lo: { name: 'Rina', phone: '+6281311112222' }, passengers: [] }).map((t) => t.slice(t.indexOf('LO:')))).toEqual(Array(4).fill('LO: Rina +6281311112222.'));
  });
});

describe('a looked-up value that is missing', () => {
  const nobody = { lo: null, passengers: [], reporter: null };
  const v = vehicle();
  const t = trip({ vehicleId: v.id, passengerIds: [] });
  const driverIntent = () => intentsFor(event('trip.scheduled', { trip: t, vehicle: v, audience: audience([]) }), ctx).find((i) => i.templateKey === 'trip.driver') as Intent;

  it('leaves no dangling dash in any default text, in either language, when no LO, passenger or reporter is found (checked over all intents above)', () => {
    for (const intent of [...seen, driverIntent()]) {
      for (const language of ['id', 'en'] as const) {
        const text = AUTOMATIC_TEMPLATES[intent.templateKey].defaults[language];
        const rendered = render(`${text.subject ?? ''}\n${text.body}`, fillNeeds(intent, nobody), language);
        expect([intent.templateKey, language, rendered]).not.toEqual([intent.templateKey, language, expect.stringMatching(/(^|\s)-($|[\s.,;:)])/m)]);
      }
    }
  });

  it("tells a driver of a trip without passengers that it has none, in words, and counts one passenger in the singular", () => {
    const i = driverIntent();
    expect(bodyOf(i, 'id', nobody)).toBe('Tugas penjemputan Bus 3 (B 1234 XY): Sel 2 Mar 09.00 WIB, jemput di Soekarno-Hatta T3, antar ke Hotel Mulia. Tanpa penumpang. LO: menyusul.');
    expect(bodyOf(i, 'en', nobody)).toBe('Trip for Bus 3 (B 1234 XY): Tue 2 Mar 09:00 WIB, pick up at Soekarno-Hatta T3, drop at Hotel Mulia. No passengers. LO: to be confirmed.');
    const one = intentsFor(event('trip.scheduled', { trip: { ...t, passengerIds: ['p_1'] }, vehicle: v, audience: audience(['p_1']) }), ctx).find((x) => x.templateKey === 'trip.driver') as Intent;
    expect(bodyOf(one, 'en', { lo: null, passengers: [{ name: 'Ahmad' }] })).toContain('drop at Hotel Mulia. 1 passenger: Ahmad. LO:');
    expect(bodyOf(one, 'id', { lo: null, passengers: [{ name: 'Ahmad' }] })).toContain('antar ke Hotel Mulia. 1 penumpang: Ahmad. LO:');
  });

  it('names the reporter of an emergency without a phone by name alone, and an unknown reporter in words', () => {
    const out = intentsFor(event('ticket.created', { ticket: ticket({ kind: 'emergency', severity: 'critical', category: 'health' }), body: 'Tamu pingsan di lobi', by: 'p_1' }), ctx).find((i) => i.templateKey === 'ticket.emergency') as Intent;
    expect(bodyOf(out, 'en', { reporter: { name: 'Ahmad', phone: null } })).toContain('. For Ahmad. ');
    expect(bodyOf(out, 'id', { reporter: null })).toContain('. Untuk pelapor tak dikenal. ');
    expect(bodyOf(out, 'en', { reporter: null })).toContain('. For an unknown reporter. ');
  });

  it('keeps the single values organisers’ own templates use, reading as words when missing', () => {
    const vars = fillNeeds(driverIntent(), { lo: { name: 'Rina', phone: null }, passengers: [] });
    expect(render('{{passengerCount}} penumpang: {{passengerNames}}. LO Anda: {{loName}}, {{loPhone}}.', vars, 'id')).toBe('0 penumpang: tidak ada. LO Anda: Rina, tanpa nomor telepon.');
    expect(render('{{passengerCount}} passengers: {{passengerNames}}. Your LO: {{loName}}, {{loPhone}}.', vars, 'en')).toBe('0 passengers: none. Your LO: Rina, no phone number.');
  });
});

describe('fillNeeds', () => {
  it('names up to five passengers and counts the rest', () => {
    const v = vehicle();
    const t = trip({ vehicleId: v.id, passengerIds: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] });
    const driver = intentsFor(event('trip.scheduled', { trip: t, vehicle: v, audience: audience(t.passengerIds) }), ctx).find((i) => i.messageKey === 'trip.driver') as Intent;
    const vars = fillNeeds(driver, { lo: null, passengers: ['A', 'B', 'C', 'D', 'E', 'F', 'G'].map((name) => ({ name })) });
    expect(render('{{passengerCount}}: {{passengerNames}} / {{loName}} {{loPhone}}', vars, 'id')).toBe('7: A, B, C, D, E +2 lainnya / menyusul tanpa nomor telepon');
    expect(render('{{passengerNames}}', vars, 'en')).toBe('A, B, C, D, E +2 more');
    expect(render('{{passengers}}', vars, 'en')).toBe('7 passengers: A, B, C, D, E +2 more');
  });
});
