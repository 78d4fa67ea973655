// One person's itinerary: their trips, stays, the sessions of their party and the meetings they
// attend, in time order, with times rendered in the event's time zone.
import type { Meeting, Session, Stay, Trip } from '@liaison/contracts';
import { atLocal, inZone } from './time';

/** A hotel's usual hours, local time: a stay starts at check-in on its first day and ends at check-out on its last. */
export const CHECK_IN_TIME = '14:00';
export const CHECK_OUT_TIME = '12:00';

export type ItineraryTrip = Pick<Trip, 'id' | 'kind' | 'from' | 'to' | 'departAt' | 'arriveBy' | 'vehicleId' | 'loId' | 'passengerIds' | 'status'>;
export type ItineraryStay = Pick<Stay, 'id' | 'hotel' | 'room' | 'personIds' | 'checkIn' | 'checkOut'>;
export type ItinerarySession = Pick<Session, 'id' | 'title' | 'startsAt' | 'endsAt' | 'venue' | 'attendeePartyIds'>;
export type ItineraryMeeting = Pick<Meeting, 'id' | 'title' | 'startsAt' | 'endsAt' | 'location' | 'attendeePartyIds' | 'attendeeIds' | 'status'>;

interface Base {
  id: string;
  title: string;
  /** Local time in the event's zone with its offset. */
  startsAt: string;
  endsAt: string;
}

export type ItineraryItem =
  | (Base & { kind: 'trip'; tripKind: Trip['kind']; from: string; to: string; vehicleId: string | null; status: Trip['status']; role: 'passenger' | 'lo' })
  | (Base & { kind: 'stay'; hotel: string; room: string; checkIn: string; checkOut: string })
  | (Base & { kind: 'session'; venue: string })
  | (Base & { kind: 'meeting'; location: string });

export interface ItineraryInput {
  person: { id: string; partyId: string | null };
  trips: readonly ItineraryTrip[];
  stays: readonly ItineraryStay[];
  sessions: readonly ItinerarySession[];
  meetings: readonly ItineraryMeeting[];
  timeZone: string;
}

const TRIP_TITLES: Record<Trip['kind'], string> = { pickup: 'Pick-up', transfer: 'Transfer', departure: 'Departure' };
const KIND_ORDER: Record<ItineraryItem['kind'], number> = { stay: 0, trip: 1, session: 2, meeting: 3 };

/**
 * The person's plan in time order (ties: earlier end first, then stay, trip, session, meeting, then
 * id). Cancelled trips and meetings are left out; a trip counts when they ride it or lead it as LO;
 * a session counts through their party; a meeting directly or through their party.
 */
export function itinerary(input: ItineraryInput): ItineraryItem[] {
  const { person, timeZone: tz } = input;
  const inParty = (partyIds: readonly string[]) => person.partyId !== null && partyIds.includes(person.partyId);
  const at = (iso: string) => Date.parse(iso);
  const rows: { start: number; end: number; item: ItineraryItem }[] = [];

  for (const t of input.trips) {
    const rides = t.passengerIds.includes(person.id);
    if (t.status === 'cancelled' || (!rides && t.loId !== person.id)) continue;
    const [start, end] = [at(t.departAt), at(t.arriveBy)];
    rows.push({
      start,
      end,
      item: {
        kind: 'trip',
        id: t.id,
        title: `${TRIP_TITLES[t.kind]}: ${t.from} → ${t.to}`,
        startsAt: inZone(start, tz),
        endsAt: inZone(end, tz),
        tripKind: t.kind,
        from: t.from,
        to: t.to,
        vehicleId: t.vehicleId,
        status: t.status,
        role: rides ? 'passenger' : 'lo',
      },
    });
  }
  for (const s of input.stays) {
    if (!s.personIds.includes(person.id)) continue;
    const [start, end] = [atLocal(s.checkIn, CHECK_IN_TIME, tz), atLocal(s.checkOut, CHECK_OUT_TIME, tz)];
    rows.push({
      start,
      end,
      item: { kind: 'stay', id: s.id, title: `${s.hotel}, room ${s.room}`, startsAt: inZone(start, tz), endsAt: inZone(end, tz), hotel: s.hotel, room: s.room, checkIn: s.checkIn, checkOut: s.checkOut },
    });
  }
  for (const s of input.sessions) {
    if (!inParty(s.attendeePartyIds)) continue;
    const [start, end] = [at(s.startsAt), at(s.endsAt)];
    rows.push({ start, end, item: { kind: 'session', id: s.id, title: s.title, startsAt: inZone(start, tz), endsAt: inZone(end, tz), venue: s.venue } });
  }
  for (const m of input.meetings) {
    if (m.status === 'cancelled' || !(m.attendeeIds.includes(person.id) || inParty(m.attendeePartyIds))) continue;
    const [start, end] = [at(m.startsAt), at(m.endsAt)];
    rows.push({ start, end, item: { kind: 'meeting', id: m.id, title: m.title, startsAt: inZone(start, tz), endsAt: inZone(end, tz), location: m.location } });
  }

  rows.sort(
    (a, b) =>
      a.start - b.start ||
      a.end - b.end ||
      KIND_ORDER[a.item.kind] - KIND_ORDER[b.item.kind] ||
      (a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0),
  );
  return rows.map((r) => r.item);
}
