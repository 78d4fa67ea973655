// Mapping a cancelled transaction back to what the client did wrong: which guard was taken, which
// version went stale, which referenced item vanished; or to "read again" when an item the decision
// was made on moved on.
import { ConflictError, StaleVersionError, ValidationError, type Clash } from '../errors';
import { ChangedSinceRead } from './read-again';
import type { CancelReason } from './table';

export type Role =
  | { kind: 'versioned'; expected: number }
  | { kind: 'unique'; path: string; what: string }
  | { kind: 'reference'; path: string; message: string }
  /** An item read for the decision (a bookings item, a counter): its condition failing means read again. */
  | { kind: 'changed'; what: string }
  | { kind: 'new' }
  | { kind: 'other' };

/** `roles[i]` says what item `i` of the transaction was for. */
export function explain(roles: Role[]): (reasons: CancelReason[]) => Error | null {
  return (reasons) => {
    const clashes: Clash[] = [];
    const missing: { path: string; message: string }[] = [];
    const failed = reasons.flatMap((reason, i) => (reason.code === 'ConditionalCheckFailed' && roles[i] ? [{ reason, role: roles[i] as Role }] : []));
    // A retry reads everything again and decides again, so it goes before any verdict.
    const changed = failed.find((f) => f.role.kind === 'changed');
    if (changed?.role.kind === 'changed') return new ChangedSinceRead(`${changed.role.what} changed`);
    for (const { reason, role } of failed) {
      if (role.kind === 'versioned') return new StaleVersionError(role.expected, typeof reason.item?.version === 'number' ? reason.item.version : null);
      if (role.kind === 'unique') {
        const owner = String(reason.item?.ownerId ?? 'another record');
        clashes.push({ kind: 'duplicate', path: role.path, message: `${role.what} is already used by ${owner}`, refs: [owner], forOthers: `${role.what} is already used` });
      }
      if (role.kind === 'reference') missing.push({ path: role.path, message: role.message });
      if (role.kind === 'new') clashes.push({ kind: 'exists', message: 'the record already exists' });
    }
    if (clashes.length > 0) return new ConflictError(clashes.map((c) => c.message).join('; '), clashes);
    if (missing.length > 0) return new ValidationError(missing);
    return null;
  };
}
