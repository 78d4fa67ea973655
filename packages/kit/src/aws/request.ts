// One signed request to an AWS service, without that service's SDK client: the SigV4 signer, the credential
// chain and the HTTP handler are the ones the DynamoDB client already bundles, so a function that publishes
// to SNS, sends to SQS or sends email through SES carries no client for them (issue 5: each client is 20 to
// 60 KB a function parses at cold start). The protocol modules beside this one (query.ts, json.ts) build
// the body and read the answer; this module signs, sends, retries what is safe to retry, and turns an error
// answer into an AwsError shaped like the SDK's own (`name` is the error code, `$metadata.httpStatusCode`),
// so code that classifies SDK errors (notifications' send/retry.ts) reads both alike.
//
// Endpoints as the SDK resolves them: AWS_ENDPOINT_URL_<SERVICE> (the local runtime sets these), then
// AWS_ENDPOINT_URL, then the service's public endpoint in AWS_REGION.
import type { IncomingMessage } from 'node:http';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Sha256 } from '@smithy/core/checksum';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import { clock } from '../clock';

/** What signing needs: who signs, where. */
export interface Signing {
  region: string;
  credentials: () => Promise<{ accessKeyId: string; secretAccessKey: string; sessionToken?: string }>;
}

let signing: Signing | null = null;

/** Region (AWS_REGION) and the SDK's default credential chain, made on first use (after the runtime has set the environment). */
export function defaultSigning(): Signing {
  if (!signing) {
    const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
    if (!region) throw new Error('AWS_REGION is not set: AWS requests cannot be signed without a region');
    signing = { region, credentials: defaultProvider() };
  }
  return signing;
}

/** A service as its requests need it. */
export interface AwsService {
  /** The SDK's service id as in `AWS_ENDPOINT_URL_<ID>`: `SNS`, `SQS`, `SESV2`. */
  endpointId: string;
  /** The public endpoint's host prefix: `sns`, `sqs`, `email`. */
  hostPrefix: string;
  /** The SigV4 signing name: `sns`, `sqs`, `ses`. */
  signingName: string;
}

/** The service's endpoint URL (no trailing slash). */
export function endpointOf(service: AwsService, region: string, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env[`AWS_ENDPOINT_URL_${service.endpointId}`]?.trim() || env.AWS_ENDPOINT_URL?.trim();
  return (configured || `https://${service.hostPrefix}.${region}.amazonaws.com`).replace(/\/+$/, '');
}

/** An error answer from an AWS service, shaped like the SDK's ServiceException. */
export class AwsError extends Error {
  readonly $metadata: { httpStatusCode: number; requestId?: string };
  readonly $fault: 'client' | 'server';
  constructor(
    readonly action: string,
    code: string,
    status: number,
    message: string,
    requestId?: string,
  ) {
    super(message || `${action} failed: ${status} ${code}`);
    this.name = code;
    this.$metadata = { httpStatusCode: status, ...(requestId ? { requestId } : {}) };
    this.$fault = status >= 500 ? 'server' : 'client';
  }
}

/** Error codes that mean "slow down" or "try again", whatever the service (S3's included). */
const THROTTLING = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded',
  'RequestThrottled', 'RequestThrottledException', 'SlowDown', 'LimitExceededException', 'RequestTimeout',
  'InternalError', 'ServiceUnavailable',
]);
/** A connection that broke or never opened (no answer to lose): the SDK's standard retry treats these as transient. */
const TRANSIENT = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED']);

/** An error answer worth another attempt: the service's own 5xx, 429, or a throttling code. */
export function retryableAnswer(status: number, code: string | undefined): boolean {
  return status >= 500 || status === 429 || (code !== undefined && THROTTLING.has(code));
}

/** An answer or an error worth another attempt (throttling, the service's own 5xx, a broken connection). */
export function retryable(err: unknown): boolean {
  if (err instanceof AwsError) return retryableAnswer(err.$metadata.httpStatusCode, err.name);
  const e = err as { name?: string; code?: string };
  return e?.name === 'TimeoutError' || (e?.code !== undefined && TRANSIENT.has(e.code));
}

