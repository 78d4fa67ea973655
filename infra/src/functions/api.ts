// The platform's HTTP function: `GET /openapi.json` (the document built from the services' route
// tables, once per process, with the URL it was asked at as its first server) and `OPTIONS /{proxy+}`
// (CORS preflight for every route). No AWS SDK. The only bundle with zod's JSON Schema generator in use.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { loadConfig } from '@liaison/kit/config';
import { corsHeaders, preflightHeaders } from '@liaison/kit/http/cors';
import { buildOpenApi, defaultServers, type ServerObject } from '@liaison/kit/http/openapi';
import { PLATFORM_ROUTES, ROUTE_TABLES } from './route-tables';

export const OPENAPI_ROUTE_KEY = 'GET /openapi.json';
export const PREFLIGHT_ROUTE_KEY = 'OPTIONS /{proxy+}';

// Read once, at cold start: a missing LIAISON_CORS_ORIGINS fails here, not on the first request.
const config = loadConfig(['corsOrigins']);
const allowedOrigins = config.corsOrigins
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

let document: Record<string, unknown> | undefined;
const served = new Map<string, string>();

/** The document as JSON; `server` (the URL this request came to) goes first in `servers`, for client generators. */
function openApiDocument(server: string | null): string {
  document ??= buildOpenApi(ROUTE_TABLES, { extra: { platform: PLATFORM_ROUTES }, servers: defaultServers(process.env.AWS_REGION) });
  const key = server ?? '';
  let body = served.get(key);
  if (body === undefined) {
    const servers: ServerObject[] = [...(server ? [{ url: server, description: 'The API that served this document' }] : []), ...(document.servers as ServerObject[])];
    body = JSON.stringify({ ...document, servers });
    // A handful of hosts at most (the API's own domain, a custom domain); never grow without bound.
    if (served.size < 8) served.set(key, body);
  }
  return body;
}

/** `https://<domain>` as API Gateway saw it; plain http only for the local runtime on loopback. */
function serverOf(event: APIGatewayProxyEventV2): string | null {
  const host = event.requestContext?.domainName ?? event.headers?.host;
  if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(host)) return null;
  const proto = event.headers?.['x-forwarded-proto'] === 'http' || /^(localhost|127\.\d+\.\d+\.\d+)(:|$)/.test(host) ? 'http' : 'https';
  return `${proto}://${host}`;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const origin = event.headers?.origin;
  switch (event.routeKey) {
    case OPENAPI_ROUTE_KEY:
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300', ...corsHeaders(origin, allowedOrigins) },
        body: openApiDocument(serverOf(event)),
      };
    case PREFLIGHT_ROUTE_KEY:
      // An origin that is not allowed gets no CORS headers: the browser then refuses the request.
      return { statusCode: 204, headers: preflightHeaders(origin, allowedOrigins) };
    default:
      return {
        statusCode: 404,
        headers: { 'content-type': 'application/problem+json' },
        body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: `No route ${event.routeKey}` }),
      };
  }
};
