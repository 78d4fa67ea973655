// How int-setup hands the provisioned stack copies to the jest workers: one JSON variable, keyed by
// JEST_WORKER_ID. No AWS or jest imports here: int-env.ts reads it before anything else loads.
import type { ProvisionedStack } from '@liaison/local';

export const INT_STACKS_ENV = 'LIAISON_INT_STACKS';

export function intPrefix(worker: number): string {
  return `int-w${worker}-`;
}

/** This worker's copy of the stack, or null when int-setup could not synthesize the stack. */
export function workerStack(env: NodeJS.ProcessEnv = process.env): ProvisionedStack | null {
  const raw = env[INT_STACKS_ENV];
  if (raw === undefined) throw new Error(`${INT_STACKS_ENV} is not set: run int tests through jest's int project (its globalSetup is test/support/int-setup.ts)`);
  const stacks = JSON.parse(raw) as Record<string, ProvisionedStack>;
  if (Object.keys(stacks).length === 0) return null;
  const worker = env.JEST_WORKER_ID ?? '1';
  const stack = stacks[worker];
  if (!stack) throw new Error(`no stack copy for jest worker ${worker}; int-setup made ${Object.keys(stacks).length}`);
  return stack;
}
