import { beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt, generateKeyPair, SignJWT, type CryptoKey } from 'jose';
import { claimString, createLocalIssuer, verifyBearer, type LocalIssuer } from '../src/jwt';

const ISSUER = 'https://cognito-idp.ap-southeast-3.amazonaws.com/ap-southeast-3_AbCdEfGhI';
const CLIENT = 'abcdefghijklmnopqrstuvwxyz';
const check = { issuer: ISSUER, audience: [CLIENT] };

let issuer: LocalIssuer;
beforeAll(async () => {
  issuer = await createLocalIssuer(ISSUER, CLIENT);
});

async function signWith(claims: Record<string, unknown>, opts: { key?: CryptoKey; iss?: string; aud?: string | null; exp?: number; nbf?: number; alg?: string } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const key = opts.key ?? (await generateKeyPair('RS256')).privateKey;
  let jwt = new SignJWT(claims).setProtectedHeader({ alg: opts.alg ?? 'RS256' }).setIssuer(opts.iss ?? ISSUER).setIssuedAt(now).setExpirationTime(opts.exp ?? now + 600);
  if (opts.aud !== null) jwt = jwt.setAudience(opts.aud ?? CLIENT);
  if (opts.nbf !== undefined) jwt = jwt.setNotBefore(opts.nbf);
  return jwt.sign(key);
}

describe('the local issuer', () => {
  it('signs RS256 tokens with its issuer, the client id as audience and 12 hours of life', async () => {
    const token = await issuer.sign({ sub: 's1', 'cognito:groups': ['lo'] });
    const claims = decodeJwt(token);
    expect(claims).toMatchObject({ iss: ISSUER, aud: CLIENT, sub: 's1', 'cognito:groups': ['lo'] });
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
  });
});

describe('the JWT authorizer check', () => {
  it('accepts a good token, with or without the Bearer scheme', async () => {
    const token = await issuer.sign({ sub: 's1', personId: 'per_1', 'cognito:groups': ['lo'], token_use: 'id' });
    const verdict = await verifyBearer(`Bearer ${token}`, issuer.publicKey, check);
    expect(verdict.ok).toBe(true);
    expect((await verifyBearer(token, issuer.publicKey, check)).ok).toBe(true);
  });

  it('hands claims over as HTTP APIs do: strings, arrays as [a b], numbers as text', async () => {
    const token = await issuer.sign({ sub: 's1', 'cognito:groups': ['organizer', 'lo'], admin: true, level: 3, nested: { b: 1, a: 'x' } });
    const verdict = await verifyBearer(`Bearer ${token}`, issuer.publicKey, check);
    if (!verdict.ok) throw new Error('expected a valid token');
    expect(verdict.claims).toMatchObject({ sub: 's1', 'cognito:groups': '[organizer lo]', admin: 'true', level: '3', nested: 'map[a:x b:1]', aud: CLIENT, iss: ISSUER });
    expect(verdict.claims.exp).toMatch(/^\d{10}$/);
    expect(verdict.scopes).toBeNull();
    expect(claimString(['guest'])).toBe('[guest]');
  });

  it.each([
    ['no token', async () => undefined, 'Bearer'],
    ['an empty header', async () => '   ', 'Bearer'],
    ['a token signed by another key', async () => `Bearer ${await signWith({ sub: 's' })}`, 'the token does not have a valid signature'],
    ['garbage', async () => 'Bearer not.a.jwt', 'the token is malformed'],
  ])('refuses %s with 401', async (_name, header, description) => {
    const verdict = await verifyBearer(await header(), issuer.publicKey, check);
    expect(verdict).toMatchObject({ ok: false, status: 401 });
    if (!verdict.ok) expect(verdict.wwwAuthenticate).toContain(description);
  });

  it('refuses a token of the local key with the wrong issuer, audience, expiry or not-before', async () => {
    const own = await generateKeyPair('RS256');
    const now = Math.floor(Date.now() / 1000);
    const mk = (opts: Parameters<typeof signWith>[1]) => signWith({ sub: 's' }, { key: own.privateKey, ...opts });
    const ownCheck = (token: string) => verifyBearer(`Bearer ${token}`, own.publicKey, check);
    expect(await ownCheck(await mk({}))).toMatchObject({ ok: true });
    expect(await ownCheck(await mk({ iss: 'https://cognito-idp.ap-southeast-3.amazonaws.com/other' }))).toEqual({
      ok: false,
      status: 401,
      wwwAuthenticate: 'Bearer scope="" error="invalid_token" error_description="the token does not have a valid issuer"',
    });
    expect(await ownCheck(await mk({ aud: 'another-client' }))).toMatchObject({ ok: false, status: 401, wwwAuthenticate: expect.stringContaining('valid audience') });
    expect(await ownCheck(await mk({ aud: null }))).toMatchObject({ ok: false, status: 401 });
    expect(await ownCheck(await mk({ exp: now - 10 }))).toMatchObject({ ok: false, status: 401, wwwAuthenticate: expect.stringContaining('the token has expired') });
    expect(await ownCheck(await mk({ nbf: now + 600 }))).toMatchObject({ ok: false, status: 401, wwwAuthenticate: expect.stringContaining('not valid yet') });
  });

  it('takes client_id in place of aud, as for access tokens', async () => {
    const own = await generateKeyPair('RS256');
    const token = await signWith({ sub: 's', client_id: CLIENT, scope: 'liaison/read liaison/write', token_use: 'access' }, { key: own.privateKey, aud: null });
    const verdict = await verifyBearer(token, own.publicKey, check);
    expect(verdict).toMatchObject({ ok: true, scopes: ['liaison/read', 'liaison/write'] });
    const scoped = await verifyBearer(token, own.publicKey, { ...check, scopes: ['liaison/admin'] });
    expect(scoped).toMatchObject({ ok: false, status: 403, wwwAuthenticate: expect.stringContaining('insufficient_scope') });
  });

  it('refuses tokens that are not RS256', async () => {
    const secret = new TextEncoder().encode('x'.repeat(32));
    const token = await new SignJWT({ sub: 's' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(ISSUER).setAudience(CLIENT).setExpirationTime('1h').sign(secret);
    expect(await verifyBearer(token, issuer.publicKey, check)).toMatchObject({ ok: false, status: 401 });
  });
});
