// The logistics HTTP function: every route of its table, bound to its handler, loaded with the first request that needs it (`lazy`).
import { callerResolver } from '@liaison/directory-read';
import { httpService, lazy } from '@liaison/kit/http/service';
import { routes } from '../routes';
import { table } from './deps';

export const handler = httpService({
  service: 'logistics',
  routes,
  tableName: table,
  // Tokens of LOs and guests hold only while their person record does (at most 60 s stale).
  resolveCaller: callerResolver(table),
  handlers: {
    createVehicle: lazy(() => import('./vehicles').then((m) => m.createVehicleHandler)),
    listVehicles: lazy(() => import('./vehicles').then((m) => m.listVehiclesHandler)),
    getVehicle: lazy(() => import('./vehicles').then((m) => m.getVehicleHandler)),
    patchVehicle: lazy(() => import('./vehicles').then((m) => m.patchVehicleHandler)),
    createTrip: lazy(() => import('./trips').then((m) => m.createTripHandler)),
    listTrips: lazy(() => import('./trips').then((m) => m.listTripsHandler)),
    getTrip: lazy(() => import('./trips').then((m) => m.getTripHandler)),
    patchTrip: lazy(() => import('./trips').then((m) => m.patchTripHandler)),
    cancelTrip: lazy<typeof routes.cancelTrip>(() => import('./trips').then((m) => m.cancelTripHandler)),
    completeTrip: lazy<typeof routes.completeTrip>(() => import('./trips').then((m) => m.completeTripHandler)),
    createStay: lazy(() => import('./stays').then((m) => m.createStayHandler)),
    listStays: lazy(() => import('./stays').then((m) => m.listStaysHandler)),
    getStay: lazy(() => import('./stays').then((m) => m.getStayHandler)),
    patchStay: lazy(() => import('./stays').then((m) => m.patchStayHandler)),
    deleteStay: lazy(() => import('./stays').then((m) => m.deleteStayHandler)),
    createSession: lazy(() => import('./programme').then((m) => m.createSessionHandler)),
    listSessions: lazy(() => import('./programme').then((m) => m.listSessionsHandler)),
    getSession: lazy(() => import('./programme').then((m) => m.getSessionHandler)),
    patchSession: lazy(() => import('./programme').then((m) => m.patchSessionHandler)),
    deleteSession: lazy(() => import('./programme').then((m) => m.deleteSessionHandler)),
    createMeeting: lazy(() => import('./programme').then((m) => m.createMeetingHandler)),
    listMeetings: lazy(() => import('./programme').then((m) => m.listMeetingsHandler)),
    getMeeting: lazy(() => import('./programme').then((m) => m.getMeetingHandler)),
    patchMeeting: lazy(() => import('./programme').then((m) => m.patchMeetingHandler)),
    cancelMeeting: lazy(() => import('./programme').then((m) => m.cancelMeetingHandler)),
    recordMinutes: lazy(() => import('./programme').then((m) => m.recordMinutesHandler)),
    patchActionItem: lazy(() => import('./programme').then((m) => m.patchActionItemHandler)),
    getItinerary: lazy(() => import('./itinerary').then((m) => m.getItineraryHandler)),
    listConflicts: lazy(() => import('./conflicts').then((m) => m.listConflictsHandler)),
  },
});
