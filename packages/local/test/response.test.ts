import { describe, expect, it } from '@jest/globals';
import { answerFromResult, BadIntegrationResponse } from '../src/http/response';

describe('payload format 2.0 answers', () => {
  it('takes statusCode, headers, cookies and a base64 body', () => {
    const answer = answerFromResult({ statusCode: 201, headers: { 'Content-Type': 'image/png', ETag: '"3"' }, cookies: ['a=1', 'b=2'], body: 'AAEC', isBase64Encoded: true });
    expect(answer.status).toBe(201);
    expect(answer.headers).toEqual([
      ['content-type', 'image/png'],
      ['etag', '"3"'],
      ['set-cookie', 'a=1'],
      ['set-cookie', 'b=2'],
    ]);
    expect([...answer.body]).toEqual([0, 1, 2]);
  });

  it('merges multiValueHeaders without overriding headers', () => {
    const answer = answerFromResult({ statusCode: 200, headers: { vary: 'origin' }, multiValueHeaders: { vary: ['x'], link: ['<a>', '<b>'] } });
    expect(answer.headers).toEqual([
      ['vary', 'origin'],
      ['link', '<a>'],
      ['link', '<b>'],
    ]);
    expect(answer.body.length).toBe(0);
  });

  it('makes a result without statusCode a 200 JSON answer', () => {
    expect(answerFromResult({ items: [] })).toEqual({ status: 200, headers: [['content-type', 'application/json']], body: Buffer.from('{"items":[]}') });
    expect(answerFromResult('hello').body.toString()).toBe('"hello"');
    expect(answerFromResult(undefined).body.toString()).toBe('null');
  });

  it('refuses what API Gateway cannot use', () => {
    expect(() => answerFromResult({ statusCode: 'abc' })).toThrow(BadIntegrationResponse);
    expect(() => answerFromResult({ statusCode: 99 })).toThrow(BadIntegrationResponse);
    expect(() => answerFromResult({ statusCode: 200, body: { a: 1 } })).toThrow(/body is not a string/);
    expect(() => answerFromResult({ statusCode: 200, headers: { a: { b: 1 } } })).toThrow(/not a string/);
  });
});
