// zod issues → field errors `{ path, message }` that name each bad field in terms a client can act on.
import '@liaison/contracts/locale';
import { safeParse, type $ZodError, type $ZodType, type output } from 'zod/v4/core';

import { ValidationError, type FieldError } from '../errors';

export { safeParse };

export function joinPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'symbol' ? p.toString() : String(p))).join('.');
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let node = input;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

const A_TYPE: Record<string, string> = { string: 'a string', number: 'a number', int: 'a whole number', boolean: 'true or false', object: 'an object', array: 'a list', null: 'null' };

/** `input` is what was validated: it tells a missing field ("is required") from a wrong type. */
export function fieldErrors(error: $ZodError, prefix: readonly PropertyKey[] = [], input?: unknown): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const base = [...prefix, ...issue.path];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: joinPath([...base, key]), message: 'is not a known field' });
    } else if (issue.code === 'invalid_type') {
      const missing = valueAt(input, issue.path) === undefined;
      out.push({ path: joinPath(base), message: missing ? 'is required' : `must be ${A_TYPE[issue.expected] ?? issue.expected}` });
    } else {
      out.push({ path: joinPath(base), message: issue.message });
    }
  }
  return dedupe(out);
}

function dedupe(errors: FieldError[]): FieldError[] {
  const seen = new Set<string>();
  return errors.filter((e) => {
    const k = `${e.path}\u0000${e.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Parses `input` or throws a 422 naming every bad field. */
export function parseOrThrow<S extends $ZodType>(schema: S, input: unknown, prefix: readonly PropertyKey[] = []): output<S> {
  const result = safeParse(schema, input);
  if (!result.success) throw new ValidationError(fieldErrors(result.error, prefix, input));
  return result.data;
}
