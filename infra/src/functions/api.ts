// The platform's HTTP function: `GET /openapi.json` (the document built from the services' route
// tables, once per process) and `OPTIONS /{proxy+}` (CORS preflight for every route). No AWS SDK.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { loadConfig } from '@liaison/kit/config';
import { corsHeaders, preflightHeaders } from '@liaison/kit/http/cors';
import { buildOpenApi } from '@liaison/kit/http/openapi';
import { PLATFORM_ROUTES, ROUTE_TABLES } from './route-tables';

export const OPENAPI_ROUTE_KEY = 'GET /openapi.json';
export const PREFLIGHT_ROUTE_KEY = 'OPTIONS /{proxy+}';

// Read once, at cold start: a missing LIAISON_CORS_ORIGINS fails here, not on the first request.
const config = loadConfig(['corsOrigins']);
const allowedOrigins = config.corsOrigins
  .split(',')
  .map((origin) => origin.trim())
  .filter(Boolean);

let document: string | undefined;
function openApiDocument(): string {
  document ??= JSON.stringify(buildOpenApi(ROUTE_TABLES, { extra: { platform: PLATFORM_ROUTES } }));
  return document;
}

export const handler = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
  const origin = event.headers?.origin;
  switch (event.routeKey) {
    case OPENAPI_ROUTE_KEY:
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/json', 'cache-control': 'public, max-age=300', ...corsHeaders(origin, allowedOrigins) },
        body: openApiDocument(),
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
