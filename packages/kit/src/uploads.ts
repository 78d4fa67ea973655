// The stack's upload bucket (LIAISON_UPLOADS_BUCKET): presigned PUT URLs for clients to upload files
// too big for a request body, and reads of what they uploaded, whole, by byte range, or as a stream.
// Locally the bucket lives in moto: LIAISON_S3_PATH_STYLE=1 makes the URLs `<endpoint>/<bucket>/<key>`.
//
// No S3 client: requests are signed with SigV4 (the signer, hash and credential chain the DynamoDB
// client already bundles, set up in ./aws/request.ts) and sent with global fetch, so a function that
// touches the bucket carries no extra SDK code. infra/test/grants.test.ts maps calls of the functions exported here to S3 grants.
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { backoff, defaultSigning, retryableAnswer, uriEncode, type Signing } from './aws/request';
import { clock } from './clock';
import { ENV, loadConfig } from './config';

const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MAX_ATTEMPTS = 3;

/** The upload bucket's name, read at cold start by the modules that use it. */
export function loadUploadsBucket(env: NodeJS.ProcessEnv = process.env): string {
  return loadConfig(['uploadsBucket'], env).uploadsBucket;
}

/** A key as S3 wants it in a path: each segment URI-encoded, `/` kept. */
export function encodeKey(key: string): string {
  return key.split('/').map(uriEncode).join('/');
}

/**
 * The object's URL: `<endpoint>/<bucket>/<key>` when LIAISON_S3_PATH_STYLE=1 (moto), otherwise
 * virtual-hosted, `https://<bucket>.s3.<region>.amazonaws.com/<key>`. The endpoint is AWS_ENDPOINT_URL_S3
 * (or AWS_ENDPOINT_URL), as for the SDK clients.
 */
export function objectUrl(bucket: string, key: string, region: string, env: NodeJS.ProcessEnv = process.env): URL {
  const endpoint = env.AWS_ENDPOINT_URL_S3?.trim() || env.AWS_ENDPOINT_URL?.trim() || `https://s3.${region}.amazonaws.com`;
  const base = new URL(endpoint);
  const basePath = base.pathname.replace(/\/+$/, '');
  if (env[ENV.s3PathStyle] === '1') return new URL(`${base.protocol}//${base.host}${basePath}/${encodeURIComponent(bucket)}/${encodeKey(key)}`);
  return new URL(`${base.protocol}//${bucket}.${base.host}${basePath}/${encodeKey(key)}`);
}

function signer(s: Signing): SignatureV4 {
  // S3 signs the path as sent (already encoded once), not normalised or encoded twice.
  return new SignatureV4({ service: 's3', region: s.region, credentials: s.credentials, sha256: Sha256, uriEscapePath: false, applyChecksum: false });
}

function requestOf(method: string, url: URL, headers: Record<string, string>) {
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) query[name] = value;
  return { method, protocol: url.protocol, hostname: url.hostname, port: url.port ? Number(url.port) : undefined, path: url.pathname, query, headers: { host: url.host, ...headers } };
}

/** The signed query, sorted, with the signature last (as in AWS's examples). */
function queryString(query: Record<string, string | string[] | null | undefined>): string {
  const parts: string[] = [];
  const names = Object.keys(query).sort((a, b) => (a === 'X-Amz-Signature' ? 1 : b === 'X-Amz-Signature' ? -1 : a < b ? -1 : a > b ? 1 : 0));
  for (const name of names) {
    const value = query[name];
    for (const v of Array.isArray(value) ? value : [value ?? '']) parts.push(`${uriEncode(name)}=${uriEncode(v)}`);
  }
  return parts.join('&');
}

/**
 * A presigned URL for `method` on `url` (query-string SigV4, payload unsigned), valid `expiresSeconds` from
 * `signingDate`; the headers given (e.g. content-type) are signed and must be sent as they are.
 */
export async function presignUrl(
  method: string,
  url: URL,
  opts: { expiresSeconds: number; headers?: Record<string, string>; signingDate?: Date; signing?: Signing },
): Promise<string> {
  const s = opts.signing ?? defaultSigning();
  const signed = await signer(s).presign(requestOf(method, url, { ...opts.headers, 'x-amz-content-sha256': UNSIGNED_PAYLOAD }), {
    expiresIn: opts.expiresSeconds,
    signingDate: opts.signingDate ?? clock.now(),
    // Only the payload hash: neither in the query nor among the signed headers.
    unhoistableHeaders: new Set(['x-amz-content-sha256']),
    unsignableHeaders: new Set(['x-amz-content-sha256']),
  });
  return `${url.protocol}//${url.host}${url.pathname}?${queryString(signed.query ?? {})}`;
}

