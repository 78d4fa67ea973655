// Helpers for e2e tests over real HTTP against the running local runtime. Every answer `api()` gets is
// checked against the OpenAPI document the runtime serves (status listed, body matching its schema,
// ETag/Location documented): a test fails on an answer the document does not describe.
import { OpenApiCheck } from './openapi-check';

export interface ApiOptions {
  method?: string;
  token?: string;
  /** Sent as JSON unless it is a string (then as is, with the content type you give). */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiAnswer<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON for JSON answers (problem+json too), else the text; null when empty. */
  body: T;
}

export function baseUrl(): string {
  const url = process.env.LIAISON_E2E_URL;
  if (!url) throw new Error('LIAISON_E2E_URL is not set (e2e-setup starts the runtime)');
  return url;
}

export async function api<T = any>(path: string, options: ApiOptions = {}): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    if (typeof options.body === 'string') body = options.body;
    else {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
  }
  const method = options.method ?? (body === undefined ? 'GET' : 'POST');
  const res = await fetch(`${baseUrl()}${path}`, { method, headers, body });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const parsed = text === '' ? null : /json/.test(type) ? JSON.parse(text) : text;
  const answer = { status: res.status, headers: res.headers, body: parsed as T };
  (await openApi()).assert({ method, path, ...answer });
  return answer;
}

let document: Promise<OpenApiCheck> | undefined;

/** The document GET /openapi.json serves, fetched once per test file. */
export function openApi(): Promise<OpenApiCheck> {
  document ??= (async () => {
    const res = await fetch(`${baseUrl()}/openapi.json`);
    if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}: ${await res.text()}`);
    return new OpenApiCheck((await res.json()) as Record<string, unknown>);
  })().catch((err: unknown) => {
    document = undefined;
    throw err;
  });
  return document;
}

/** A token from the local issuer, for a role or for a person in the table. */
export async function tokenFor(who: { role: 'organizer' | 'lo' | 'guest'; personId?: string } | { personId: string }): Promise<string> {
  const res = await api<{ token?: string }>('/_local/tokens', { method: 'POST', body: who });
  if (res.status !== 200 || !res.body.token) throw new Error(`POST /_local/tokens ${JSON.stringify(who)} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.token;
}

/**
 * Polls `fn` until it returns something other than undefined/false without throwing, and returns
 * that; after the deadline, fails with the last error or value. Never a fixed sleep.
 */
export async function waitFor<T>(fn: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 100 } = {}): Promise<Exclude<T, false | undefined>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value !== undefined && value !== false) return value as Exclude<T, false | undefined>;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) {
      const why = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`waitFor: not true within ${timeoutMs} ms (last: ${why})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
