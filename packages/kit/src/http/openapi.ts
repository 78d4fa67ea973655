// Builds the OpenAPI 3.1 document from the services' route tables: the same zod schemas that validate
// requests describe them, so the document cannot drift from the code.
import { toJSONSchema, type $ZodType } from 'zod/v4/core';
import { DEFAULT_MAX_BODY_BYTES, type RouteSpec, type RouteTable } from './route';

type Json = Record<string, unknown>;

function schemaOf(schema: $ZodType, io: 'input' | 'output'): Json {
  const json = toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12', reused: 'inline' }) as Json;
  delete json.$schema;
  return json;
}

const PROBLEM_REF: Json = { $ref: '#/components/schemas/Problem' };

/** What `problem.ts` answers: every error the functions send. */
const PROBLEM: Json = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', description: '`urn:liaison:problem:<kind>`, e.g. `urn:liaison:problem:validation-failed`' },
    title: { type: 'string' },
    status: { type: 'integer', minimum: 400, maximum: 599 },
    detail: { type: 'string' },
    instance: { type: 'string', description: '`urn:request:<request id>`: quote it when reporting a problem' },
    errors: {
      type: 'array',
      description: 'Each bad field, by its dotted path (`arrival.at`, `2.email` for row 2 of an import)',
      items: { type: 'object', required: ['path', 'message'], additionalProperties: false, properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
    clashes: {
      type: 'array',
      description: 'What a 409 clashes with',
      items: {
        type: 'object',
        required: ['kind', 'message'],
        additionalProperties: false,
        properties: { kind: { type: 'string' }, message: { type: 'string' }, path: { type: 'string' }, refs: { type: 'array', items: { type: 'string' } } },
      },
    },
  },
};

/** What API Gateway itself answers, e.g. its JWT authorizer's 401: `{"message":"Unauthorized"}`. */
const GATEWAY_MESSAGE: Json = {
  type: 'object',
  required: ['message'],
  additionalProperties: false,
  properties: { message: { type: 'string', examples: ['Unauthorized'] } },
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed JSON, header or cursor',
  401: 'No token, or one that does not verify: API Gateway\'s authorizer answers `{"message":"Unauthorized"}` (application/json); a verified token whose person record is gone gets problem+json',
  403: 'The caller may not do this',
  404: 'Unknown id, or one the caller may not see',
  409: 'Clashes with the current state (a unique field, a record still in use, a booking, or a request with the same `Idempotency-Key` still running); `clashes` says with what',
  412: '`If-Match` names a stale version',
  413: 'Body too large',
  415: 'Content type not accepted',
  422: 'Valid JSON that breaks a rule; `errors` names each field',
};

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const GUARDED = new Set(['PUT', 'PATCH', 'DELETE']);

function errorStatuses(spec: RouteSpec): number[] {
  const out = new Set<number>([400]);
  if (spec.access !== 'public') out.add(401).add(403);
  if (spec.params) out.add(404);
  if (spec.body) out.add(413).add(415).add(422);
  if (spec.query) out.add(422);
  if (GUARDED.has(spec.method)) out.add(412);
  if (WRITES.has(spec.method)) out.add(409);
  if (spec.idempotent) out.add(409).add(422);
  return [...out].sort((a, b) => a - b);
}

const ETAG_HEADER: Json = { schema: { type: 'string', examples: ['"3"'] }, description: 'The version, quoted: send it back as `If-Match` (writes) or `If-None-Match` (reads)' };
const REPLAYED_HEADER: Json = { schema: { type: 'string', enum: ['true'] }, description: 'Present when this is the stored answer to an earlier request with the same `Idempotency-Key`' };

/** A record answer: it carries `version`, so the answer has an ETag (and a GET can answer 304). */
function isVersioned(schema: Json | undefined): boolean {
  return schema?.type === 'object' && typeof (schema.properties as Record<string, unknown> | undefined)?.version === 'object';
}

