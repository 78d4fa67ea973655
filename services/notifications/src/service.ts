// The notifications service as infra deploys it and the local runtime runs it. Each part adds its
// line here as it lands: the HTTP function (broadcasts, the delivery log, templates), the consumer of
// every service's events (automatic messages), the work queues (broadcast fan-out, sends) and the
// schedules (deferred sends after quiet hours, pick-up reminders, coalesced digests).
import path from 'node:path';
import type { ServiceDefinition } from '@liaison/kit/service';

export const notificationsService: ServiceDefinition = {
  name: 'notifications',
  consumers: [],
  workQueues: [],
  schedules: [],
  uses: { table: 'readWrite', publishesEvents: false, sendsSms: true, sendsEmail: true },
};

/** Where this service's function modules are. */
export const here = (file: string): string => path.join(__dirname, file);
