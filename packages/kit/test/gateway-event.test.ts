import { describe, expect, it } from '@jest/globals';
import { buildHttpEvent, isTextContentType, requestTime } from '../src/http/gateway-event';

const at = new Date('2027-03-02T02:00:05.123Z');
const route = { routeKey: 'GET /people/{personId}', pathParameters: { personId: 'per_1' }, apiId: 'abcdefghij', accountId: '123456789012' };

function request(overrides: Partial<Parameters<typeof buildHttpEvent>[0]> = {}) {
  return {
    method: 'GET',
    url: '/people/per_1?tag=a&tag=b&q=J%C3%BCrgen+M&empty=',
    headers: {
      host: ['localhost:3000'],
      'user-agent': ['curl/8'],
      accept: ['application/json', 'text/plain'],
      cookie: ['session=abc; theme=dark'],
      'x-custom': ['one'],
    },
    body: null,
    sourceIp: '127.0.0.1',
    protocol: 'HTTP/1.1',
    port: 3000,
    ...overrides,
  };
}

describe('payload format 2.0 events', () => {
  it('has the fields API Gateway sends, in its shapes', () => {
    const event = buildHttpEvent(request(), route, at, 'REQ1234567890a=');
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /people/{personId}',
      rawPath: '/people/per_1',
      rawQueryString: 'tag=a&tag=b&q=J%C3%BCrgen+M&empty=',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { tag: 'a,b', q: 'Jürgen M', empty: '' },
      pathParameters: { personId: 'per_1' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '123456789012',
        apiId: 'abcdefghij',
        domainName: 'localhost:3000',
        domainPrefix: 'localhost',
        http: { method: 'GET', path: '/people/per_1', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'curl/8' },
        requestId: 'REQ1234567890a=',
        routeKey: 'GET /people/{personId}',
        stage: '$default',
        time: '02/Mar/2027:02:00:05 +0000',
        timeEpoch: at.getTime(),
      },
    });
    expect(event.headers).toMatchObject({ host: 'localhost:3000', accept: 'application/json,text/plain', 'x-custom': 'one', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-port': '3000', 'x-forwarded-proto': 'http' });
    expect(event.headers['x-amzn-trace-id']).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    expect(event.headers.cookie).toBeUndefined();
    expect(event).not.toHaveProperty('body');
    expect(event.requestContext).not.toHaveProperty('authorizer');
  });

  it('leaves out query string, cookies and path parameters when there are none', () => {
    const event = buildHttpEvent(request({ url: '/event', headers: { host: ['localhost:3000'] } }), { ...route, routeKey: 'GET /event', pathParameters: undefined }, at);
    expect(event.rawQueryString).toBe('');
    expect(event).not.toHaveProperty('queryStringParameters');
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('pathParameters');
    expect(event.requestContext.requestId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
  });

  it('passes text bodies as text and everything else base64-encoded', () => {
    const json = buildHttpEvent(request({ method: 'POST', headers: { 'content-type': ['application/json; charset=utf-8'] }, body: Buffer.from('{"name":"Ani"}') }), route, at);
    expect(json).toMatchObject({ body: '{"name":"Ani"}', isBase64Encoded: false });
    const csv = buildHttpEvent(request({ method: 'POST', headers: { 'content-type': ['text/csv'] }, body: Buffer.from('name\nAni') }), route, at);
    expect(csv).toMatchObject({ body: 'name\nAni', isBase64Encoded: false });
    const binary = buildHttpEvent(request({ method: 'POST', headers: { 'content-type': ['application/octet-stream'] }, body: Buffer.from([0, 255]) }), route, at);
    expect(binary).toMatchObject({ body: 'AP8=', isBase64Encoded: true });
    const untyped = buildHttpEvent(request({ method: 'POST', headers: {}, body: Buffer.from('x') }), route, at);
    expect(untyped).toMatchObject({ body: 'eA==', isBase64Encoded: true });
    expect(isTextContentType('application/problem+json')).toBe(true);
    expect(isTextContentType('application/x-www-form-urlencoded')).toBe(false);
  });

  it('carries the JWT claims and scopes of an authorized route', () => {
    const event = buildHttpEvent(request(), { ...route, authorizer: { claims: { sub: 'u1', 'cognito:groups': '[lo]' }, scopes: null } }, at);
    expect(event.requestContext.authorizer).toEqual({ jwt: { claims: { sub: 'u1', 'cognito:groups': '[lo]' }, scopes: null } });
  });

  it('formats the request time as API Gateway does', () => {
    expect(requestTime(new Date('2020-03-12T19:03:58Z'))).toBe('12/Mar/2020:19:03:58 +0000');
  });
});
