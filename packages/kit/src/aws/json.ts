// The AWS JSON protocols: JSON 1.0 (SQS: POST `/` with an `X-Amz-Target`) and REST-JSON (SES v2: the
// operation is in the method and path). Both answer JSON and name errors in a header or `__type`.
import { awsRequest, type AwsService, type RequestOptions } from './request';

export interface JsonService extends AwsService {
  /** `X-Amz-Target` prefix: SQS `AmazonSQS`. */
  targetPrefix: string;
  /** `application/x-amz-json-<version>`: SQS `1.0`. */
  jsonVersion: '1.0' | '1.1';
}

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** `Namespace#Code:extra` (in `x-amzn-errortype` or `__type`) → `Code`. */
function sanitize(code: string): string {
  return code.split(':')[0]!.split('#').pop()!;
}

/** The code and message of a JSON error answer, wherever the service put them. */
export function jsonErrorOf(status: number, headers: Headers, body: string) {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = body ? (JSON.parse(body) as Record<string, unknown>) : {};
  } catch {
    // not JSON (a proxy's page): the status alone names it
  }
  // SQS answers `x-amzn-query-error: AWS.SimpleQueueService.NonExistentQueue;Sender` for the code its query API had.
  const queryError = header(headers, 'x-amzn-query-error')?.split(';')[0];
  const typed = header(headers, 'x-amzn-errortype') ?? (typeof parsed.__type === 'string' ? parsed.__type : undefined) ?? (typeof parsed.code === 'string' ? parsed.code : undefined);
  const message = typeof parsed.message === 'string' ? parsed.message : typeof parsed.Message === 'string' ? parsed.Message : '';
  return { code: queryError || (typed ? sanitize(typed) : ''), message, requestId: header(headers, 'x-amzn-requestid') };
}

function parse(body: string): unknown {
  return body ? JSON.parse(body) : {};
}

/** Calls `action` of a JSON 1.0/1.1 service with `input`; answers the parsed output. */
export async function jsonCall<T>(service: JsonService, action: string, input: unknown, opts?: RequestOptions): Promise<T> {
  const body = await awsRequest(
    {
      service,
      action,
      method: 'POST',
      path: '/',
      headers: { 'content-type': `application/x-amz-json-${service.jsonVersion}`, 'x-amz-target': `${service.targetPrefix}.${action}` },
      body: JSON.stringify(input),
      errorOf: jsonErrorOf,
    },
    opts,
  );
  return parse(body) as T;
}

/** Calls a REST-JSON operation (`POST /v2/email/outbound-emails`) with `input` as its body; answers the parsed output. */
export async function restJsonCall<T>(service: AwsService, action: string, method: 'POST' | 'PUT', path: string, input: unknown, opts?: RequestOptions): Promise<T> {
  const body = await awsRequest(
    { service, action, method, path, headers: { 'content-type': 'application/json' }, body: JSON.stringify(input), errorOf: jsonErrorOf },
    opts,
  );
  return parse(body) as T;
}
