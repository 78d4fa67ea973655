// The operations service as infra deploys it and the local runtime runs it: the HTTP function of the
// export (reads only; a page may take most of the 29 s an HTTP API waits).
import path from 'node:path';
import type { ServiceDefinition } from '@liaison/kit/service';
import { routes } from './routes';

export const operationsService: ServiceDefinition = {
  name: 'operations',
  http: {
    entry: path.join(__dirname, 'handlers/http.ts'),
    routes,
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  consumers: [],
  uses: { table: 'read', publishesEvents: false },
};
