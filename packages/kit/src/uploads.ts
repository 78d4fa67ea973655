// The stack's upload bucket (LIAISON_UPLOADS_BUCKET): presigned PUT URLs for clients to upload files
// too big for a request body, and reads of what they uploaded, whole, by byte range, or as a stream.
// Locally the bucket lives in moto: LIAISON_S3_PATH_STYLE=1 makes the URLs `<endpoint>/<bucket>/<key>`.
import { GetObjectCommand, HeadObjectCommand, NoSuchKey, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Readable } from 'node:stream';
import { ENV, loadConfig } from './config';

let client: S3Client | null = null;

/** One client, made on first use (after the runtime has set the environment). */
export function s3(): S3Client {
  client ??= new S3Client({
    maxAttempts: 5,
    forcePathStyle: process.env[ENV.s3PathStyle] === '1',
    // A presigned PUT must not carry a checksum of an empty body: the client uploads the real one.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return client;
}

/** The upload bucket's name, read at cold start by the modules that use it. */
export function loadUploadsBucket(env: NodeJS.ProcessEnv = process.env): string {
  return loadConfig(['uploadsBucket'], env).uploadsBucket;
}

/** A URL that lets whoever holds it `PUT` one object at `key`, with that content type, until it expires. */
export async function presignUpload(bucket: string, key: string, contentType: string, expiresSeconds: number): Promise<string> {
  return getSignedUrl(s3(), new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType }), { expiresIn: expiresSeconds });
}

export interface ObjectInfo {
  size: number;
  contentType: string | undefined;
}

function missing(err: unknown): boolean {
  return err instanceof NoSuchKey || err instanceof NotFound || (err as { name?: string }).name === 'NoSuchKey' || (err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;
}

/** Size and type of the object, or null when nothing was uploaded there. */
export async function headObject(bucket: string, key: string): Promise<ObjectInfo | null> {
  try {
    const out = await s3().send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return { size: out.ContentLength ?? 0, contentType: out.ContentType };
  } catch (err) {
    if (missing(err)) return null;
    throw err;
  }
}

export interface ByteRange {
  /** First byte, 0-based. */
  start: number;
  /** Last byte, inclusive. */
  end: number;
}

/** The object (or the bytes of `range`) as a stream, or null when it does not exist. */
export async function streamObject(bucket: string, key: string, range?: ByteRange): Promise<Readable | null> {
  try {
    const out = await s3().send(new GetObjectCommand({ Bucket: bucket, Key: key, ...(range ? { Range: `bytes=${range.start}-${range.end}` } : {}) }));
    return out.Body as Readable;
  } catch (err) {
    if (missing(err)) return null;
    throw err;
  }
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
  await s3().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
}
