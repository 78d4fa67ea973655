// The events of logistics writes, built from the records before and after: each carries whom it
// concerns and what changed, so notifications need no lookup. Shared by handlers and the consumer.
import type { Envelope, Meeting, Stay, Trip, Vehicle } from '@liaison/contracts';
import { LOGISTICS_EVENTS } from '@liaison/contracts/logistics-events';
import { eventBuilder, type EventOrigin } from '@liaison/kit/events/envelope';
import { meetingAudience, stayAudience, stayDiff, tripAudience, tripDiff } from './domain/changes';
import { vehicleRef } from './store/records';

/** Logistics' events, checked against its own contracts only (see eventBuilder). */
export const makeEvent = eventBuilder(LOGISTICS_EVENTS);

/** trip.scheduled, .cancelled, .completed or .changed, by what the write did (a status move is never "changed"). */
export function tripEvents(o: EventOrigin, before: Trip | null, after: Trip, v: { before: Vehicle | null; after: Vehicle | null }): Envelope[] {
  if (!before) return [makeEvent('trip.scheduled', { trip: after, vehicle: vehicleRef(v.after), audience: tripAudience(after) }, o)];
  if (before.status !== after.status && after.status === 'cancelled') return [makeEvent('trip.cancelled', { trip: after, vehicle: vehicleRef(v.before), audience: tripAudience(before, after) }, o)];
  if (before.status !== after.status && after.status === 'completed') return [makeEvent('trip.completed', { trip: after, audience: tripAudience(after) }, o)];
  const d = tripDiff(before, after);
  if (d.changed.length === 0) return [];
  return [
    makeEvent(
      'trip.changed',
      {
        before,
        after,
        changed: d.changed,
        time: d.time,
        place: d.place,
        passengersAdded: d.passengersAdded,
        passengersRemoved: d.passengersRemoved,
        vehicleBefore: vehicleRef(v.before),
        vehicleAfter: vehicleRef(v.after),
        audience: tripAudience(before, after),
      },
      o,
    ),
  ];
}

export function stayEvents(o: EventOrigin, before: Stay | null, after: Stay | null): Envelope[] {
  if (!before) return [makeEvent('stay.assigned', { stay: after!, audience: stayAudience(after!) }, o)];
  if (!after) return [makeEvent('stay.ended', { stay: before, audience: stayAudience(before) }, o)];
  const d = stayDiff(before, after);
  return d.changed.length === 0 ? [] : [makeEvent('stay.changed', { before, after, ...d, audience: stayAudience(before, after) }, o)];
}

export function meetingChanged(o: EventOrigin, before: Meeting, after: Meeting, changed: string[]): Envelope {
  return makeEvent('meeting.changed', { before, after, changed, audience: meetingAudience(before, after) }, o);
}
