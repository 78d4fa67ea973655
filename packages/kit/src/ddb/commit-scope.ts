// A request's mark that rides along with its first committed transaction. The Idempotency-Key of a
// creating POST is marked `committed` in the same transaction as the write itself, so "the write
// happened" and "the key says so" cannot part: a retry after that never writes again, even when
// recording the answer fails. Carried in AsyncLocalStorage so that store code need not pass it on.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { TransactItem } from './table';

export class CommitMark {
  private done = false;
  constructor(readonly item: TransactItem) {}

  /** True once a transaction carrying the mark has committed. */
  get committed(): boolean {
    return this.done;
  }

  /** The item to add to a transaction of `size` items, or null once committed (or no room is left). */
  riderFor(size: number): TransactItem | null {
    return this.done || size >= 100 ? null : this.item;
  }

  markCommitted(): void {
    this.done = true;
  }
}

const storage = new AsyncLocalStorage<CommitMark>();

export function withCommitMark<T>(mark: CommitMark | undefined, fn: () => Promise<T>): Promise<T> {
  return mark ? storage.run(mark, fn) : fn();
}

export function currentCommitMark(): CommitMark | undefined {
  return storage.getStore();
}
