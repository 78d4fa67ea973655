// The directory service as infra deploys it and the local runtime runs it. Grants are per function:
// the HTTP function presigns uploads, reads the uploaded file, writes its chunk files and queues them;
// the import worker reads chunk files and writes people.
import path from 'node:path';
import type { ServiceDefinition } from '@liaison/kit/service';
import { routes } from './routes';
import { IMPORT_CHUNKS } from './workers/queues';

export const directoryService: ServiceDefinition = {
  name: 'directory',
  http: {
    entry: path.join(__dirname, 'handlers/http.ts'),
    routes,
    memoryMb: 1024,
    timeoutSeconds: 29,
    uses: { sendsWork: [IMPORT_CHUNKS.name], uploads: ['put', 'get'] },
  },
  consumers: [],
  workQueues: [{ ...IMPORT_CHUNKS, entry: path.join(__dirname, 'workers/import-chunks.ts'), uses: { uploads: ['get'] } }],
  schedules: [],
  uses: { table: 'readWrite', publishesEvents: true },
};
