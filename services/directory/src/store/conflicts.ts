// Mapping a cancelled transaction back to what the client did wrong: which guard was taken, which
// version went stale, which referenced item vanished.
import { ConflictError, StaleVersionError, ValidationError, type Clash } from '@liaison/kit/errors';
import type { CancelReason } from '@liaison/kit/ddb/table';

export type Role =
  | { kind: 'versioned'; expected: number }
  | { kind: 'unique'; path: string; what: string }
  | { kind: 'reference'; path: string; message: string }
  | { kind: 'new' }
  | { kind: 'other' };

/** `roles[i]` says what item `i` of the transaction was for. */
export function explain(roles: Role[]): (reasons: CancelReason[]) => Error | null {
  return (reasons) => {
    const clashes: Clash[] = [];
    const missing: { path: string; message: string }[] = [];
    for (let i = 0; i < reasons.length; i++) {
      const reason = reasons[i] as CancelReason;
      if (reason.code !== 'ConditionalCheckFailed') continue;
      const role = roles[i];
      if (!role) continue;
      if (role.kind === 'versioned') return new StaleVersionError(role.expected, typeof reason.item?.version === 'number' ? reason.item.version : null);
      if (role.kind === 'unique') {
        const owner = String(reason.item?.ownerId ?? 'another record');
        clashes.push({ kind: 'duplicate', path: role.path, message: `${role.what} is already used by ${owner}`, refs: [owner] });
      }
      if (role.kind === 'reference') missing.push({ path: role.path, message: role.message });
      if (role.kind === 'new') clashes.push({ kind: 'exists', message: 'the record already exists' });
    }
    if (clashes.length > 0) return new ConflictError(clashes.map((c) => c.message).join('; '), clashes);
    if (missing.length > 0) return new ValidationError(missing);
    return null;
  };
}
