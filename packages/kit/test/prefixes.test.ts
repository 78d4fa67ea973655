import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ownerOf, prefixClashes } from '../src/ddb/prefixes';
import { claimPrefix } from '../src/events/consumer';
import { outboxEntry } from '../src/events/outbox';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the key prefix registry', () => {
  it('gives every prefix one owner: none claims what another claims or begins', () => {
    expect(prefixClashes()).toEqual([]);
  });

  it('finds two owners claiming the same prefix, or one inside the other', () => {
    expect(prefixClashes({ a: ['TRIP#'], b: ['TRIP#'] })).toHaveLength(1);
    expect(prefixClashes({ a: ['PERSON#'], b: ['PERSON#X#'] })).toEqual([{ a: { owner: 'a', prefix: 'PERSON#' }, b: { owner: 'b', prefix: 'PERSON#X#' } }]);
    expect(prefixClashes({ a: ['EVENT'], b: ['EVENTS#'] })).toHaveLength(1);
    expect(prefixClashes({ a: ['TRIP#', 'TRIPS'], b: ['STAY#'] })).toEqual([]);
  });

  it('owns every partition the kit writes under', () => {
    const event = { id: 'evt_1', type: 'party.created', version: 1, occurredAt: '2027-01-01T00:00:00.000Z', source: 's', correlationId: 'c', data: {} } as never;
    const { put, entry } = outboxEntry('t', [event]);
    expect(ownerOf(entry.key.pk)).toBe('kit');
    expect(ownerOf((put.Put?.Item as { gsi1pk: string }).gsi1pk)).toBe('kit');
    expect(ownerOf(claimPrefix('logistics.person-events'))).toBe('kit');
    // Keys built inline: every literal `pk:` / `gsiNpk:` value in the kit's sources.
    const literal = /\b(?:pk|gsi\dpk)\s*:\s*[`'"]([A-Z][A-Z#_]*)/g;
    // (The export registry names every owner's partitions to read them; it writes none.)
    const writers = sources(path.join(__dirname, '../src')).filter((f) => !f.endsWith(`${path.sep}export-registry.ts`));
    const found = writers.flatMap((f) => [...readFileSync(f, 'utf8').matchAll(literal)].map((m) => m[1] as string));
    expect(found.length).toBeGreaterThan(0);
    for (const p of found) expect([p, ownerOf(p)]).toEqual([p, 'kit']);
  });
});
