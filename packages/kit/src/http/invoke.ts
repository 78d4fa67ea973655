// Calls a service's HTTP handler in process with the event API Gateway would send for a request
// (same builder as the local gateway), for handler tests and benchmarks. Claims stand in for a
// verified token.
import type { Context } from 'aws-lambda';
import { buildHttpEvent } from './gateway-event';
import { routeKey, type RouteTable } from './route';
import { RouteMatcher } from './route-match';
import type { HttpEvent, HttpResult } from './service';

export interface InvokeRequest {
  method: string;
  /** Path and query, e.g. `/people?limit=5`. */
  url: string;
  /** Claims as API Gateway passes them (strings; arrays as "[a b]"); omit for an anonymous call. */
  claims?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface InvokeAnswer {
  status: number;
  headers: Record<string, string>;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed JSON of any shape
}

export function invoker(routes: RouteTable, handler: (event: HttpEvent, context: Context) => Promise<HttpResult>) {
  const matcher = new RouteMatcher(Object.values(routes).map((spec) => ({ routeKey: routeKey(spec), value: spec })));
  const context = { functionName: 'in-process', awsRequestId: 'in-process', getRemainingTimeInMillis: () => 29_000 } as unknown as Context;
  return async (req: InvokeRequest): Promise<InvokeAnswer> => {
    const path = req.url.split('?')[0] as string;
    const match = matcher.match(req.method, path);
    if (!match) throw new Error(`no route for ${req.method} ${path}`);
    const text = req.body === undefined ? null : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const headers: Record<string, string> = { host: 'localhost', ...(text !== null && typeof req.body !== 'string' ? { 'content-type': 'application/json' } : {}), ...req.headers };
    const event = buildHttpEvent(
      { method: req.method, url: req.url, headers, body: text === null ? null : Buffer.from(text), sourceIp: '127.0.0.1', protocol: 'HTTP/1.1', port: 443 },
      { routeKey: match.routeKey, pathParameters: match.pathParameters, apiId: 'local', accountId: '123456789012', authorizer: req.claims ? { claims: req.claims, scopes: null } : undefined },
    );
    const res = await handler(event as HttpEvent, context);
    const out = String(res.body ?? '');
    return { status: res.statusCode ?? 200, headers: (res.headers ?? {}) as Record<string, string>, body: out === '' ? null : /json/.test(String(res.headers?.['content-type'])) ? JSON.parse(out) : out };
  };
}

/** Claims for a caller, shaped as API Gateway hands them over. */
export function claimsFor(role: 'organizer' | 'lo' | 'guest', personId?: string): Record<string, string> {
  return { sub: `sub-${personId ?? role}`, 'cognito:groups': `[${role}]`, ...(personId ? { personId } : {}) };
}
