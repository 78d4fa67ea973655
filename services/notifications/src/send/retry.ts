// What a failed provider call means: try again (it certainly did not go out: throttled, the provider's
// own 5xx, a connection that broke or never opened), give up (the provider refused it: a bad number,
// an unverified sender), or unknown (a request that got no answer may have gone out: never retried, so
// never sent twice). Reasons name the error, never its message (AWS messages can quote the phone number).

export type Verdict = { kind: 'retry' | 'final' | 'unknown'; reason: string };

export const MAX_TRIES = 3;

const THROTTLING = new Set([
  'Throttling', 'ThrottlingException', 'ThrottledException', 'TooManyRequestsException', 'RequestLimitExceeded',
  'LimitExceededException', 'RequestThrottled', 'SlowDown', 'ProvisionedThroughputExceededException',
]);
/** Errors of a connection that broke or never opened, before an answer. */
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED']);
const NO_ANSWER = new Set(['TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);

interface ProviderError {
  name?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number };
}

export function classify(err: unknown): Verdict {
  const e = (err ?? {}) as ProviderError;
  const name = e.name ?? 'Error';
  const status = e.$metadata?.httpStatusCode;
  if (THROTTLING.has(name) || status === 429) return { kind: 'retry', reason: `throttled (${name})` };
  if (NO_ANSWER.has(name) || (e.code && NO_ANSWER.has(e.code))) return { kind: 'unknown', reason: `no answer (${e.code ?? name})` };
  if (status !== undefined && status >= 500) return { kind: 'retry', reason: `provider error ${status} (${name})` };
  if (e.code && NETWORK.has(e.code)) return { kind: 'retry', reason: `network (${e.code})` };
  return { kind: 'final', reason: status !== undefined ? `${name} (${status})` : name };
}

/** Waits before try `next` (2, 3, ...): 250 ms, 500 ms, ... with jitter (half to all of it). */
export function backoffMs(next: number, random: () => number = Math.random): number {
  const base = 250 * 2 ** (next - 2);
  return Math.round(base * (0.5 + random() / 2));
}
