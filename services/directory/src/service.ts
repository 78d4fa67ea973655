// The directory service as infra deploys it and the local runtime runs it. Grants are per function:
// the HTTP function presigns uploads, reads the uploaded file, writes its chunk files and queues them;
// the import worker reads chunk files and writes people.
import path from 'node:path';
import type { ServiceDefinition } from '@liaison/kit/service';
import { ACCOUNT_CHANGES } from './consumers/specs';
import { routes } from './routes';
import { RETENTION_SCHEDULE } from './retention/purge';
import { IMPORT_CHUNKS } from './workers/queues';

export const directoryService: ServiceDefinition = {
  name: 'directory',
  http: {
    entry: path.join(__dirname, 'handlers/http.ts'),
    routes,
    memoryMb: 1024,
    timeoutSeconds: 29,
    uses: { sendsWork: [IMPORT_CHUNKS.name], uploads: ['put', 'get'], userPool: 'admin' },
  },
  // Accounts follow their person: Cognito calls, and the table read for the person as they are now (and its dedupe claims).
  consumers: [{ ...ACCOUNT_CHANGES, entry: path.join(__dirname, 'consumers/accounts.ts'), uses: { table: 'read', publishesEvents: false, userPool: 'admin' } }],
  workQueues: [{ ...IMPORT_CHUNKS, entry: path.join(__dirname, 'workers/import-chunks.ts'), uses: { uploads: ['get', 'put'], sendsWork: [IMPORT_CHUNKS.name] } }],
  schedules: [{ name: RETENTION_SCHEDULE, entry: path.join(__dirname, 'schedules/retention.ts'), expression: 'rate(1 hour)', timeoutSeconds: 300 }],
  uses: { table: 'readWrite', publishesEvents: true },
};