/** A URL that lets whoever holds it `PUT` one object at `key`, with that content type, until it expires. */
export async function presignUpload(bucket: string, key: string, contentType: string, expiresSeconds: number): Promise<string> {
  const s = defaultSigning();
  return presignUrl('PUT', objectUrl(bucket, key, s.region), { expiresSeconds, headers: { 'content-type': contentType }, signing: s });
}

/** An S3 answer other than success (or 404 where that means "nothing there"), with its status and S3 error code. */
export class S3Error extends Error {
  constructor(
    readonly action: string,
    readonly status: number,
    readonly code: string | undefined,
    detail: string,
  ) {
    super(`S3 ${action} failed: ${status}${code ? ` ${code}` : ''}${detail ? `: ${detail}` : ''}`);
    this.name = 'S3Error';
  }
}

async function failure(action: string, res: Response): Promise<S3Error> {
  const text = res.body ? await res.text().catch(() => '') : '';
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1];
  const message = /<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? '';
  return new S3Error(action, res.status, code ?? res.headers.get('x-amz-error-code') ?? undefined, message);
}

/**
 * Sends one signed request, up to 3 times on 5xx, throttling or a failed connection (with backoff).
 * Answers the response when it is a success or (when `notFoundIsNull`) a 404 → null; throws S3Error otherwise.
 */
async function send(
  action: string,
  method: 'PUT' | 'GET' | 'HEAD',
  bucket: string,
  key: string,
  opts: { headers?: Record<string, string>; body?: Buffer; notFoundIsNull: boolean },
): Promise<Response | null> {
  const s = defaultSigning();
  const url = objectUrl(bucket, key, s.region);
  const payloadHash = opts.body ? Buffer.from(await hash(opts.body)).toString('hex') : EMPTY_SHA256;
  for (let attempt = 1; ; attempt++) {
    let res: Response;
    try {
      const signed = await signer(s).sign(requestOf(method, url, { ...opts.headers, 'x-amz-content-sha256': payloadHash }), { signingDate: clock.now() });
      const { host: _host, ...headers } = signed.headers as Record<string, string>;
      res = await fetch(url, { method, headers, body: opts.body });
    } catch (err) {
      if (attempt < MAX_ATTEMPTS && err instanceof TypeError) {
        await backoff(attempt);
        continue;
      }
      throw err;
    }
    if (res.ok) return res;
    if (res.status === 404 && opts.notFoundIsNull) {
      await res.body?.cancel();
      return null;
    }
    const err = await failure(action, res);
    if (attempt < MAX_ATTEMPTS && retryableAnswer(err.status, err.code)) {
      await backoff(attempt);
      continue;
    }
    throw err;
  }
}

async function hash(body: Uint8Array): Promise<Uint8Array> {
  const h = new Sha256();
  h.update(body);
  return h.digest();
}

export interface ObjectInfo {
  size: number;
  contentType: string | undefined;
}

/** Size and type of the object, or null when nothing was uploaded there. */
export async function headObject(bucket: string, key: string): Promise<ObjectInfo | null> {
  const res = await send('HeadObject', 'HEAD', bucket, key, { notFoundIsNull: true });
  if (!res) return null;
  return { size: Number(res.headers.get('content-length') ?? 0), contentType: res.headers.get('content-type') ?? undefined };
}

export interface ByteRange {
  /** First byte, 0-based. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

/** The object (or the bytes of `range`) as a stream, or null when it does not exist. */
export async function streamObject(bucket: string, key: string, range?: ByteRange): Promise<Readable | null> {
  const res = await send('GetObject', 'GET', bucket, key, {
    headers: range ? { range: `bytes=${range.start}-${range.end}` } : {},
    notFoundIsNull: true,
  });
  if (!res) return null;
  return res.body ? Readable.fromWeb(res.body as WebReadableStream<Uint8Array>) : Readable.from([]);
}

/** The object (or the bytes of `range`) read into memory, or null when it does not exist. */
export async function readObject(bucket: string, key: string, range?: ByteRange): Promise<Buffer | null> {
  const stream = await streamObject(bucket, key, range);
  if (!stream) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Writes an object (work files a function makes for its workers, e.g. import chunks). */
export async function putObject(bucket: string, key: string, body: string | Buffer, contentType: string): Promise<void> {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const res = await send('PutObject', 'PUT', bucket, key, { headers: { 'content-type': contentType }, body: bytes, notFoundIsNull: false });
  await res?.body?.cancel();
}
