// Typed errors that domain and adapter code throw; `http/problem.ts` is the one place that maps them to HTTP.

export interface FieldError {
  /** Dotted path of the offending field, e.g. `arrival.at` or `rows.3.email`; `""` for the whole body. */
  path: string;
  message: string;
}

/** One thing a write would clash with (a 409 lists them). */
export interface Clash {
  kind: string;
  message: string;
  refs?: string[];
  path?: string;
  /**
   * Set on clashes that name another record the caller may not learn of (a taken email or
   * externalId): said instead of `message`, without `refs`, to anyone but organisers.
   */
  forOthers?: string;
}

export abstract class AppError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
  readonly errors: FieldError[];
  constructor(message: string, errors: FieldError[] = []) {
    super(message);
    this.name = new.target.name;
    this.errors = errors;
  }
}

/** 400: the request cannot be read at all (malformed JSON, a tampered cursor, a bad header). */
export class MalformedError extends AppError {
  readonly status = 400;
  readonly title = 'Malformed request';
}

/** 401: no token, or a token that does not verify. */
export class UnauthorizedError extends AppError {
  readonly status = 401;
  readonly title = 'Unauthorized';
}

/** 403: the caller is known but may not do this. */
export class ForbiddenError extends AppError {
  readonly status = 403;
  readonly title = 'Forbidden';
}

/** 404: unknown id, or an id the caller may not see. */
export class NotFoundError extends AppError {
  readonly status = 404;
  readonly title = 'Not found';
  constructor(what: string, id?: string) {
    super(id === undefined ? `${what} not found` : `${what} ${id} not found`);
  }
}

/** 409: the write clashes with the current state; `clashes` says with what. */
export class ConflictError extends AppError {
  readonly status = 409;
  readonly title = 'Conflict';
  readonly clashes: Clash[];
  constructor(message: string, clashes: Clash[] = []) {
    super(message, clashes.filter((c) => c.path !== undefined).map((c) => ({ path: c.path as string, message: c.message })));
    this.clashes = clashes;
  }

  /** As a caller who may not learn of other records sees it; itself when nothing needs hiding. */
  redacted(): ConflictError {
    if (!this.clashes.some((c) => c.forOthers !== undefined)) return this;
    const hidden = this.clashes.map(({ forOthers, refs, ...c }) => (forOthers === undefined ? { ...c, ...(refs ? { refs } : {}) } : { ...c, message: forOthers }));
    return new ConflictError(hidden.map((c) => c.message).join('; '), hidden);
  }
}

/** 412: `If-Match` names a version that is no longer current. */
export class StaleVersionError extends AppError {
  readonly status = 412;
  readonly title = 'Precondition failed';
  constructor(
    readonly expected: number,
    readonly current: number | null,
  ) {
    super(
      current === null
        ? `version ${expected} was expected but the resource is gone`
        : `version ${expected} was expected but the current version is ${current}`,
    );
  }
}

/** 413: body over the route's limit. */
export class PayloadTooLargeError extends AppError {
  readonly status = 413;
  readonly title = 'Payload too large';
}

/** 415: a content type the route does not take. */
export class UnsupportedMediaTypeError extends AppError {
  readonly status = 415;
  readonly title = 'Unsupported media type';
}

/** 422: valid JSON that breaks a rule; `errors` names each field. */
export class ValidationError extends AppError {
  readonly status = 422;
  readonly title = 'Validation failed';
  constructor(errors: FieldError[], message = describe(errors)) {
    super(message, errors);
  }
}

function describe(errors: FieldError[]): string {
  const first = errors[0];
  if (!first) return 'The request breaks a rule';
  const where = first.path === '' ? 'body' : first.path;
  return errors.length === 1 ? `${where}: ${first.message}` : `${where}: ${first.message} (and ${errors.length - 1} more)`;
}
