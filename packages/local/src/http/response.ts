// Turns what a payload-2.0 function returned into the HTTP answer, as HTTP APIs do: a result with
// `statusCode` is taken field by field; anything else that is JSON becomes a 200 JSON body.

export interface HttpAnswer {
  status: number;
  /** In order; `set-cookie` may repeat. */
  headers: [string, string][];
  body: Buffer;
}

export class BadIntegrationResponse extends Error {}

export function gatewayMessage(status: number, message: string, extra: [string, string][] = []): HttpAnswer {
  return { status, headers: [['content-type', 'application/json'], ...extra], body: Buffer.from(JSON.stringify({ message })) };
}

export const INTERNAL_ERROR = (): HttpAnswer => gatewayMessage(500, 'Internal Server Error');

function headerValue(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new BadIntegrationResponse(`header value ${JSON.stringify(v)} is not a string`);
}

export function answerFromResult(result: unknown): HttpAnswer {
  if (result !== null && typeof result === 'object' && !Array.isArray(result) && 'statusCode' in result) {
    const r = result as { statusCode: unknown; headers?: unknown; multiValueHeaders?: unknown; cookies?: unknown; body?: unknown; isBase64Encoded?: unknown };
    const status = Number(r.statusCode);
    if (!Number.isInteger(status) || status < 100 || status > 599) throw new BadIntegrationResponse(`statusCode ${JSON.stringify(r.statusCode)} is not an HTTP status`);
    const headers: [string, string][] = [];
    const seen = new Set<string>();
    for (const [name, value] of Object.entries((r.headers ?? {}) as Record<string, unknown>)) {
      headers.push([name.toLowerCase(), headerValue(value)]);
      seen.add(name.toLowerCase());
    }
    for (const [name, list] of Object.entries((r.multiValueHeaders ?? {}) as Record<string, unknown>)) {
      if (seen.has(name.toLowerCase())) continue;
      for (const value of Array.isArray(list) ? list : [list]) headers.push([name.toLowerCase(), headerValue(value)]);
    }
    if (r.cookies !== undefined) {
      if (!Array.isArray(r.cookies)) throw new BadIntegrationResponse('cookies is not a list');
      for (const cookie of r.cookies) headers.push(['set-cookie', headerValue(cookie)]);
    }
    let body = Buffer.alloc(0);
    if (r.body !== undefined && r.body !== null) {
      if (typeof r.body !== 'string') throw new BadIntegrationResponse('body is not a string');
      body = r.isBase64Encoded === true ? Buffer.from(r.body, 'base64') : Buffer.from(r.body, 'utf8');
    }
    return { status, headers, body };
  }
  // No statusCode: API Gateway infers 200 and sends the function's JSON result as the body.
  return { status: 200, headers: [['content-type', 'application/json']], body: Buffer.from(JSON.stringify(result ?? null)) };
}
