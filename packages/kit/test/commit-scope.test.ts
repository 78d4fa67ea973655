import { describe, expect, it } from '@jest/globals';
import { CommitMark, currentCommitMark, withCommitMark } from '../src/ddb/commit-scope';

const item = { Update: { TableName: 't', Key: { pk: 'IDEMPOTENCY#x', sk: 'IDEMPOTENCY' }, UpdateExpression: 'SET committed = :t' } };

describe('the commit mark of a request', () => {
  it('rides with one transaction at a time until one commits, then with none', () => {
    const mark = new CommitMark(item);
    expect(mark.take(3)).toBe(item);
    expect(mark.take(3)).toBeNull(); // a parallel transaction goes without: two would conflict on the key item
    mark.settle(true, false); // the carrier failed: the next one carries it
    expect(mark.committed).toBe(false);
    expect(mark.take(3)).toBe(item);
    mark.settle(true, true);
    expect(mark).toMatchObject({ committed: true, wrote: true });
    expect(mark.take(3)).toBeNull();
  });

  it('counts a write committed without it, and leaves no room in a full transaction', () => {
    const mark = new CommitMark(item);
    expect(mark.take(100)).toBeNull();
    mark.settle(false, true);
    expect(mark).toMatchObject({ committed: false, wrote: true });
  });

  it('is seen by code running inside the scope only', async () => {
    const mark = new CommitMark(item);
    expect(await withCommitMark(mark, async () => currentCommitMark())).toBe(mark);
    expect(currentCommitMark()).toBeUndefined();
  });
});
