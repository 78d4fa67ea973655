// What the retention purge keeps of a person, and when it is due. Pure: no clock, no AWS.
//
// Guests and contacts keep what the counts and summaries after the event need, and nothing that names
// or reaches them: their id (trips, stays, tickets and ratings refer to it), role and party (member
// counts, tickets and ratings by party) and language. Their name becomes PURGED_NAME; title, phone,
// email, externalId, consent, needs, arrival and departure go. Staff (LOs, organisers) keep their
// records: they hold the accounts, and their own data goes with the stack.
import type { EventProfile, Person } from '@liaison/contracts';

export const PURGED_NAME = '(removed)';

/** The roles whose personal data the purge removes. */
export const PURGED_ROLES: readonly Person['role'][] = ['guest', 'contact'];

/** When the profile's personal data may no longer be kept: `endsAt` + `retentionDays`. */
export function purgeCutoff(profile: Pick<EventProfile, 'endsAt' | 'retentionDays'>): string {
  return new Date(Date.parse(profile.endsAt) + profile.retentionDays * 86_400_000).toISOString();
}

/** The person as the purge leaves them (id, role, party, language and stamps kept). */
export function purgedFields(p: Person): Person {
  return {
    ...p,
    name: PURGED_NAME,
    title: null,
    phone: null,
    email: null,
    externalId: null,
    consent: { sms: false, email: false },
    needs: {},
    arrival: null,
    departure: null,
  };
}

/** True when the purge still has something to remove from this person. */
export function needsPurge(p: Person): boolean {
  if (!PURGED_ROLES.includes(p.role)) return false;
  const after = purgedFields(p);
  return JSON.stringify(sorted(p)) !== JSON.stringify(sorted(after));
}

function sorted(p: Person): unknown {
  const { version: _v, updatedAt: _u, createdAt: _c, ...rest } = p;
  return Object.fromEntries(Object.entries({ ...rest, needs: Object.fromEntries(Object.entries(rest.needs).filter(([, v]) => v !== null && v !== undefined)) }).sort(([a], [b]) => a.localeCompare(b)));
}

/** The schedule that starts and goes on with the purge (`POST /_local/schedules/retention-purge/run` locally). */
export const RETENTION_SCHEDULE = 'retention-purge';
