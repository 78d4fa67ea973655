// Reading a request body as API Gateway delivers it: size limit (413), content type (415),
// JSON syntax (400). Validation against the route's schema happens after, in one place.
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
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes).replace(/^\uFEFF/, '');
  if (type === 'text/csv') return { kind: 'csv', text };
  if (text.trim() === '') throw new MalformedError('The body is empty; send a JSON document', [{ path: '', message: 'is empty' }]);
  try {
    return { kind: 'json', value: JSON.parse(text) as unknown, text };
  } catch (err) {
    throw new MalformedError(`The body is not valid JSON: ${(err as Error).message}`, [{ path: '', message: 'is not valid JSON' }]);
  }
}
