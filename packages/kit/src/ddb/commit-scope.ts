// A request's mark that rides along with its first committed transaction. The Idempotency-Key of a
// creating POST is marked `committed` in the same transaction as the write itself, so "the write
// happened" and "the key says so" cannot part: a retry after that never writes again, even when
// recording the answer fails. Carried in AsyncLocalStorage so that store code need not pass it on.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TransactItem } from './table';

export class CommitMark {
  private done = false;
  private inFlight = false;
  private wroteAny = false;
  constructor(readonly item: TransactItem) {}

  /** True once a transaction carrying the mark has committed: the key itself says so. */
  get committed(): boolean {
    return this.done;
  }

  /**
   * True once any transaction of the request committed, with or without the mark (parallel
   * transactions, as imports run them, carry it one at a time: two would conflict on the key item).
   */
  get wrote(): boolean {
    return this.wroteAny;
  }

  /** The item to add to a transaction of `size` items; null once committed, while another carries it, or when no room is left. */
  take(size: number): TransactItem | null {
    if (this.done || this.inFlight || size >= 100) return null;
    this.inFlight = true;
    return this.item;
  }

  /** After a transaction ends: `carried` whether it had the mark, `ok` whether it committed. */
  settle(carried: boolean, ok: boolean): void {
    if (carried) this.inFlight = false;
    if (ok) this.wroteAny = true;
    if (carried && ok) this.done = true;
  }
}

const storage = new AsyncLocalStorage<CommitMark>();

export function withCommitMark<T>(mark: CommitMark | undefined, fn: () => Promise<T>): Promise<T> {
  return mark ? storage.run(mark, fn) : fn();
}

export function currentCommitMark(): CommitMark | undefined {
  return storage.getStore();
}
