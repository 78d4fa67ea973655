// The HTTP function of a service: dispatches API Gateway's routeKey to the route's middy pipeline
// (authorise against the caller's current record → read and validate input → idempotency → handler),
// then maps errors to problem+json,
// adds CORS and ETag headers, and writes one log line per request.
import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2WithJWTAuthorizer, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { $ZodType, output } from 'zod/v4/core';
import { loadOnce } from '../concurrency';
import { withCommitMark } from '../ddb/commit-scope';
import { AppError, NotFoundError } from '../errors';
import { log } from '../log';
import { authorizeCaller, type CallerResolver, type Principal } from './auth';
import { readBody } from './body';
import { allowedOrigins, corsHeaders } from './cors';
import { etagOf, notModified, parseIfMatch } from './etag';
import { claimKey, fingerprint, type Claim, type StoredAnswer } from './idempotency';
import { problemResponse } from './problem';
import { routeKey, type RouteSpec, type RouteTable } from './route';
import { parseOrThrow, safeParse } from './validate';

export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;
export type HttpResult = APIGatewayProxyStructuredResultV2;

type Infer<S, Fallback> = S extends $ZodType ? output<S> : Fallback;

export interface RouteRequest<S extends RouteSpec> {
  params: Infer<S['params'], Record<string, never>>;
  query: Infer<S['query'], Record<string, never>>;
  /** The validated JSON body; for a `text/csv` body, `undefined` and `csv` holds the text. */
  body: Infer<S['body'], undefined>;
  csv: string | null;
  principal: S['access'] extends 'public' ? null : Principal;
  /** From `If-Match`: a version, `any` for `*`, or null when absent. */
  ifMatch: number | 'any' | null;
  headers: Record<string, string | undefined>;
  correlationId: string;
  requestId: string;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** The resource version: answered as `ETag`, and checked against `If-None-Match` on reads. */
  version?: number;
  location?: string;
  headers?: Record<string, string>;
  /** A body that is not JSON (e.g. JSON Lines), sent as it is with its content type; `body` is then unused. */
  text?: { contentType: string; body: string };
}

export type RouteHandler<S extends RouteSpec> = (request: RouteRequest<S>, context: Context) => Promise<Reply>;
export type Handlers<R extends RouteTable> = { [K in keyof R]: RouteHandler<R[K]> };

/**
 * A handler whose module loads on the first request that needs it. The deployed bundle is split
 * (infra/src/function.ts): each `import()` here becomes a chunk of its own, so a cold start parses the
 * router, the schemas and the store, not every route's code and SDK clients (Cognito, SQS) up front.
 * A failed load is not remembered: the next request tries again.
 */
export function lazy<S extends RouteSpec>(load: () => Promise<RouteHandler<S>>): RouteHandler<S> {
  const handler = loadOnce(load);
  return async (request, context) => (await handler())(request, context);
}

/** Fields the server owns: clients may send them back (e.g. a GET body reused for PUT); they are ignored. */
const READ_ONLY_FIELDS = ['id', 'version', 'createdAt', 'updatedAt'];

interface State {
  request?: RouteRequest<RouteSpec>;
  claim?: Claim;
}

const states = new WeakMap<HttpEvent, State>();
function stateOf(event: HttpEvent): State {
  let s = states.get(event);
  if (!s) states.set(event, (s = {}));
  return s;
}

function correlationIdOf(event: HttpEvent): string {
  const given = event.headers?.['x-correlation-id'];
  return given && /^[\w.:-]{1,200}$/.test(given) ? given : event.requestContext.requestId;
}

/** Reads, authorises and validates the request; path ids that cannot exist answer 404 like unknown ones. */
function inputMiddleware(spec: RouteSpec, resolveCaller: CallerResolver | undefined): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: async (request) => {
      const event = request.event;
      const principal = await authorizeCaller(spec, event.requestContext.authorizer?.jwt?.claims as never, resolveCaller);
      let params: unknown = {};
      if (spec.params) {
        const parsed = safeParse(spec.params, event.pathParameters ?? {});
        if (!parsed.success) throw new NotFoundError('resource', Object.values(event.pathParameters ?? {}).join('/'));
        params = parsed.data;
      }
      const query = spec.query ? parseOrThrow(spec.query, event.queryStringParameters ?? {}) : {};
      const ifMatch = parseIfMatch(event.headers?.['if-match']);
      const raw = readBody(event, spec);
      let body: unknown;
      if (raw.kind === 'json' && spec.body) {
        let value = raw.value;
        if ((spec.method === 'PUT' || spec.method === 'PATCH') && value && typeof value === 'object' && !Array.isArray(value)) {
          value = Object.fromEntries(Object.entries(value).filter(([k]) => !READ_ONLY_FIELDS.includes(k)));
        }
        body = parseOrThrow(spec.body, value);
      }
      stateOf(event).request = {
        params,
        query,
        body,
        csv: raw.kind === 'csv' ? raw.text : null,
        principal,
        ifMatch,
        headers: event.headers ?? {},
        correlationId: correlationIdOf(event),
        requestId: event.requestContext.requestId,
      } as RouteRequest<RouteSpec>;
    },
  };
}

