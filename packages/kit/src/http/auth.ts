// The caller, from the JWT claims that API Gateway's authorizer has already verified, and the
// per-route role policy. API Gateway hands claims over as strings; arrays arrive as "[a b]".
import { ForbiddenError, UnauthorizedError } from '../errors';
import { ROLES, type Role, type RouteSpec } from './route';

export interface Principal {
  sub: string;
  role: Role;
  /** The person record of the caller; always set for guests and LOs. */
  personId: string | null;
}

type Claims = Record<string, string | number | boolean | string[] | undefined>;

/** `"[organizer lo]"`, `'["lo"]'`, `"lo,guest"`, `["lo"]` → `['organizer','lo']` etc. */
export function parseGroups(value: Claims[string]): string[] {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.map(String);
  const text = String(value).trim();
  if (text.startsWith('[') && text.endsWith(']')) {
    const inner = text.slice(1, -1).trim();
    if (inner.startsWith('"')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return parsed.map(String);
      } catch {
        // not JSON: fall through to the space-separated form
      }
    }
    return inner.split(/[\s,]+/).filter(Boolean);
  }
  return text.split(/[\s,]+/).filter(Boolean);
}

/** The most capable role among the caller's groups: organizer > lo > guest. */
export function roleOf(groups: string[]): Role | null {
  for (const role of ROLES) if (groups.includes(role)) return role;
  return null;
}

export function principalFromClaims(claims: Claims | undefined): Principal | null {
  if (!claims || typeof claims.sub !== 'string' || claims.sub === '') return null;
  const role = roleOf(parseGroups(claims['cognito:groups']));
  if (!role) throw new ForbiddenError('Your account has no Liaison role (organizer, lo or guest)');
  const raw = claims.personId ?? claims['custom:personId'];
  const personId = typeof raw === 'string' && raw !== '' ? raw : null;
  if (personId === null && role !== 'organizer') {
    throw new ForbiddenError(`A ${role} account must be linked to a person (personId claim)`);
  }
  return { sub: claims.sub, role, personId };
}

/** Applies the route's `access` list; public routes get `null`. */
export function authorize(spec: Pick<RouteSpec, 'access'>, claims: Claims | undefined): Principal | null {
  if (spec.access === 'public') return null;
  const principal = principalFromClaims(claims);
  if (!principal) throw new UnauthorizedError('A bearer token is required');
  if (!spec.access.includes(principal.role)) {
    throw new ForbiddenError(`This needs one of the roles: ${spec.access.join(', ')}`);
  }
  return principal;
}
