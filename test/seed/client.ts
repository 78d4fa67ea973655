// The seed's HTTP client: calls the running local stack as any API client would.
export const BASE = (process.env.LIAISON_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');

export interface Answer {
  status: number;
  body: any;
}

export async function call(method: string, path: string, token: string | null, body?: unknown, idempotencyKey?: string): Promise<Answer> {
  const res = await fetch(BASE + path, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export function expectOk(what: string, a: Answer, ok: number[] = [200, 201, 204]): void {
  if (!ok.includes(a.status)) throw new Error(`${what}: HTTP ${a.status} ${JSON.stringify(a.body)}`);
}

export async function listAll(path: string, token: string): Promise<any[]> {
  const items: any[] = [];
  let cursor: string | null = null;
  do {
    const a = await call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, token);
    expectOk(`GET ${path}`, a);
    items.push(...a.body.items);
    cursor = a.body.nextCursor;
  } while (cursor);
  return items;
}

/** A token for the person (their own role), cached: tickets and ratings are filed as the guest or LO. */
const tokens = new Map<string, string>();
export async function tokenFor(who: { role: string } | { personId: string }): Promise<string> {
  const k = JSON.stringify(who);
  if (!tokens.has(k)) {
    const a = await call('POST', '/_local/tokens', null, who);
    expectOk('token', a);
    tokens.set(k, a.body.token);
  }
  return tokens.get(k)!;
}
