// CORS for browser clients: the allowed origins come from LIAISON_CORS_ORIGINS ("*" or a list).
// Preflight (OPTIONS) reaches the platform function through the `OPTIONS /{proxy+}` route.
import { ENV } from '../config';

export const CORS_ALLOW_HEADERS = 'authorization,content-type,if-match,if-none-match,idempotency-key';
export const CORS_EXPOSE_HEADERS = 'etag,location,idempotent-replayed';
export const CORS_ALLOW_METHODS = 'GET,POST,PUT,PATCH,DELETE,OPTIONS';

export function allowedOrigins(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env[ENV.corsOrigins] ?? '*')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The CORS headers for an answer to a request from `origin` (none when the origin is not allowed). */
export function corsHeaders(origin: string | undefined, allowed: string[]): Record<string, string> {
  if (allowed.includes('*')) return { 'access-control-allow-origin': '*', 'access-control-expose-headers': CORS_EXPOSE_HEADERS };
  // The answer depends on the Origin whenever origins are listed, allowed or not: caches must know.
  if (origin && allowed.includes(origin)) {
    return { 'access-control-allow-origin': origin, 'access-control-expose-headers': CORS_EXPOSE_HEADERS, vary: 'Origin' };
  }
  return { vary: 'Origin' };
}

export function preflightHeaders(origin: string | undefined, allowed: string[]): Record<string, string> {
  const base = corsHeaders(origin, allowed);
  if (!base['access-control-allow-origin']) return base;
  return {
    ...base,
    'access-control-allow-methods': CORS_ALLOW_METHODS,
    'access-control-allow-headers': CORS_ALLOW_HEADERS,
    'access-control-max-age': '600',
  };
}
