// Logistics' events: vehicles, trips, stays, meetings and programme sessions; each carries its audience.
import { contract } from './contract';
import { MeetingCancelledData, MeetingChangedData, MeetingScheduledData, SessionChangedData, StayAssignedData, StayChangedData, StayEndedData, TripCancelledData, TripChangedData, TripCompletedData, TripScheduledData, VehicleChangedData, VehicleCreatedData } from './logistics';

export const LOGISTICS_EVENTS = {
  'vehicle.created': contract({ type: 'vehicle.created', version: 1, owner: 'logistics', description: 'A vehicle joined the fleet', data: VehicleCreatedData }),
  'vehicle.changed': contract({ type: 'vehicle.changed', version: 1, owner: 'logistics', description: 'A vehicle or its driver changed', data: VehicleChangedData }),
  'trip.scheduled': contract({ type: 'trip.scheduled', version: 1, owner: 'logistics', description: 'A trip was planned', data: TripScheduledData }),
  'trip.changed': contract({ type: 'trip.changed', version: 1, owner: 'logistics', description: 'A trip changed: time, place, vehicle, LO or passengers', data: TripChangedData }),
  'trip.cancelled': contract({ type: 'trip.cancelled', version: 1, owner: 'logistics', description: 'A trip was cancelled', data: TripCancelledData }),
  'trip.completed': contract({ type: 'trip.completed', version: 1, owner: 'logistics', description: 'A trip was done', data: TripCompletedData }),
  'stay.assigned': contract({ type: 'stay.assigned', version: 1, owner: 'logistics', description: 'People were given a room', data: StayAssignedData }),
  'stay.changed': contract({ type: 'stay.changed', version: 1, owner: 'logistics', description: 'A stay changed: room, dates or guests', data: StayChangedData }),
  'stay.ended': contract({ type: 'stay.ended', version: 1, owner: 'logistics', description: 'A stay was removed', data: StayEndedData }),
  'meeting.scheduled': contract({ type: 'meeting.scheduled', version: 1, owner: 'logistics', description: 'A coordination meeting was planned', data: MeetingScheduledData }),
  'meeting.changed': contract({ type: 'meeting.changed', version: 1, owner: 'logistics', description: 'A meeting, its attendees or its minutes changed', data: MeetingChangedData }),
  'meeting.cancelled': contract({ type: 'meeting.cancelled', version: 1, owner: 'logistics', description: 'A meeting was cancelled', data: MeetingCancelledData }),
  'session.changed': contract({ type: 'session.changed', version: 1, owner: 'logistics', description: 'A programme session was added, changed or removed', data: SessionChangedData }),
} as const;
