// Merge-patch (RFC 7396) and the list of fields a change touched, for `*.updated` events.

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Applies `patch` to `target`: absent keeps, null clears, objects merge, everything else replaces. */
export function mergePatch<T>(target: T, patch: Obj): T {
  if (!isObj(target)) return patch as T;
  const out: Obj = { ...(target as Obj) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (value === null) out[key] = null;
    else if (isObj(value) && isObj(out[key])) out[key] = mergePatch(out[key], value);
    else out[key] = value;
  }
  return out as T;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isObj(v)) {
    return Object.fromEntries(
      Object.keys(v)
        .filter((k) => v[k] !== undefined && v[k] !== null)
        .sort()
        .map((k) => [k, canonical(v[k])]),
    );
  }
  return v;
}

/** Top-level fields among `fields` whose values differ. */
export function changedFields<T extends Obj>(before: T, after: T, fields: readonly (keyof T & string)[]): string[] {
  return fields.filter((f) => !sameValue(before[f], after[f]));
}
