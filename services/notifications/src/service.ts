// The notifications service as infra deploys it and the local runtime runs it. Each part adds its
// line here as it lands: the HTTP function (broadcasts, the delivery log, templates), the consumer of
// every service's events (automatic messages), the work queues (broadcast fan-out, sends) and the
// schedules (deferred sends after quiet hours, pick-up reminders, coalesced digests, queued broadcasts).
import path from 'node:path';
import type { ServiceDefinition } from '@liaison/kit/service';
import { sendsQueue } from './workers/sends-queue';
import { AUTOMATIC, PURGE } from './consumers/specs';
import { routes } from './routes';
import { BROADCAST_FANOUT } from './workers/fanout-queue';

export const notificationsService: ServiceDefinition = {
  name: 'notifications',
  // Broadcasts, the delivery log, templates: the table, and the fan-out queue for new broadcasts; never SMS or email.
  http: {
    entry: path.join(__dirname, 'handlers/http.ts'),
    routes,
    memoryMb: 1024,
    timeoutSeconds: 29,
    uses: { sendsSms: false, sendsEmail: false, sendsWork: [BROADCAST_FANOUT.name] },
  },
  // Automatic messages from every service's events (and the trip and stay projection they need).
  consumers: [
    { ...AUTOMATIC, entry: path.join(__dirname, 'consumers/automatic.ts'), uses: { sendsWork: ['sends'] } },
    // The retention purge of the delivery log: the table only.
    { ...PURGE, entry: path.join(__dirname, 'consumers/purge.ts'), uses: { sendsSms: false, sendsEmail: false } },
  ],
  workQueues: [
    // The only sender of SMS and email for broadcasts and handed-over requests; hands a message back to itself when short of time.
    { ...sendsQueue, entry: path.join(__dirname, 'workers/sends.ts'), uses: { sendsWork: [sendsQueue.name] } },
    // The fan-out reads the audience and queues chunks of people to `sends` (and hands itself over when short of time).
    { ...BROADCAST_FANOUT, entry: path.join(__dirname, 'workers/fanout.ts'), uses: { sendsSms: false, sendsEmail: false, sendsWork: [BROADCAST_FANOUT.name, sendsQueue.name] } },
  ],
  schedules: [
    // Deferred deliveries whose quiet hours are over; abandoned claims end as failed 'outcome unknown'.
    { name: 'deferred-sends', entry: path.join(__dirname, 'schedules/deferred.ts'), expression: 'rate(1 minute)', timeoutSeconds: 60 },
    // Pick-up reminders whose time has come (the trip projection's index of due reminders).
    { name: 'pickup-reminders', entry: path.join(__dirname, 'schedules/reminders.ts'), expression: 'rate(1 minute)', timeoutSeconds: 60 },
    // Coalesced messages whose window has closed, sent as one with the final state.
    { name: 'held-digests', entry: path.join(__dirname, 'schedules/digests.ts'), expression: 'rate(1 minute)', timeoutSeconds: 60 },
    // Broadcasts still queued a minute after POST (its hand-over to the fan-out failed): handed over again. Never SMS or email.
    {
      name: 'queued-broadcasts',
      entry: path.join(__dirname, 'schedules/queued-broadcasts.ts'),
      expression: 'rate(1 minute)',
      timeoutSeconds: 60,
      uses: { sendsSms: false, sendsEmail: false, sendsWork: [BROADCAST_FANOUT.name] },
    },
  ],
  uses: { table: 'readWrite', publishesEvents: false, sendsSms: true, sendsEmail: true },
};

/** Where this service's function modules are. */
export const here = (file: string): string => path.join(__dirname, file);
