import { describe, expect, it } from '@jest/globals';
import * as z from 'zod/mini';
import type { $ZodError } from 'zod/v4/core';
import { ConflictError, NotFoundError, ValidationError } from '../src/errors';
import { problemResponse, toProblem } from '../src/http/problem';
import { fieldErrors, parseOrThrow } from '../src/http/validate';

describe('problem+json', () => {
  it('names each bad field of a 422', () => {
    const res = problemResponse(new ValidationError([{ path: 'phone', message: 'must be E.164' }]));
    expect(res.statusCode).toBe(422);
    expect(res.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(res.body))).toMatchObject({ status: 422, title: 'Validation failed', errors: [{ path: 'phone', message: 'must be E.164' }] });
  });

  it('lists clashes of a 409', () => {
    const p = toProblem(new ConflictError('taken', [{ kind: 'duplicate', path: 'email', message: 'taken', refs: ['per_1'] }]));
    expect(p).toMatchObject({ status: 409, clashes: [{ kind: 'duplicate', refs: ['per_1'] }], errors: [{ path: 'email' }] });
  });

  it('hides the details of unexpected errors behind a 500', () => {
    const writes: string[] = [];
    const orig = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((s: string) => (writes.push(s), true)) as typeof process.stderr.write;
    try {
      const p = toProblem(new Error('secret table name'));
      expect(p.status).toBe(500);
      expect(JSON.stringify(p)).not.toContain('secret');
    } finally {
      process.stderr.write = orig;
    }
    expect(writes.join('')).toContain('secret table name');
  });

  it('maps a 404', () => expect(toProblem(new NotFoundError('person', 'per_1')).detail).toBe('person per_1 not found'));
});

describe('zod issues', () => {
  const S = z.strictObject({ name: z.string().check(z.minLength(1)), arrival: z.optional(z.strictObject({ at: z.string() })) });

  it('name nested paths, unknown and missing fields', () => {
    const r = S.safeParse({ arrival: { at: 1 }, nmae: 'x' });
    expect(r.success).toBe(false);
    const errors = fieldErrors((r as { error: $ZodError }).error, [], { arrival: { at: 1 }, nmae: 'x' });
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: 'is required' },
        { path: 'nmae', message: 'is not a known field' },
        { path: 'arrival.at', message: 'must be a string' },
      ]),
    );
  });

  it('throw a ValidationError', () => expect(() => parseOrThrow(S, {})).toThrow(ValidationError));
});

describe('clashes with records the caller may not learn of', () => {
  const taken = () =>
    new ConflictError('this email is already used by per_vip', [
      { kind: 'duplicate', path: 'email', message: 'this email is already used by per_vip', refs: ['per_vip'], forOthers: 'this email is already used' },
    ]);

  it('name the other record to organisers', () => {
    const p = toProblem(taken(), 'r1', { role: 'organizer' });
    expect(p.clashes).toEqual([{ kind: 'duplicate', path: 'email', message: 'this email is already used by per_vip', refs: ['per_vip'] }]);
  });

  it.each(['lo', 'guest'])('never name it to a %s, in refs, message or detail', (role) => {
    const p = toProblem(taken(), 'r1', { role });
    expect(p).toMatchObject({ status: 409, clashes: [{ kind: 'duplicate', path: 'email', message: 'this email is already used' }], errors: [{ path: 'email' }] });
    expect(JSON.stringify(p)).not.toContain('per_vip');
  });
});
