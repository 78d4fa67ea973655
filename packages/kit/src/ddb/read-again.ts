// Read, decide, write on condition of what was read; when the condition fails because the item moved
// on (a bookings item's sequence number, a person's link counter, an index still catching up), read
// again and decide again. Not the client's fault, so not a 412: after a few tries it is a 409 "busy".
import { ConflictError } from '../errors';

/** What was read has changed (or an index lags behind the counter it should match): read again. */
export class ChangedSinceRead extends Error {
  constructor(what = 'the data changed between read and write') {
    super(what);
    this.name = 'ChangedSinceRead';
  }
}

/**
 * Runs `attempt` until it does not throw `ChangedSinceRead`, at most `attempts` times, waiting a little
 * longer each time (an index needs a moment to catch up). Then answers 409, so that the client retries.
 */
export async function readAgainOnChange<T>(attempt: () => Promise<T>, opts: { attempts?: number } = {}): Promise<T> {
  const attempts = opts.attempts ?? 6;
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (err) {
      if (!(err instanceof ChangedSinceRead)) throw err;
      if (i >= attempts) {
        throw new ConflictError('What this request depends on kept changing while it ran; try again', [{ kind: 'busy', message: err.message }]);
      }
      await new Promise((r) => setTimeout(r, Math.min(400, 10 * 2 ** i) * (0.5 + Math.random() / 2)));
    }
  }
}
