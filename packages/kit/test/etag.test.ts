import { describe, expect, it } from '@jest/globals';
import { MalformedError, StaleVersionError } from '../src/errors';
import { assertVersion, notModified, optimistic, parseIfMatch } from '../src/http/etag';

describe('If-Match', () => {
  it.each([
    ['"3"', 3],
    ['W/"12"', 12],
    ['7', 7],
    ['*', 'any'],
    [undefined, null],
    ['', null],
  ])('reads %p', (header, version) => expect(parseIfMatch(header)).toBe(version));

  it.each(['"a"', '"1", "2"', 'W/3', '"-1"'])('refuses %p with 400', (header) => expect(() => parseIfMatch(header)).toThrow(MalformedError));

  it('is 412 when stale', () => {
    expect(() => assertVersion(4, 3)).toThrow(StaleVersionError);
    expect(() => assertVersion(4, 4)).not.toThrow();
    expect(() => assertVersion(4, 'any')).not.toThrow();
  });
});

describe('If-None-Match', () => {
  it('matches the current version only', () => {
    expect(notModified('"3"', 3)).toBe(true);
    expect(notModified('"2", W/"3"', 3)).toBe(true);
    expect(notModified('"2"', 3)).toBe(false);
    expect(notModified(undefined, 3)).toBe(false);
  });
});

describe('optimistic writes', () => {
  it('retry a lost race when the client gave no If-Match', async () => {
    let calls = 0;
    const out = await optimistic(null, async () => {
      calls += 1;
      if (calls < 3) throw new StaleVersionError(1, 2);
      return 'ok';
    });
    expect(out).toBe('ok');
    expect(calls).toBe(3);
  });

  it('give the client its 412 when it named a version', async () => {
    let calls = 0;
    await expect(
      optimistic(1, async () => {
        calls += 1;
        throw new StaleVersionError(1, 2);
      }),
    ).rejects.toThrow(StaleVersionError);
    expect(calls).toBe(1);
  });
});
