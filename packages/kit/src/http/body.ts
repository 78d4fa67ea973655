// Reading a request body as API Gateway delivers it: size limit (413), content type (415), UTF-8
// (400), JSON syntax and nesting depth (400). Validation against the route's schema happens after,
// in one place.
import { MalformedError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../errors';
import { DEFAULT_MAX_BODY_BYTES, type BodyType, type RouteSpec } from './route';

export type ParsedBody = { kind: 'none' } | { kind: 'json'; value: unknown; text: string } | { kind: 'csv'; text: string };

interface RawRequest {
  body?: string | undefined;
  isBase64Encoded?: boolean;
  headers?: Record<string, string | undefined>;
}

/** `application/json; charset=utf-8` → `{ type: 'application/json', charset: 'utf-8' }`. */
export function parseContentType(header: string | undefined): { type: string; charset: string | null } | null {
  if (!header) return null;
  const [type, ...params] = header.split(';');
  const charsetParam = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('charset='));
  return { type: (type ?? '').trim().toLowerCase(), charset: charsetParam ? charsetParam.slice(8).replace(/"/g, '') : null };
}

function bodyTypeOf(mediaType: string): BodyType | null {
  if (mediaType === 'application/json' || /^application\/[\w.+-]*\+json$/.test(mediaType)) return 'application/json';
  if (mediaType === 'text/csv') return 'text/csv';
  return null;
}

export function readBody(event: RawRequest, spec: Pick<RouteSpec, 'accepts' | 'maxBodyBytes' | 'body'>): ParsedBody {
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (!spec.body) return { kind: 'none' };
  const max = spec.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  if (bytes.byteLength > max) {
    throw new PayloadTooLargeError(`The body is ${bytes.byteLength} bytes; this route takes at most ${max} bytes`);
  }
  const accepts = spec.accepts ?? ['application/json'];
  const contentType = parseContentType(event.headers?.['content-type']);
  if (bytes.byteLength === 0 && !contentType) {
    throw new MalformedError('A request body is required', [{ path: '', message: `send ${accepts.join(' or ')}` }]);
  }
  const type = contentType ? bodyTypeOf(contentType.type) : null;
  if (!contentType || !type || !accepts.includes(type)) {
    throw new UnsupportedMediaTypeError(
      `Content-Type ${contentType?.type ?? '(none)'} is not accepted here; send ${accepts.join(' or ')}`,
      [{ path: 'Content-Type', message: `must be ${accepts.join(' or ')}` }],
    );
  }
  if (contentType.charset && !['utf-8', 'utf8'].includes(contentType.charset)) {
    throw new UnsupportedMediaTypeError(`charset ${contentType.charset} is not accepted; send UTF-8`, [
      { path: 'Content-Type', message: 'charset must be utf-8' },
    ]);
  }
  let text: string;
  try {
    // API Gateway passes a body that is not valid UTF-8 base64-encoded; refuse it rather than guess.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    throw new MalformedError('The body is not valid UTF-8', [{ path: '', message: 'is not valid UTF-8' }]);
  }
  if (type === 'text/csv') return { kind: 'csv', text };
  if (text.trim() === '') throw new MalformedError('The body is empty; send a JSON document', [{ path: '', message: 'is empty' }]);
  const depth = nestingDepth(text, MAX_JSON_DEPTH);
  if (depth > MAX_JSON_DEPTH) {
    throw new MalformedError(`The body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep`, [
      { path: '', message: `nests more than ${MAX_JSON_DEPTH} levels deep` },
    ]);
  }
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown, text };
  } catch (err) {
    throw new MalformedError(`The body is not valid JSON: ${(err as Error).message}`, [{ path: '', message: 'is not valid JSON' }]);
  }
}

/** Deepest nesting any route needs is well below this; deeper documents only serve to exhaust the stack. */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep `[` and `{` nest in JSON text, outside strings, in one pass without recursion; stops
 * counting past `limit`. Checked before parsing, so nothing recursive (the schema, the fingerprint's
 * JSON.stringify) ever sees a document deeper than the limit.
 */
export function nestingDepth(text: string, limit = Number.POSITIVE_INFINITY): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}
