// Every partition the directory writes under is one of its registered prefixes
// (@liaison/kit/ddb/prefixes), so no other service can claim it by accident.
import { describe, expect, it } from '@jest/globals';
import { readKeys, readPartitions } from '@liaison/directory-read/keys';
import { ownerOf } from '@liaison/kit/ddb/prefixes';
import { derivedKeys, searchIndex } from '../src/store/derived-keys';
import { importKeys } from '../src/store/import-jobs';
import { keys, partitions } from '../src/store/keys';

/** The partition value each builder makes (keys give their pk; partitions are values). */
function partitionsOf(builders: Record<string, unknown>): [string, string][] {
  return Object.entries(builders).map(([name, b]) => {
    const made = typeof b === 'function' ? (b as (...args: string[]) => unknown)('x1', 'y2') : b;
    return [name, typeof made === 'string' ? made : (made as { pk: string }).pk];
  });
}

describe("the directory's keys", () => {
  it('all start with a prefix the directory owns', () => {
    const made = [
      ...partitionsOf(keys),
      ...partitionsOf(partitions),
      ...partitionsOf(readKeys),
      ...partitionsOf(readPartitions),
      ...partitionsOf(derivedKeys),
      ...partitionsOf(importKeys),
      ['searchIndex.partition', searchIndex.partition('budi')] as [string, string],
    ];
    expect(made.length).toBeGreaterThan(20);
    for (const [name, partition] of made) expect({ name, owner: ownerOf(partition) }).toEqual({ name, owner: 'directory' });
  });
});