function operation(operationId: string, spec: RouteSpec, tag: string): Json {
  const parameters: Json[] = [];
  for (const [where, obj] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!obj) continue;
    const shape = schemaOf(obj, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(shape.properties ?? {})) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: where, required: where === 'path' || (shape.required ?? []).includes(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  if (GUARDED.has(spec.method)) {
    parameters.push({ name: 'If-Match', in: 'header', required: false, schema: { type: 'string', examples: ['"3"'] }, description: 'The version you last read, from its ETag; a stale one gets 412' });
  }
  if (spec.idempotent) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      schema: { type: 'string', minLength: 1, maxLength: 255 },
      description: 'The same key and body within 24 hours replays the first answer and creates nothing new; the same key with another body gets 422',
    });
  }

  const responses: Json = {};
  let versioned = false;
  for (const [status, res] of Object.entries(spec.responses)) {
    const code = Number(status);
    const ok = code < 300;
    const schema = res.schema ? schemaOf(res.schema, 'output') : undefined;
    if (ok && isVersioned(schema)) versioned = true;
    const headers: Json = {
      ...(ok && isVersioned(schema) ? { ETag: ETAG_HEADER } : {}),
      ...(code === 201 || code === 202 ? { Location: { schema: { type: 'string' }, description: code === 201 ? 'Where the new resource is' : 'Where to follow the accepted work' } } : {}),
      ...Object.fromEntries(Object.entries(res.headers ?? {}).map(([name, description]) => [name, { schema: { type: 'string' }, description }])),
    };
    responses[status] = {
      description: res.description,
      ...(schema ? { content: { [res.contentType ?? 'application/json']: { schema } } } : {}),
      ...(!ok && !schema ? { content: { 'application/problem+json': { schema: PROBLEM_REF } } } : {}),
      ...(Object.keys(headers).length ? { headers } : {}),
    };
  }
  if (spec.method === 'GET' && versioned) {
    responses['304'] = { description: '`If-None-Match` names the current version: nothing changed since', headers: { ETag: ETAG_HEADER } };
    parameters.push({ name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string', examples: ['"3"'] }, description: 'The version you hold, from its ETag; when it is still current the answer is 304 without a body' });
  }
  for (const status of errorStatuses(spec)) {
    if (responses[status]) continue;
    responses[status] =
      status === 401
        ? {
            description: ERROR_TEXT[401],
            headers: { 'WWW-Authenticate': { schema: { type: 'string' }, description: 'From API Gateway: `Bearer`, with `error="invalid_token"` when a token was sent' } },
            content: { 'application/json': { schema: { $ref: '#/components/schemas/GatewayMessage' } }, 'application/problem+json': { schema: PROBLEM_REF } },
          }
        : { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/problem+json': { schema: PROBLEM_REF } } };
  }
  if (spec.idempotent) {
    for (const [status, res] of Object.entries(responses) as [string, Json][]) {
      if (status !== '401') res.headers = { ...(res.headers as Json | undefined), 'Idempotent-Replayed': REPLAYED_HEADER };
    }
  }

  const op: Json = {
    operationId,
    tags: [tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    ...(spec.access === 'public' ? { security: [] } : { security: [{ bearer: [] }], 'x-roles': [...spec.access] }),
    ...(parameters.length ? { parameters } : {}),
    responses,
  };
  if (spec.body) {
    const content: Json = {};
    for (const type of spec.accepts ?? ['application/json']) {
      content[type] = type === 'text/csv' ? { schema: { type: 'string', description: 'CSV with a header row' } } : { schema: schemaOf(spec.body, 'input') };
    }
    op.requestBody = { required: true, content, description: `At most ${Math.round((spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) / 1024)} KB` };
  }
  return op;
}

export interface ServerObject {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; description?: string; enum?: string[] }>;
}

/** Where the API is: the local runtime, and a deployed stack (its `ApiUrl` output; HTTP API, `$default` stage). */
export function defaultServers(region = 'ap-southeast-3'): ServerObject[] {
  return [
    { url: 'http://localhost:3000', description: 'The local runtime (`pnpm dev`; PORT sets another port)' },
    {
      url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
      description: "A deployed event stack: the stack's `ApiUrl` output",
      variables: { apiId: { default: 'apiId', description: 'The HTTP API id, from ApiUrl' }, region: { default: region } },
    },
  ];
}

export interface OpenApiOptions {
  title?: string;
  version?: string;
  /** Extra paths, e.g. the document's own route. */
  extra?: Record<string, RouteTable>;
  /** Default: `defaultServers()`. */
  servers?: ServerObject[];
}

/** `tables` maps a service name (the tag) to its route table. */
export function buildOpenApi(tables: Record<string, RouteTable>, options: OpenApiOptions = {}): Json {
  const paths: Record<string, Json> = {};
  for (const [tag, table] of Object.entries({ ...tables, ...options.extra })) {
    for (const [operationId, spec] of Object.entries(table)) {
      const item = (paths[spec.path] ??= {});
      item[spec.method.toLowerCase()] = operation(operationId, spec, tag);
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: options.title ?? 'Liaison API',
      version: options.version ?? '1.0.0',
      description:
        'The REST contract of one Liaison event stack. Errors are application/problem+json, except what API Gateway answers itself: `{"message":"Unauthorized"}` (401) from its JWT authorizer, and `{"message":"Not Found"}` (404) where no route matches.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: options.servers ?? defaultServers(),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: PROBLEM, GatewayMessage: GATEWAY_MESSAGE },
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
