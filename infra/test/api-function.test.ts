import { describe, expect, it, jest } from '@jest/globals';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { ENV } from '@liaison/kit/config';
import { routeKey } from '@liaison/kit/http/route';
import { ROUTE_TABLES } from '../src/functions/route-tables';
import { SERVICES } from '../src/services';

type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** Loads the api module afresh with LIAISON_CORS_ORIGINS set, as a cold start would. */
function loadHandler(corsOrigins: string | undefined): Handler {
  const saved = process.env[ENV.corsOrigins];
  if (corsOrigins === undefined) delete process.env[ENV.corsOrigins];
  else process.env[ENV.corsOrigins] = corsOrigins;
  try {
    let handler: Handler | undefined;
    jest.isolateModules(() => {
      handler = (require('../src/functions/api') as { handler: Handler }).handler;
    });
    return handler!;
  } finally {
    if (saved === undefined) delete process.env[ENV.corsOrigins];
    else process.env[ENV.corsOrigins] = saved;
  }
}

const request = (routeKey: string, headers: Record<string, string> = {}) => ({ routeKey, headers }) as unknown as APIGatewayProxyEventV2;

describe('GET /openapi.json', () => {
  it('serves the OpenAPI 3.1 document of every service route, as JSON', async () => {
    const res = await loadHandler('*')(request('GET /openapi.json'));
    expect(res.statusCode).toBe(200);
    expect(res.headers!['content-type']).toBe('application/json');
    const doc = JSON.parse(res.body!) as { openapi: string; paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>> };
    expect(doc.openapi).toBe('3.1.0');
    const operations = Object.entries(doc.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    for (const table of Object.values(ROUTE_TABLES)) {
      for (const spec of Object.values(table)) expect(operations).toContain(routeKey(spec));
    }
    expect(doc.paths['/openapi.json']!.get!.security).toEqual([]);
  });

  it('builds the document once per process', async () => {
    const handler = loadHandler('*');
    const first = await handler(request('GET /openapi.json'));
    const second = await handler(request('GET /openapi.json'));
    expect(second.body).toBe(first.body);
  });
});

describe('OPTIONS /{proxy+} (CORS preflight)', () => {
  it('echoes an allowed origin with the allowed methods and headers', async () => {
    const res = await loadHandler('https://app.example,https://admin.example')(request('OPTIONS /{proxy+}', { origin: 'https://admin.example' }));
    expect(res.statusCode).toBe(204);
    expect(res.headers).toEqual({
      'access-control-allow-origin': 'https://admin.example',
      vary: 'Origin',
      'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
      'access-control-allow-headers': expect.stringMatching(/^authorization,content-type,if-match,(.*,)?idempotency-key$/),
      'access-control-expose-headers': expect.stringMatching(/^etag,location/),
      'access-control-max-age': '600',
    });
  });

  it('allows any origin with *', async () => {
    const res = await loadHandler('*')(request('OPTIONS /{proxy+}', { origin: 'https://anyone.example' }));
    expect(res.headers!['access-control-allow-origin']).toBe('*');
  });

  it('gives an origin that is not allowed no CORS headers', async () => {
    const res = await loadHandler('https://app.example')(request('OPTIONS /{proxy+}', { origin: 'https://evil.example' }));
    expect(res.statusCode).toBe(204);
    expect(res.headers!['access-control-allow-origin']).toBeUndefined();
    expect(res.headers!['access-control-allow-methods']).toBeUndefined();
  });
});

describe('the api function', () => {
  it('answers 404 problem+json on a route it does not serve', async () => {
    const res = await loadHandler('*')(request('GET /nowhere'));
    expect(res.statusCode).toBe(404);
    expect(res.headers!['content-type']).toBe('application/problem+json');
  });

  it('fails at cold start without LIAISON_CORS_ORIGINS', () => {
    expect(() => loadHandler(undefined)).toThrow(/LIAISON_CORS_ORIGINS/);
  });

  it('documents exactly the route tables of the services the stack deploys', () => {
    const deployed = Object.fromEntries(SERVICES.filter((s) => s.http).map((s) => [s.name, s.http!.routes]));
    expect(Object.keys(ROUTE_TABLES).sort()).toEqual(Object.keys(deployed).sort());
    for (const [name, table] of Object.entries(deployed)) expect(ROUTE_TABLES[name]).toBe(table);
  });
});
