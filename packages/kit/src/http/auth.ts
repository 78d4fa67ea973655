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

/**
 * Looks the caller up in their current record, so a token outlives neither its person nor their
 * role: null means the person is gone (401); otherwise the principal with the role they hold now.
 * A service supplies one (the kit knows no service's keys); it may cache, within a bound it states.
 */
export type CallerResolver = (principal: Principal) => Promise<Principal | null>;

/** The caller from the claims: `null` on public routes; 401 without a token. Does not check the role. */
export function authenticate(spec: Pick<RouteSpec, 'access'>, claims: Claims | undefined): Principal | null {
  if (spec.access === 'public') return null;
  const principal = principalFromClaims(claims);
  if (!principal) throw new UnauthorizedError('A bearer token is required');
  return principal;
}

/** The route's `access` list, applied to a caller as they are now. */
export function checkAccess(spec: Pick<RouteSpec, 'access'>, principal: Principal | null): void {
  if (spec.access === 'public' || !principal) return;
  if (!spec.access.includes(principal.role)) {
    throw new ForbiddenError(`This needs one of the roles: ${spec.access.join(', ')}`);
  }
}

/** Applies the route's `access` list to the token alone; public routes get `null`. */
export function authorize(spec: Pick<RouteSpec, 'access'>, claims: Claims | undefined): Principal | null {
  const principal = authenticate(spec, claims);
  checkAccess(spec, principal);
  return principal;
}

/**
 * Authenticates, checks the caller against their current record when a resolver is given, then
 * applies `access` to the role they hold now. Organisers whose token names no person have no record
 * to check against (the event's first organisers exist before any person does): for them the token
 * is the whole truth, until it expires or their Cognito account is disabled.
 */
export async function authorizeCaller(spec: Pick<RouteSpec, 'access'>, claims: Claims | undefined, resolve?: CallerResolver): Promise<Principal | null> {
  const claimed = authenticate(spec, claims);
  let principal = claimed;
  if (claimed && resolve && claimed.personId !== null) {
    principal = await resolve(claimed);
    if (!principal) throw new UnauthorizedError('Your person record no longer exists; this token is no longer accepted');
  }
  checkAccess(spec, principal);
  return principal;
}