export interface RequestOptions {
  /** Attempts in all; 1 = never retried (the caller decides, e.g. a send that must not go out twice). Default 3. */
  attempts?: number;
  /**
   * Milliseconds after which the SDK's HTTP handler reports a request still unanswered (it logs a warning
   * and goes on waiting, as the SDK clients do unless told to throw). Default none.
   */
  requestTimeoutMs?: number;
  signing?: Signing;
}

export interface AwsRequest {
  service: AwsService;
  /** The operation, for errors: `PublishBatch`. */
  action: string;
  method: 'POST' | 'GET' | 'PUT' | 'DELETE';
  /** Path below the endpoint, starting with `/`. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Reads an error answer's code and message (each protocol writes them differently). */
  errorOf: (status: number, headers: Record<string, string | string[] | undefined>, body: string) => { code: string; message: string; requestId?: string };
}

/** A connection must open within 3 s (a TimeoutError before anything was sent, so safe to retry). */
const handler = new NodeHttpHandler({ connectionTimeout: 3000 });

/** What a transport is told of the request besides the request itself. */
export interface RequestInfo {
  service: string;
  action: string;
  requestTimeoutMs?: number;
}

export type Transport = (request: Parameters<NodeHttpHandler['handle']>[0], info: RequestInfo) => Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>;

async function readBody(stream: IncomingMessage | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends one signed request over the SDK's HTTP handler. */
const nodeTransport: Transport = async (request, info) => {
  const { response } = await handler.handle(request, info.requestTimeoutMs ? { requestTimeout: info.requestTimeoutMs } : {});
  return { status: response.statusCode, headers: response.headers as Record<string, string | undefined>, body: await readBody(response.body as IncomingMessage | undefined) };
};

let transport: Transport = nodeTransport;

/**
 * Replaces how signed requests travel (tests inject faults here, before the request leaves); answers a
 * function that puts the previous transport back.
 */
export function useTransport(wrap: (next: Transport) => Transport): () => void {
  const previous = transport;
  transport = wrap(previous);
  return () => {
    transport = previous;
  };
}

/** Waits before attempt `attempt + 1`: 200 ms, 400 ms, ... up to 2 s, with jitter (half to all of it). */
export async function backoff(attempt: number): Promise<void> {
  const ms = Math.min(2000, 100 * 2 ** attempt) * (0.5 + Math.random() / 2);
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Signs and sends the request, retrying what `retryable` allows; answers the body of a 2xx, throws AwsError otherwise. */
export async function awsRequest(req: AwsRequest, opts: RequestOptions = {}): Promise<string> {
  const s = opts.signing ?? defaultSigning();
  const url = new URL(endpointOf(req.service, s.region) + req.path);
  const signer = new SignatureV4({ service: req.service.signingName, region: s.region, credentials: s.credentials, sha256: Sha256, applyChecksum: false });
  const attempts = opts.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      const query: Record<string, string> = {};
      for (const [name, value] of url.searchParams) query[name] = value;
      const signed = await signer.sign(
        {
          method: req.method,
          protocol: url.protocol,
          hostname: url.hostname,
          port: url.port ? Number(url.port) : undefined,
          path: url.pathname,
          query,
          headers: { host: url.host, ...req.headers, ...(req.body !== undefined ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}) },
          body: req.body,
        },
        { signingDate: clock.now() },
      );
      const res = await transport(signed as Parameters<Transport>[0], { service: req.service.endpointId, action: req.action, ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}) });
      if (res.status >= 200 && res.status < 300) return res.body;
      const { code, message, requestId } = req.errorOf(res.status, res.headers, res.body);
      throw new AwsError(req.action, code || `Http${res.status}`, res.status, message, requestId);
    } catch (err) {
      if (attempt < attempts && retryable(err)) {
        await backoff(attempt);
        continue;
      }
      throw err;
    }
  }
}

/** RFC 3986 encoding, as SigV4 and the query protocol want it: everything but `A-Za-z0-9-._~` percent-encoded. */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
