// The local token issuer (an RS256 key made at start) and the check that API Gateway's JWT
// authorizer makes: bearer token, signature, issuer, audience (or client_id), expiry and not-before.
// Claims reach the function the way HTTP APIs hand them over: every value as a string.
import { errors as joseErrors, generateKeyPair, jwtVerify, SignJWT, type CryptoKey, type JWTPayload } from 'jose';

export interface JwtCheck {
  issuer: string;
  audience: string[];
  /** Scopes the route requires (AuthorizationScopes); one is enough. */
  scopes?: string[];
}

export type JwtVerdict =
  | { ok: true; claims: Record<string, string>; scopes: string[] | null }
  | { ok: false; status: 401 | 403; wwwAuthenticate: string };

export interface LocalIssuer {
  issuer: string;
  audience: string;
  publicKey: CryptoKey;
  sign(claims: Record<string, unknown>, options?: { expiresInSeconds?: number }): Promise<string>;
}

export const TOKEN_LIFETIME_SECONDS = 12 * 3600;
const KEY_ID = 'liaison-local-1';

export async function createLocalIssuer(issuer: string, audience: string): Promise<LocalIssuer> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  return {
    issuer,
    audience,
    publicKey,
    sign: (claims, options = {}) => {
      // Token times are real time, as Cognito's are; the movable clock is for domain time.
      const now = Math.floor(Date.now() / 1000);
      return new SignJWT({ ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: KEY_ID, typ: 'JWT' })
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + (options.expiresInSeconds ?? TOKEN_LIFETIME_SECONDS))
        .sign(privateKey);
    },
  };
}

/** Go's `fmt` rendering, which is how HTTP APIs turn claim values into strings: `[a b]`, `map[k:v]`. */
export function claimString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(claimString).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `map[${entries.map(([k, v]) => `${k}:${claimString(v)}`).join(' ')}]`;
  }
  return String(value);
}

export function stringifyClaims(payload: JWTPayload): Record<string, string> {
  return Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, claimString(v)]));
}

function invalid(description: string): JwtVerdict {
  return { ok: false, status: 401, wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description}"` };
}

function scopesOf(payload: JWTPayload): string[] {
  const raw = payload.scope ?? payload.scp;
  if (Array.isArray(raw)) return raw.map(String);
  return typeof raw === 'string' ? raw.split(' ').filter(Boolean) : [];
}

/** Checks the identity source value (the Authorization header) as API Gateway's JWT authorizer does. */
export async function verifyBearer(header: string | undefined, key: CryptoKey, check: JwtCheck): Promise<JwtVerdict> {
  if (header === undefined || header.trim() === '') return { ok: false, status: 401, wwwAuthenticate: 'Bearer' };
  // API Gateway takes the token with or without the `Bearer ` scheme.
  const token = header.trim().replace(/^bearer\s+/i, '');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, { algorithms: ['RS256'], issuer: check.issuer }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) return invalid('the token has expired');
    if (err instanceof joseErrors.JWSSignatureVerificationFailed) return invalid('the token does not have a valid signature');
    if (err instanceof joseErrors.JOSEAlgNotAllowed) return invalid('signing method is invalid');
    if (err instanceof joseErrors.JWTClaimValidationFailed) {
      if (err.claim === 'iss') return invalid('the token does not have a valid issuer');
      if (err.claim === 'nbf') return invalid('the token is not valid yet');
      return invalid(`the token has an invalid ${err.claim} claim`);
    }
    return invalid('the token is malformed');
  }
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : (payload.aud ?? []);
  const clientId = typeof payload.client_id === 'string' ? [payload.client_id] : [];
  if (![...audiences, ...clientId].some((a) => check.audience.includes(a))) return invalid('the token does not have a valid audience');
  const scopes = scopesOf(payload);
  if (check.scopes && check.scopes.length > 0 && !check.scopes.some((s) => scopes.includes(s))) {
    return {
      ok: false,
      status: 403,
      wwwAuthenticate: `Bearer scope="${check.scopes.join(' ')}" error="insufficient_scope" error_description="expected scopes: [${check.scopes.join(' ')}]"`,
    };
  }
  return { ok: true, claims: stringifyClaims(payload), scopes: scopes.length > 0 ? scopes : null };
}
