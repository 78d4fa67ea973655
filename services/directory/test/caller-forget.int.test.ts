// The directory's own function forgets a caller at once when it deletes them or changes their role,
// instead of trusting its cached role for up to 60 s (other services' functions still may).
import { describe, expect, it } from '@jest/globals';
import { call, claimsFor, create, organizer } from './invoke';

describe("the directory's caller check", () => {
  it('refuses a deleted LO at once in the container that deleted them', async () => {
    const lo = await create('/people', { name: `Forgotten LO ${Math.random()}`, role: 'lo' });
    const asLo = claimsFor('lo', lo.id);
    expect((await call({ method: 'GET', url: '/people?limit=1', claims: asLo })).status).toBe(200);
    expect((await call({ method: 'DELETE', url: `/people/${lo.id}`, claims: organizer })).status).toBe(204);
    expect((await call({ method: 'GET', url: '/people?limit=1', claims: asLo })).status).toBe(401);
  });

  it('gives a demoted LO guest rights at once in the container that demoted them', async () => {
    const lo = await create('/people', { name: `Demoted LO ${Math.random()}`, role: 'lo' });
    const asLo = claimsFor('lo', lo.id);
    expect((await call({ method: 'GET', url: '/people?limit=1', claims: asLo })).status).toBe(200);
    expect((await call({ method: 'PATCH', url: `/people/${lo.id}`, body: { role: 'guest' }, claims: organizer })).status).toBe(200);
    expect((await call({ method: 'GET', url: '/people?limit=1', claims: asLo })).status).toBe(403);
  });
});