function idempotencyMiddleware(spec: RouteSpec, tableName: string | undefined, leaseSeconds: number): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    before: async (request) => {
      const key = request.event.headers?.['idempotency-key'];
      if (!spec.idempotent || key === undefined) return undefined;
      if (!tableName) throw new Error('idempotent routes need a table');
      const state = stateOf(request.event);
      const caller = state.request?.principal?.sub ?? 'anonymous';
      // The validated body, not the raw text: the same request re-serialised (spacing, key order) is the same request.
      const print = fingerprint([routeKey(spec), request.event.rawPath, state.request?.csv ?? JSON.stringify(state.request?.body ?? null)]);
      const claimed = await claimKey(tableName, caller, key, print, leaseSeconds);
      if (claimed.kind === 'replay') {
        return { ...claimed.answer, headers: { ...claimed.answer.headers, 'idempotent-replayed': 'true' } };
      }
      state.claim = claimed;
      return undefined;
    },
    after: async (request) => {
      const claim = stateOf(request.event).claim;
      const res = request.response;
      if (!claim || !res) return;
      if (res.statusCode !== undefined && res.statusCode < 500) {
        await claim.complete({ statusCode: res.statusCode, headers: (res.headers ?? {}) as Record<string, string>, body: String(res.body ?? '') } satisfies StoredAnswer);
      } else {
        await claim.release();
      }
    },
    onError: async (request) => {
      const state = stateOf(request.event);
      const claim = state.claim;
      if (!claim) return;
      state.claim = undefined; // an error while completing comes back here: settle the claim once
      const err = request.error;
      // A refusal (4xx) is an answer like any other: replayed for the same key, as API.md says.
      if (err instanceof AppError && err.status < 500) {
        const answer = problemResponse(err, request.event.requestContext.requestId, state.request?.principal);
        try {
          await claim.complete({ statusCode: answer.statusCode as number, headers: answer.headers as Record<string, string>, body: String(answer.body) });
          return;
        } catch (e) {
          log.warn('could not record a refused request for replay', { err: (e as Error).message });
        }
      }
      await claim.release(); // keeps the key when a write of this request committed
    },
  };
}

function toResult(reply: Reply, event: HttpEvent, spec: RouteSpec): HttpResult {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.version !== undefined) {
    headers.etag = etagOf(reply.version);
    if (spec.method === 'GET' && notModified(event.headers?.['if-none-match'], reply.version)) {
      return { statusCode: 304, headers };
    }
  }
  if (reply.location) headers.location = reply.location;
  if (reply.text) return { statusCode: reply.status, headers: { ...headers, 'content-type': reply.text.contentType }, body: reply.text.body };
  if (reply.body === undefined) return { statusCode: reply.status, headers };
  headers['content-type'] = 'application/json; charset=utf-8';
  return { statusCode: reply.status, headers, body: JSON.stringify(reply.body) };
}

export interface HttpServiceOptions<R extends RouteTable> {
  service: string;
  routes: R;
  handlers: Handlers<R>;
  /** The shared table, for Idempotency-Key records. */
  tableName?: string;
  /** Longer than the function timeout. */
  idempotencyLeaseSeconds?: number;
  /**
   * Checks each caller with a person record against that record as it is now (deleted → 401, role
   * changed → the new role's rights). A service reading the directory passes
   * `callerResolver(table)` from @liaison/directory-read; without one, tokens are trusted as they are.
   */
  resolveCaller?: CallerResolver;
}

export function httpService<R extends RouteTable>(options: HttpServiceOptions<R>): (event: HttpEvent, context: Context) => Promise<HttpResult> {
  const origins = allowedOrigins();
  const pipelines = new Map<string, (event: HttpEvent, context: Context) => Promise<HttpResult>>();
  for (const [operationId, spec] of Object.entries(options.routes)) {
    const handler = options.handlers[operationId as keyof R] as RouteHandler<RouteSpec>;
    if (!handler) throw new Error(`route ${operationId} has no handler`);
    const pipeline = middy<HttpEvent, HttpResult>()
      .use(inputMiddleware(spec, options.resolveCaller))
      .use(idempotencyMiddleware(spec, options.tableName, options.idempotencyLeaseSeconds ?? 90))
      .handler(async (event: HttpEvent, context: Context) => {
        const state = stateOf(event);
        const req = state.request as RouteRequest<RouteSpec>;
        return withCommitMark(state.claim?.mark, async () => toResult(await handler(req, context), event, spec));
      });
    pipelines.set(routeKey(spec), pipeline as unknown as (event: HttpEvent, context: Context) => Promise<HttpResult>);
  }

  return async (event, context) => {
    const started = performance.now();
    const pipeline = pipelines.get(event.routeKey);
    let result: HttpResult;
    try {
      result = pipeline ? await pipeline(event, context) : problemResponse(new NotFoundError('route', event.routeKey), event.requestContext.requestId);
    } catch (err) {
      result = problemResponse(err, event.requestContext.requestId, states.get(event)?.request?.principal);
    }
    result.headers = { ...result.headers, ...corsHeaders(event.headers?.origin, origins) };
    log.info('request', {
      service: options.service,
      method: event.requestContext.http.method,
      route: event.routeKey,
      status: result.statusCode,
      ms: Math.round(performance.now() - started),
      requestId: event.requestContext.requestId,
    });
    return result;
  };
}
