// The logistics HTTP function: every route of its table, bound to its handler.
import { callerResolver } from '@liaison/directory-read';
import { httpService } from '@liaison/kit/http/service';
import { routes } from '../routes';
import { listConflictsHandler } from './conflicts';
import { table } from './deps';
import { getItineraryHandler } from './itinerary';
import {
  cancelMeetingHandler,
  createMeetingHandler,
  createSessionHandler,
  deleteSessionHandler,
  getMeetingHandler,
  getSessionHandler,
  listMeetingsHandler,
  listSessionsHandler,
  patchActionItemHandler,
  patchMeetingHandler,
  patchSessionHandler,
  recordMinutesHandler,
} from './programme';
import { createStayHandler, deleteStayHandler, getStayHandler, listStaysHandler, patchStayHandler } from './stays';
import { cancelTripHandler, completeTripHandler, createTripHandler, getTripHandler, listTripsHandler, patchTripHandler } from './trips';
import { createVehicleHandler, getVehicleHandler, listVehiclesHandler, patchVehicleHandler } from './vehicles';

export const handler = httpService({
  service: 'logistics',
  routes,
  tableName: table,
  // Tokens of LOs and guests hold only while their person record does (at most 60 s stale).
  resolveCaller: callerResolver(table),
  handlers: {
    createVehicle: createVehicleHandler,
    listVehicles: listVehiclesHandler,
    getVehicle: getVehicleHandler,
    patchVehicle: patchVehicleHandler,
    createTrip: createTripHandler,
    listTrips: listTripsHandler,
    getTrip: getTripHandler,
    patchTrip: patchTripHandler,
    cancelTrip: cancelTripHandler,
    completeTrip: completeTripHandler,
    createStay: createStayHandler,
    listStays: listStaysHandler,
    getStay: getStayHandler,
    patchStay: patchStayHandler,
    deleteStay: deleteStayHandler,
    createSession: createSessionHandler,
    listSessions: listSessionsHandler,
    getSession: getSessionHandler,
    patchSession: patchSessionHandler,
    deleteSession: deleteSessionHandler,
    createMeeting: createMeetingHandler,
    listMeetings: listMeetingsHandler,
    getMeeting: getMeetingHandler,
    patchMeeting: patchMeetingHandler,
    cancelMeeting: cancelMeetingHandler,
    recordMinutes: recordMinutesHandler,
    patchActionItem: patchActionItemHandler,
    getItinerary: getItineraryHandler,
    listConflicts: listConflictsHandler,
  },
});
