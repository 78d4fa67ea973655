// Global teardown of the `int` and `e2e` projects: stops what the setups started (the runtime child,
// then the emulators), once, whichever project's teardown runs first; emulators named by the
// environment are someone else's and stay up.
import type { ChildProcess } from 'node:child_process';
import { harness } from './harness';

function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export default async function teardown(): Promise<void> {
  const h = harness();
  const { runtime, emulators } = h;
  h.runtime = undefined;
  h.emulators = undefined;
  if (runtime) await stopChild(runtime);
  if (emulators) await emulators.stop();
}
