// Builds the OpenAPI 3.1 document from the services' route tables: the same zod schemas that validate
// requests describe them, so the document cannot drift from the code.
import { z } from 'zod';
import { DEFAULT_MAX_BODY_BYTES, type RouteSpec, type RouteTable } from './route';

type Json = Record<string, unknown>;

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12', reused: 'inline' }) as Json;
  delete json.$schema;
  return json;
}

const PROBLEM: Json = {
  type: 'object',
  required: ['type', 'title', 'status'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
    clashes: {
      type: 'array',
      items: { type: 'object', properties: { kind: { type: 'string' }, message: { type: 'string' }, refs: { type: 'array', items: { type: 'string' } } } },
    },
  },
};

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed JSON, header or cursor',
  401: 'No token, or a token that does not verify (answered by API Gateway as `{"message":"Unauthorized"}`)',
  403: 'The caller may not do this',
  404: 'Unknown id, or one the caller may not see',
  409: 'Clashes with the current state; `clashes` says with what',
  412: '`If-Match` names a stale version',
  413: 'Body too large',
  415: 'Content type not accepted',
  422: 'Valid JSON that breaks a rule; `errors` names each field',
};

function errorStatuses(spec: RouteSpec): number[] {
  const out = new Set<number>([400]);
  if (spec.access !== 'public') out.add(401).add(403);
  if (spec.params) out.add(404);
  if (spec.body) out.add(413).add(415).add(422);
  if (spec.query) out.add(422);
  if (spec.method === 'PATCH' || spec.method === 'DELETE' || spec.method === 'PUT') out.add(412);
  if (spec.idempotent) out.add(409).add(422);
  return [...out];
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
  if (spec.method === 'PATCH' || spec.method === 'DELETE' || spec.method === 'PUT') {
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
  for (const [status, res] of Object.entries(spec.responses)) {
    const ok = Number(status) < 300;
    responses[status] = {
      description: res.description,
      ...(res.schema ? { content: { 'application/json': { schema: schemaOf(res.schema, 'output') } } } : {}),
      ...(!ok && !res.schema ? { content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } } : {}),
      ...(ok && spec.params && res.schema ? { headers: { ETag: { schema: { type: 'string' }, description: 'The version, quoted' } } } : {}),
    };
  }
  for (const status of errorStatuses(spec)) {
    responses[status] ??= {
      description: ERROR_TEXT[status] ?? 'Error',
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
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

export interface OpenApiOptions {
  title?: string;
  version?: string;
  /** Extra paths, e.g. the document's own route. */
  extra?: Record<string, RouteTable>;
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
      description: 'The REST contract of one Liaison event stack. Errors are application/problem+json.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Problem: PROBLEM },
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
  };
}
