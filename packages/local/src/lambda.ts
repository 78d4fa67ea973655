// Runs the stack's functions in this process, as Lambda would: a context with the function's name,
// ARN, memory and request id, `getRemainingTimeInMillis` counting down from its timeout, and the
// timeout enforced (the invocation fails; the work it started cannot be stopped, as in Lambda).
import { randomBytes, randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionModel } from './model';

type Handler = (event: unknown, context: Context, callback?: (err?: unknown, result?: unknown) => void) => unknown;

export interface LocalFunction {
  model: FunctionModel;
  handler: Handler;
}

export type InvokeResult =
  | { ok: true; value: unknown; ms: number; requestId: string }
  | { ok: false; error: Error; timedOut: boolean; ms: number; requestId: string };

export class HandlerLoadError extends Error {}

/** Imports every function's module (once per file) and finds its handler export. */
export async function loadFunctions(models: Iterable<FunctionModel>): Promise<Map<string, LocalFunction>> {
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  const out = new Map<string, LocalFunction>();
  for (const model of models) {
    let mod = modules.get(model.entry);
    if (!mod) {
      mod = import(model.entry) as Promise<Record<string, unknown>>;
      modules.set(model.entry, mod);
    }
    let loaded: Record<string, unknown>;
    try {
      loaded = await mod;
    } catch (err) {
      throw new HandlerLoadError(`${model.logicalId}: importing ${model.entry} failed: ${(err as Error).stack ?? String(err)}`);
    }
    const handler = loaded[model.handler] ?? (loaded.default as Record<string, unknown> | undefined)?.[model.handler];
    if (typeof handler !== 'function') {
      throw new HandlerLoadError(`${model.logicalId}: ${model.entry} has no exported function ${model.handler}`);
    }
    out.set(model.logicalId, { model, handler: handler as Handler });
  }
  return out;
}

function logStreamName(): string {
  const d = new Date();
  const day = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
  return `${day}/[$LATEST]${randomBytes(16).toString('hex')}`;
}

export function lambdaContext(model: FunctionModel, requestId: string, deadline: number): Context {
  const unsupported = () => {
    throw new Error('the legacy context.done/succeed/fail are not supported; return or throw instead');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: model.name,
    functionVersion: '$LATEST',
    invokedFunctionArn: model.arn,
    memoryLimitInMB: String(model.memoryMb),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${model.name}`,
    logStreamName: logStreamName(),
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}

class TimeoutError extends Error {}

/** Invokes a function with `event`; never throws: a failure is part of the result. */
export async function invoke(fn: LocalFunction, event: unknown): Promise<InvokeResult> {
  const requestId = randomUUID();
  const started = Date.now();
  const timeoutMs = fn.model.timeoutSeconds * 1000;
  const deadline = started + timeoutMs;
  const context = lambdaContext(fn.model, requestId, deadline);
  let timer: NodeJS.Timeout | undefined;
  try {
    const run = new Promise<unknown>((resolve, reject) => {
      // Callback-style handlers (three parameters) answer through the callback.
      const callback = (err?: unknown, result?: unknown) => (err ? reject(err) : resolve(result));
      try {
        const out = fn.handler(event, context, callback);
        if (fn.handler.length < 3 || (out && typeof (out as Promise<unknown>).then === 'function')) Promise.resolve(out).then(resolve, reject);
      } catch (err) {
        reject(err);
      }
    });
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutError(`Task timed out after ${fn.model.timeoutSeconds.toFixed(2)} seconds`)), timeoutMs);
    });
    const value = await Promise.race([run, timeout]);
    return { ok: true, value, ms: Date.now() - started, requestId };
  } catch (err) {
    const error = err instanceof Error ? err : new Error(String(err));
    return { ok: false, error, timedOut: err instanceof TimeoutError, ms: Date.now() - started, requestId };
  } finally {
    clearTimeout(timer);
  }
}
