// Builds the event an HTTP API (payload format 2.0) hands to a Lambda integration, field for field:
// lower-cased headers with repeats joined by commas, cookies split out, query parameters decoded
// and joined, path parameters, the request context, and bodies base64-encoded unless they are text.
import { randomBytes } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { clock } from '../clock';

export interface HttpRequestFacts {
  method: string;
  /** Path and query as received, e.g. `/people?limit=5`. */
  url: string;
  /** Node's `headersDistinct`: each name lower case, every value it came with. */
  headers: Record<string, string[]> | IncomingHttpHeaders;
  body: Buffer | null;
  sourceIp: string;
  protocol: string; // `HTTP/1.1`
  /** Local server port, for `x-forwarded-port`. */
  port: number;
}

export interface RouteFacts {
  routeKey: string;
  pathParameters: Record<string, string> | undefined;
  apiId: string;
  accountId: string;
  authorizer?: { claims: Record<string, string>; scopes: string[] | null } | undefined;
}

/** Event type: `routeKey` etc. from the API, `authorizer.jwt` only on routes with a JWT authorizer. */
export type HttpApiEvent = Omit<APIGatewayProxyEventV2WithJWTAuthorizer, 'requestContext'> & {
  requestContext: Omit<APIGatewayProxyEventV2WithJWTAuthorizer['requestContext'], 'authorizer'> & {
    authorizer?: APIGatewayProxyEventV2WithJWTAuthorizer['requestContext']['authorizer'];
  };
};

const TEXT_TYPES = [/^text\//, /^application\/(.+\+)?json$/, /^application\/(.+\+)?xml$/, /^application\/javascript$/, /^application\/graphql$/];

/** Whether HTTP APIs pass a body with this content type as text (else base64). */
export function isTextContentType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  return TEXT_TYPES.some((re) => re.test(type));
}

/** API Gateway's request id shape, e.g. `Ab3dEfGhIjKlMnO=`. */
export function apiGatewayRequestId(): string {
  return randomBytes(11).toString('base64').slice(0, 15) + '=';
}

function traceId(now: number): string {
  return `Root=1-${Math.floor(now / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `12/Mar/2020:19:03:58 +0000`. */
export function requestTime(at: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(at.getUTCDate())}/${MONTHS[at.getUTCMonth()]}/${at.getUTCFullYear()}:${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:${p(at.getUTCSeconds())} +0000`;
}

function values(v: string | string[] | undefined): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

export function buildHttpEvent(req: HttpRequestFacts, route: RouteFacts, now = clock.now(), requestId = apiGatewayRequestId()): HttpApiEvent {
  const q = req.url.indexOf('?');
  const rawPath = q >= 0 ? req.url.slice(0, q) : req.url;
  const rawQueryString = q >= 0 ? req.url.slice(q + 1).split('#')[0]! : '';

  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, raw] of Object.entries(req.headers)) {
    const lower = name.toLowerCase();
    const list = values(raw as string | string[] | undefined);
    if (lower === 'cookie') {
      cookies = cookies.concat(list.flatMap((c) => c.split(';')).map((c) => c.trim()).filter(Boolean));
      continue;
    }
    headers[lower] = headers[lower] ? `${headers[lower]},${list.join(',')}` : list.join(',');
  }
  headers['x-forwarded-for'] = headers['x-forwarded-for'] ? `${headers['x-forwarded-for']}, ${req.sourceIp}` : req.sourceIp;
  headers['x-forwarded-port'] = String(req.port);
  headers['x-forwarded-proto'] = 'http';
  headers['x-amzn-trace-id'] = traceId(now.getTime());

  const query: Record<string, string> = {};
  for (const [key, value] of new URLSearchParams(rawQueryString)) {
    query[key] = key in query ? `${query[key]},${value}` : value;
  }

  const host = headers.host ?? `localhost:${req.port}`;
  const event: HttpApiEvent = {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(Object.keys(query).length > 0 ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: route.accountId,
      apiId: route.apiId,
      // Shaped as the HTTP API docs show it: only `jwt`, and `scopes` null when the token has none.
      ...(route.authorizer
        ? { authorizer: { jwt: { claims: route.authorizer.claims, scopes: route.authorizer.scopes } } as unknown as HttpApiEvent['requestContext']['authorizer'] }
        : {}),
      domainName: host,
      domainPrefix: host.split('.')[0]!.split(':')[0]!,
      http: {
        method: req.method.toUpperCase(),
        path: rawPath,
        protocol: req.protocol,
        sourceIp: req.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId,
      routeKey: route.routeKey,
      stage: '$default',
      time: requestTime(now),
      timeEpoch: now.getTime(),
    },
    ...(route.pathParameters ? { pathParameters: route.pathParameters } : {}),
    isBase64Encoded: false,
  };
  if (req.body && req.body.length > 0) {
    // API Gateway passes text types as text only when they are valid UTF-8; anything else arrives base64-encoded.
    const text = isTextContentType(headers['content-type']) && isUtf8(req.body);
    event.body = text ? req.body.toString('utf8') : req.body.toString('base64');
    event.isBase64Encoded = !text;
  }
  return event;
}
