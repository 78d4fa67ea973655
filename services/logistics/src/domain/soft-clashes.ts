// Soft clashes of one guest: an arrival with no pick-up, a night of their stay with no room, a
// departure with no departure trip. Listed in `GET /conflicts`, never a reason to refuse a write.
import { staySpan, type ClashContext, type PlanClash, type PlanStay, type PlanTrip } from './clashes';
import { dateOfDay, dayNumber, localDate, shortLocal } from './time';

export interface PlanPerson {
  id: string;
  arrival: { at: string } | null;
  departure: { at: string } | null;
}

const HOUR = 3_600_000;
/** A pick-up counts for an arrival when it leaves from 3 h before the landing to 12 h after it. */
export const PICKUP_WINDOW = { beforeMs: 3 * HOUR, afterMs: 12 * HOUR };
/** A departure trip counts when it reaches the airport within the 12 h before the flight. */
export const DEPARTURE_WINDOW = { beforeMs: 12 * HOUR };

function carries(t: PlanTrip, personId: string, kind: PlanTrip['kind']): boolean {
  return t.status !== 'cancelled' && t.kind === kind && t.passengerIds.includes(personId);
}

/**
 * What is missing from one guest's plan: a pick-up for their arrival, a room for each night from
 * the arrival's local date to the departure's (the arrival night only, without a departure), and a
 * departure trip. `trips` and `stays` are that person's.
 */
export function personSoftClashes(person: PlanPerson, trips: readonly PlanTrip[], stays: readonly PlanStay[], ctx: ClashContext): PlanClash[] {
  const out: PlanClash[] = [];
  const base = { severity: 'soft' as const, scope: `person:${person.id}`, personIds: [person.id] };
  if (person.arrival) {
    const at = Date.parse(person.arrival.at);
    const covered = trips.some((t) => {
      const dep = Date.parse(t.departAt);
      return carries(t, person.id, 'pickup') && dep >= at - PICKUP_WINDOW.beforeMs && dep <= at + PICKUP_WINDOW.afterMs;
    });
    if (!covered) {
      out.push({
        ...base,
        kind: 'missing_pickup',
        message: `person ${person.id} arrives at ${shortLocal(at, ctx.timeZone)} and no pick-up carries them`,
        refs: [person.id],
        dates: [localDate(at, ctx.timeZone)],
      });
    }
  }
  if (person.departure) {
    const at = Date.parse(person.departure.at);
    const covered = trips.some((t) => {
      const arr = Date.parse(t.arriveBy);
      return carries(t, person.id, 'departure') && arr <= at && arr >= at - DEPARTURE_WINDOW.beforeMs;
    });
    if (!covered) {
      out.push({
        ...base,
        kind: 'missing_departure',
        message: `person ${person.id} leaves at ${shortLocal(at, ctx.timeZone)} and no departure trip takes them`,
        refs: [person.id],
        dates: [localDate(at, ctx.timeZone)],
      });
    }
  }
  for (const nights of missingNights(person, stays, ctx)) {
    out.push({
      ...base,
      kind: 'missing_room',
      message: `person ${person.id} has no room for the night of ${nights[0]}${nights.length > 1 ? ` and ${nights.length - 1} more` : ''}`,
      refs: [person.id],
      dates: nights,
    });
  }
  return out;
}

/** Runs of consecutive nights of the person's stay that no stay of theirs covers. */
function missingNights(person: PlanPerson, stays: readonly PlanStay[], ctx: ClashContext): string[][] {
  if (!person.arrival) return [];
  const first = dayNumber(localDate(Date.parse(person.arrival.at), ctx.timeZone));
  const end = person.departure ? dayNumber(localDate(Date.parse(person.departure.at), ctx.timeZone)) : first + 1;
  const mine = stays.filter((s) => s.personIds.includes(person.id)).map(staySpan);
  const runs: string[][] = [];
  let run: string[] = [];
  for (let d = first; d < end; d++) {
    if (mine.some((s) => s.start <= d && d < s.end)) {
      if (run.length) runs.push(run);
      run = [];
    } else run.push(dateOfDay(d));
  }
  if (run.length) runs.push(run);
  return runs;
}
