// The logistics service as infra deploys it and the local runtime runs it.
import path from 'node:path';
import type { ServiceDefinition } from '@liaison/kit/service';
import { routes } from './routes';

export const logisticsService: ServiceDefinition = {
  name: 'logistics',
  http: { entry: path.join(__dirname, 'handlers/http.ts'), routes, memoryMb: 1024, timeoutSeconds: 29 },
  consumers: [],
  schedules: [],
  uses: { table: 'readWrite', publishesEvents: true },
};
