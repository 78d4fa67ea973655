// Global teardown of the `int` and `e2e` projects: stops what the setups started (the runtime child,
// then the emulators), once, whichever project's teardown runs first; emulators named by the
// environment are someone else's and stay up.
import type { ChildProcess } from 'node:child_process';
import { harness } from './harness';

/** Signals the process group the child leads (e2e-setup starts it detached): the shim and the nodes under it. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-child.pid!, signal);
    return true;
  } catch {
    return false; // no process left in the group
  }
}

/** SIGTERM to the group, then waits until every process in it has gone; SIGKILL after the grace time. */
async function stopGroup(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (!signalGroup(child, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (signalGroup(child, 0)) {
    if (Date.now() > deadline) {
      signalGroup(child, 'SIGKILL');
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export default async function teardown(): Promise<void> {
  const h = harness();
  const { runtime, emulators } = h;
  h.runtime = undefined;
  h.emulators = undefined;
  if (runtime) await stopGroup(runtime);
  if (emulators) await emulators.stop();
}
