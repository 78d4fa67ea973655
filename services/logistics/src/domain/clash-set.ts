// The maintained set of open clashes: what a write opens and closes, as the difference between the
// clashes of the plan before it and after it, by their stable keys (clashes.ts `clashKey`).
import { clashKey, type PlanClash } from './clashes';

export interface ClashChange {
  opened: PlanClash[];
  /** Clashes that no longer hold (as computed before the write: their refs and dates name the rows to remove). */
  closed: PlanClash[];
}

/** Clashes in `after` and not in `before` open; those in `before` and not in `after` close. */
export function clashChange(before: readonly PlanClash[], after: readonly PlanClash[]): ClashChange {
  const was = new Map(before.map((c) => [clashKey(c), c]));
  const now = new Map(after.map((c) => [clashKey(c), c]));
  return {
    opened: [...now].filter(([k]) => !was.has(k)).map(([, c]) => c),
    closed: [...was].filter(([k]) => !now.has(k)).map(([, c]) => c),
  };
}

/** The same change with `other` folded in (a write touching several scopes). */
export function mergeChanges(...changes: ClashChange[]): ClashChange {
  const opened = new Map<string, PlanClash>();
  const closed = new Map<string, PlanClash>();
  for (const c of changes) {
    for (const o of c.opened) opened.set(clashKey(o), o);
    for (const o of c.closed) closed.set(clashKey(o), o);
  }
  for (const k of opened.keys()) closed.delete(k);
  return { opened: [...opened.values()], closed: [...closed.values()] };
}

export const isEmpty = (c: ClashChange) => c.opened.length === 0 && c.closed.length === 0;
