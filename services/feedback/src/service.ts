// The feedback service as infra deploys it and the local runtime runs it: the HTTP function and
// the escalation schedule (every minute).
import path from 'node:path';
import type { ServiceDefinition } from '@liaison/kit/service';
import { PURGE } from './consumers/specs';
import { routes } from './routes';

export const ESCALATION_SCHEDULE = 'ticket-escalation';

export const feedbackService: ServiceDefinition = {
  name: 'feedback',
  http: {
    entry: path.join(__dirname, 'handlers/http.ts'),
    routes,
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  // The retention purge changes tickets and ratings in place and publishes nothing.
  consumers: [{ ...PURGE, entry: path.join(__dirname, 'consumers/purge.ts'), uses: { publishesEvents: false } }],
  schedules: [{ name: ESCALATION_SCHEDULE, entry: path.join(__dirname, 'schedules/escalation.ts'), expression: 'rate(1 minute)', timeoutSeconds: 50 }],
  uses: { table: 'readWrite', publishesEvents: true },
};
