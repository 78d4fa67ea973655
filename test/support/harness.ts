// What the jest global setups share in the main jest process: the emulators (started once, or taken
// from LIAISON_DYNAMODB_ENDPOINT / LIAISON_AWS_ENDPOINT) and the local runtime child, for teardown.
import type { ChildProcess } from 'node:child_process';
import { ENDPOINT_ENV, endpointsFromEnv, startEmulators, type Emulators, type Endpoints } from '@liaison/local';

export interface Harness {
  /** Emulators this jest run started (not ones it was pointed at). */
  emulators?: Emulators;
  endpoints?: Endpoints;
  /** The `tsx packages/local/src/cli.ts` child of the e2e setup. */
  runtime?: ChildProcess;
}

const KEY = '__LIAISON_HARNESS__';

export function harness(): Harness {
  const g = globalThis as unknown as Record<string, Harness | undefined>;
  g[KEY] ??= {};
  return g[KEY];
}

/** The emulators for this jest run: already running, named by the environment, or started now. */
export async function ensureEmulators(): Promise<Endpoints> {
  const h = harness();
  if (h.endpoints) return h.endpoints;
  const given = endpointsFromEnv();
  const emulators = await startEmulators({ endpoints: given });
  if (emulators.started.dynamodb || emulators.started.aws) h.emulators = emulators;
  h.endpoints = emulators.endpoints;
  // Workers and children inherit these, and a later setup in this process reuses them.
  process.env[ENDPOINT_ENV.dynamodb] = emulators.endpoints.dynamodb;
  process.env[ENDPOINT_ENV.aws] = emulators.endpoints.aws;
  return emulators.endpoints;
}
