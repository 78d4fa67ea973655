// Who may change what in logistics (API.md): organisers everything; an LO what concerns only the
// parties and people assigned to them (read from the directory: assignments in force now); a guest
// nothing but reading their own itinerary. Unknown people in a body are a 422 naming the field.
import type { Person } from '@liaison/contracts';
import { assignmentsOfLo, getPeople } from '@liaison/directory-read';
import { ForbiddenError, ValidationError, type FieldError } from '@liaison/kit/errors';
import type { Principal } from '@liaison/kit/http/auth';
import { table } from './deps';

export interface LoScope {
  partyIds: Set<string>;
  personIds: Set<string>;
}

/** The parties and people an LO serves now; null for organisers (everything). */
export async function scopeOf(principal: Principal): Promise<LoScope | null> {
  if (principal.role === 'organizer') return null;
  if (principal.role !== 'lo' || !principal.personId) return { partyIds: new Set(), personIds: new Set() };
  const assignments = await assignmentsOfLo(table, principal.personId);
  return {
    partyIds: new Set(assignments.flatMap((a) => (a.partyId ? [a.partyId] : []))),
    personIds: new Set([principal.personId, ...assignments.flatMap((a) => (a.personId ? [a.personId] : []))]),
  };
}

export function serves(scope: LoScope | null, person: Pick<Person, 'id' | 'partyId'>): boolean {
  return scope === null || scope.personIds.has(person.id) || (person.partyId !== null && scope.partyIds.has(person.partyId));
}

/**
 * The people named by the body's fields, read from the directory; a 422 naming each field whose id is
 * unknown, or (for `roles`) whose person has another role.
 */
export async function peopleNamed(fields: { path: string; ids: readonly (string | null | undefined)[]; roles?: readonly Person['role'][] }[]): Promise<Map<string, Person>> {
  const all = [...new Set(fields.flatMap((f) => f.ids.filter((id): id is string => !!id)))];
  const people = new Map((await getPeople(table, all)).map((p) => [p.id, p]));
  const errors: FieldError[] = [];
  for (const f of fields) {
    f.ids.forEach((id, i) => {
      if (!id) return;
      const path = f.ids.length === 1 && !f.path.endsWith('Ids') ? f.path : `${f.path}.${i}`;
      const p = people.get(id);
      if (!p) errors.push({ path, message: `no person ${id}` });
      else if (f.roles && !f.roles.includes(p.role)) errors.push({ path, message: `person ${id} is not ${f.roles.join(' or ')}` });
    });
  }
  if (errors.length > 0) throw new ValidationError(errors);
  return people;
}

/** An LO changes only what concerns their own people: every person given must be theirs. */
export function mustServe(scope: LoScope | null, people: Iterable<Pick<Person, 'id' | 'partyId'> | undefined>, what: string): void {
  if (scope === null) return;
  for (const p of people) {
    if (p && !serves(scope, p)) throw new ForbiddenError(`${what} concerns people who are not assigned to you`);
  }
}
