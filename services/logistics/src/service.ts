// The logistics service as infra deploys it and the local runtime runs it: its HTTP function and the
// consumer of the directory's person events.
import path from 'node:path';
import type { ServiceDefinition } from '@liaison/kit/service';
import { PERSON_CHANGES, PURGE } from './consumers/specs';
import { routes } from './routes';

export const logisticsService: ServiceDefinition = {
  name: 'logistics',
  http: { entry: path.join(__dirname, 'handlers/http.ts'), routes, memoryMb: 1024, timeoutSeconds: 29 },
  consumers: [
    { ...PERSON_CHANGES, entry: path.join(__dirname, 'consumers/person-changes.ts') },
    { ...PURGE, entry: path.join(__dirname, 'consumers/purge.ts') },
  ],
  schedules: [],
  uses: { table: 'readWrite', publishesEvents: true },
};
