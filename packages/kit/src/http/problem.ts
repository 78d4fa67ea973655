// The one place that turns errors into HTTP answers: typed errors become application/problem+json
// with the fields they name; anything else is a bug, logged with its stack, answered as a bare 500.
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { AppError, ConflictError } from '../errors';
import { log } from '../log';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
  clashes?: ConflictError['clashes'];
  instance?: string;
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: 'malformed-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  409: 'conflict',
  412: 'stale-version',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  422: 'validation-failed',
  500: 'internal-error',
};

export function problemType(status: number): string {
  return `urn:liaison:problem:${TYPE_BY_STATUS[status] ?? 'error'}`;
}

/** Who sees the answer: clashes marked `forOthers` name other records only to organisers. */
export interface Viewer {
  role: string;
}

function clashesOf(err: ConflictError): Problem['clashes'] {
  return err.clashes.map(({ forOthers: _hidden, ...c }) => c);
}

export function toProblem(error: unknown, requestId?: string, viewer?: Viewer | null): Problem {
  const err = error instanceof ConflictError && viewer?.role !== 'organizer' ? error.redacted() : error;
  if (err instanceof AppError) {
    return {
      type: problemType(err.status),
      title: err.title,
      status: err.status,
      detail: err.message,
      ...(err.errors.length > 0 ? { errors: err.errors } : {}),
      ...(err instanceof ConflictError && err.clashes.length > 0 ? { clashes: clashesOf(err) } : {}),
      ...(requestId ? { instance: `urn:request:${requestId}` } : {}),
    };
  }
  log.error('unhandled error', { err, requestId });
  return {
    type: problemType(500),
    title: 'Internal error',
    status: 500,
    detail: 'Something went wrong on our side; it has been logged.',
    ...(requestId ? { instance: `urn:request:${requestId}` } : {}),
  };
}

export function problemResponse(err: unknown, requestId?: string, viewer?: Viewer | null): APIGatewayProxyStructuredResultV2 {
  const problem = toProblem(err, requestId, viewer);
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify(problem),
  };
}
