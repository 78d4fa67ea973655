import { describe, expect, it } from '@jest/globals';
import * as z from 'zod/mini';
import { MalformedError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../src/errors';
import { MAX_JSON_DEPTH, nestingDepth, readBody } from '../src/http/body';

const json = { body: z.unknown() };
const both = { body: z.unknown(), accepts: ['application/json', 'text/csv'] as const };

describe('request bodies', () => {
  it('parses JSON', () => {
    expect(readBody({ body: '{"a":1}', headers: { 'content-type': 'application/json; charset=utf-8' } }, json)).toMatchObject({ kind: 'json', value: { a: 1 } });
  });

  it('takes +json media types such as merge-patch', () => {
    expect(readBody({ body: '{}', headers: { 'content-type': 'application/merge-patch+json' } }, json).kind).toBe('json');
  });

  it('decodes base64 bodies', () => {
    expect(readBody({ body: Buffer.from('{"a":2}').toString('base64'), isBase64Encoded: true, headers: { 'content-type': 'application/json' } }, json)).toMatchObject({ value: { a: 2 } });
  });

  it('answers 400 to malformed JSON', () => {
    expect(() => readBody({ body: '{"a":', headers: { 'content-type': 'application/json' } }, json)).toThrow(MalformedError);
  });

  it('answers 400 to a missing body', () => {
    expect(() => readBody({ headers: {} }, json)).toThrow(MalformedError);
  });

  it('answers 415 to other content types and charsets', () => {
    expect(() => readBody({ body: 'a', headers: { 'content-type': 'text/plain' } }, json)).toThrow(UnsupportedMediaTypeError);
    expect(() => readBody({ body: '{}', headers: { 'content-type': 'application/json; charset=latin1' } }, json)).toThrow(UnsupportedMediaTypeError);
    expect(() => readBody({ body: 'a,b', headers: { 'content-type': 'text/csv' } }, json)).toThrow(UnsupportedMediaTypeError);
  });

  it('answers 413 over 256 KB', () => {
    const big = JSON.stringify({ s: 'x'.repeat(256 * 1024) });
    expect(() => readBody({ body: big, headers: { 'content-type': 'application/json' } }, json)).toThrow(PayloadTooLargeError);
  });

  it('hands CSV over as text without the BOM', () => {
    expect(readBody({ body: '\uFEFFname,role\n', headers: { 'content-type': 'text/csv' } }, both)).toEqual({ kind: 'csv', text: 'name,role\n' });
  });

  it('ignores bodies on routes that take none', () => {
    expect(readBody({ body: 'whatever' }, {})).toEqual({ kind: 'none' });
  });
});

describe('hostile bodies', () => {
  const headers = { 'content-type': 'application/json' };

  it('refuses JSON nested deeper than the limit with a 400, before parsing', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(() => readBody({ body: deep, headers }, json)).toThrow(MalformedError);
    expect(nestingDepth(deep, MAX_JSON_DEPTH)).toBeGreaterThan(MAX_JSON_DEPTH);
  });

  it('takes nesting up to the limit, and ignores brackets inside strings', () => {
    const ok = '['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH);
    expect(readBody({ body: ok, headers }, json).kind).toBe('json');
    expect(nestingDepth('{"a":"[[[[\\"[[[[","b":[1]}')).toBe(2);
  });

  it('refuses a body that is not valid UTF-8 (API Gateway sends it base64-encoded) with a 400', () => {
    const bad = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}')]);
    expect(() => readBody({ body: bad.toString('base64'), isBase64Encoded: true, headers }, json)).toThrow(/UTF-8/);
  });
});
