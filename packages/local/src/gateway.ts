// The local HTTP API: the template's routes, each to its function through the JWT authorizer when it
// has one, with payload-2.0 events and answers as API Gateway makes them; plus the `/_local` routes.
import http from 'node:http';
import type { CryptoKey } from 'jose';
import { buildHttpEvent, apiGatewayRequestId } from '@liaison/kit/http/gateway-event';
import { RouteMatcher } from '@liaison/kit/http/route-match';
import { answerFromResult, BadIntegrationResponse, gatewayMessage, INTERNAL_ERROR, type HttpAnswer } from './http/response';
import { verifyBearer } from './jwt';
import { invoke, type LocalFunction } from './lambda';
import { handleLocalRoute, type LocalRouteDeps } from './local-routes';
import type { ApiModel, CorsModel, RouteModel } from './model';

/** HTTP APIs refuse request bodies over 10 MB. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface ServedApi {
  matcher: RouteMatcher<RouteModel>;
  apis: ApiModel[];
  functions: Map<string, LocalFunction>;
  accountId: string;
  verifyKey: CryptoKey;
}

export interface GatewayState {
  /** Set when everything is provisioned and running; until then routes answer 503. */
  api: ServedApi | null;
  local: LocalRouteDeps;
  port: number;
  log: (line: string) => void;
  logError: (text: string) => void;
}

const TOO_LARGE = Symbol('too large');

function readBody(req: http.IncomingMessage): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_REQUEST_BYTES) {
      resolve(TOO_LARGE);
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        resolve(TOO_LARGE);
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function corsAllowsOrigin(cors: CorsModel, origin: string): string | null {
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return cors.allowOrigins.includes(origin) ? origin : null;
}

/** API Gateway answers CORS preflights itself when the API has a CORS configuration. */
function preflight(cors: CorsModel, req: http.IncomingMessage): HttpAnswer | null {
  const origin = req.headers.origin;
  const method = req.headers['access-control-request-method'];
  if (req.method !== 'OPTIONS' || !origin || !method) return null;
  const allowed = corsAllowsOrigin(cors, origin);
  const methodOk = cors.allowMethods.includes('*') || cors.allowMethods.includes(String(method).toUpperCase());
  if (!allowed || !methodOk) return { status: 204, headers: [], body: Buffer.alloc(0) };
  const requested = String(req.headers['access-control-request-headers'] ?? '');
  const headers: [string, string][] = [
    ['access-control-allow-origin', allowed],
    ['access-control-allow-methods', cors.allowMethods.includes('*') ? String(method).toUpperCase() : cors.allowMethods.join(',')],
  ];
  if (cors.allowHeaders.length > 0 || requested) {
    headers.push(['access-control-allow-headers', cors.allowHeaders.includes('*') ? requested : cors.allowHeaders.join(',')]);
  }
  if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  if (cors.maxAge !== undefined) headers.push(['access-control-max-age', String(cors.maxAge)]);
  return { status: 204, headers, body: Buffer.alloc(0) };
}

/** CORS headers on an answer; the integration's own CORS headers are ignored, as API Gateway does. */
function withCors(answer: HttpAnswer, cors: CorsModel | null, origin: string | undefined): HttpAnswer {
  if (!cors) return answer;
  const headers = answer.headers.filter(([name]) => !name.startsWith('access-control-'));
  const allowed = origin ? corsAllowsOrigin(cors, origin) : null;
  if (allowed) {
    headers.push(['access-control-allow-origin', allowed]);
    if (cors.exposeHeaders.length > 0) headers.push(['access-control-expose-headers', cors.exposeHeaders.join(',')]);
    if (cors.allowCredentials) headers.push(['access-control-allow-credentials', 'true']);
  }
  return { ...answer, headers };
}

function identity(req: http.IncomingMessage, url: URL, source: string): string | undefined {
  const header = /^\$request\.header\.(.+)$/i.exec(source);
  if (header) {
    const v = req.headers[header[1]!.toLowerCase()];
    return Array.isArray(v) ? v.join(',') : v;
  }
  const query = /^\$request\.querystring\.(.+)$/i.exec(source);
  if (query) return url.searchParams.get(query[1]!) ?? undefined;
  return undefined;
}

async function serveApi(api: ServedApi, req: http.IncomingMessage, body: Buffer, port: number, requestId: string, logError: (text: string) => void): Promise<{ answer: HttpAnswer; cors: CorsModel | null }> {
  const url = new URL(req.url ?? '/', 'http://local');
  const method = (req.method ?? 'GET').toUpperCase();
  const rawPath = (req.url ?? '/').split('?')[0]!;
  const cors = api.apis.find((a) => a.cors)?.cors ?? null;
  const pre = cors ? preflight(cors, req) : null;
  if (pre) return { answer: pre, cors: null };

  const match = api.matcher.match(method, rawPath);
  if (!match) return { answer: gatewayMessage(404, 'Not Found'), cors };
  const route = match.value;

  let authorizer: { claims: Record<string, string>; scopes: string[] | null } | undefined;
  if (route.authorizer) {
    const source = route.authorizer.identitySource[0] ?? '$request.header.Authorization';
    const verdict = await verifyBearer(identity(req, url, source), api.verifyKey, { issuer: route.authorizer.issuer, audience: route.authorizer.audience, scopes: route.scopes });
    if (!verdict.ok) {
      return { answer: gatewayMessage(verdict.status, verdict.status === 401 ? 'Unauthorized' : 'Forbidden', [['www-authenticate', verdict.wwwAuthenticate]]), cors };
    }
    authorizer = { claims: verdict.claims, scopes: verdict.scopes };
  }

  const event = buildHttpEvent(
    {
      method,
      url: req.url ?? '/',
      headers: req.headersDistinct,
      body,
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      protocol: `HTTP/${req.httpVersion}`,
      port,
    },
    { routeKey: match.routeKey, pathParameters: match.pathParameters, apiId: route.apiId, accountId: api.accountId, authorizer },
    new Date(),
    requestId,
  );
  const fn = api.functions.get(route.function)!;
  const result = await invoke(fn, event);
  if (!result.ok) {
    // The function's own log says what went wrong; the caller gets what API Gateway gives.
    logError(`${fn.model.logicalId} ${result.timedOut ? 'timed out' : 'failed'} on ${method} ${rawPath}: ${result.error.stack ?? result.error.message}`);
    return { answer: INTERNAL_ERROR(), cors };
  }
  try {
    return { answer: answerFromResult(result.value), cors };
  } catch (err) {
    if (!(err instanceof BadIntegrationResponse)) throw err;
    logError(`${fn.model.logicalId} returned a response API Gateway cannot use: ${err.message}`);
    return { answer: INTERNAL_ERROR(), cors };
  }
}

function send(res: http.ServerResponse, answer: HttpAnswer, extra: [string, string][]): void {
  const headers = [...answer.headers, ...extra];
  if (!headers.some(([n]) => n.toLowerCase() === 'content-length')) headers.push(['content-length', String(answer.body.length)]);
  res.writeHead(answer.status, headers.flat());
  res.end(answer.body);
}

export function createGateway(state: GatewayState): http.Server {
  const server = http.createServer((req, res) => {
    const started = performance.now();
    const requestId = apiGatewayRequestId();
    const path = (req.url ?? '/').split('?')[0]!;
    const method = req.method ?? 'GET';
    void (async () => {
      let answer: HttpAnswer;
      let cors: CorsModel | null = null;
      let close = false;
      try {
        const body = await readBody(req);
        if (body === TOO_LARGE) {
          answer = gatewayMessage(413, 'Request Entity Too Large');
          close = true;
        } else if (path.startsWith('/_local/')) {
          answer = await handleLocalRoute(method, path, body, state.local);
        } else if (!state.api) {
          answer = gatewayMessage(503, 'Service Unavailable');
        } else {
          ({ answer, cors } = await serveApi(state.api, req, body, state.port, requestId, state.logError));
        }
      } catch (err) {
        state.logError(`local gateway error on ${method} ${path}: ${(err as Error).stack ?? String(err)}`);
        answer = INTERNAL_ERROR();
      }
      answer = withCors(answer, cors, req.headers.origin);
      try {
        send(res, answer, [['apigw-requestid', requestId], ...(close ? ([['connection', 'close']] as [string, string][]) : [])]);
      } catch (err) {
        // A header the function set that HTTP cannot carry.
        state.logError(`answer for ${method} ${path} could not be sent: ${(err as Error).message}`);
        if (!res.headersSent) send(res, INTERNAL_ERROR(), [['apigw-requestid', requestId]]);
        else res.destroy();
      }
      // Paths carry ids only; query strings (which may carry names or phone numbers) are never logged.
      state.log(`${method} ${path} ${answer.status} ${Math.round(performance.now() - started)}ms`);
    })();
  });
  // The client, not the server, ends an idle keep-alive connection. With Node's default (the server
  // closes after 5 s and tells the client so), a client whose event loop was busy past that moment
  // sends its next request down a connection the server has just closed and gets "other side
  // closed" (seen in CI on a loaded machine). The runtime's stop closes every connection itself.
  server.keepAliveTimeout = 0;
  return server;
}
