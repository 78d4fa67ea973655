// People: the rules that make a person valid beyond field shapes, defaults, patching, and who may
// change which fields. Pure: no AWS, time passed in.
import type { Language, Person } from '@liaison/contracts';
import { ForbiddenError, ValidationError, type FieldError } from '@liaison/kit/errors';
import type { Principal } from '@liaison/kit/http/auth';
import type { CreatePersonBody, PatchPersonBody } from '../schemas';
import { changedFields, mergePatch } from './changes';

export const PERSON_FIELDS = [
  'name',
  'role',
  'partyId',
  'title',
  'phone',
  'email',
  'language',
  'consent',
  'needs',
  'arrival',
  'departure',
  'externalId',
  'maxParties',
  'languages',
] as const satisfies readonly (keyof Person)[];

export type PersonFields = Pick<Person, (typeof PERSON_FIELDS)[number]>;

export function personFieldsOf(person: Person): PersonFields {
  return Object.fromEntries(PERSON_FIELDS.map((f) => [f, person[f]])) as PersonFields;
}

/** Cross-field rules; returns every broken one. */
export function personRuleErrors(p: PersonFields): FieldError[] {
  const errors: FieldError[] = [];
  if (p.role !== 'lo') {
    if (p.maxParties !== null) errors.push({ path: 'maxParties', message: 'applies to LOs only (role "lo")' });
    if (p.languages !== null) errors.push({ path: 'languages', message: 'applies to LOs only (role "lo"); use `language` for the language a person is served in' });
  }
  if (p.arrival && p.departure && Date.parse(p.arrival.at) >= Date.parse(p.departure.at)) {
    errors.push({ path: 'departure.at', message: 'must be after arrival.at' });
  }
  return errors;
}

export function assertPersonRules(p: PersonFields): void {
  const errors = personRuleErrors(p);
  if (errors.length > 0) throw new ValidationError(errors);
}

/** Fills defaults for a new person; `partyLanguage` and `eventLanguage` decide `language` when absent. */
export function newPersonFields(body: CreatePersonBody, defaults: { partyLanguage: Language | null; eventLanguage: Language }): PersonFields {
  const isLo = body.role === 'lo';
  const fields: PersonFields = {
    name: body.name,
    role: body.role,
    partyId: body.partyId ?? null,
    title: body.title ?? null,
    phone: body.phone ?? null,
    email: body.email ?? null,
    language: body.language ?? defaults.partyLanguage ?? defaults.eventLanguage,
    consent: { sms: body.consent?.sms ?? false, email: body.consent?.email ?? false },
    needs: compactNeeds(body.needs ?? {}),
    arrival: body.arrival ? compactTravel(body.arrival) : null,
    departure: body.departure ? compactTravel(body.departure) : null,
    externalId: body.externalId ?? null,
    maxParties: body.maxParties ?? (isLo ? 1 : null),
    languages: body.languages ?? (isLo ? [] : null),
  };
  assertPersonRules(fields);
  return fields;
}

function compactNeeds(needs: Person['needs']): Person['needs'] {
  return Object.fromEntries(Object.entries(needs).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Person['needs'];
}

function compactTravel(t: { at: string; flight?: string | null; airport?: string | null }): NonNullable<Person['arrival']> {
  return { at: t.at, ...(t.flight ? { flight: t.flight } : {}), ...(t.airport ? { airport: t.airport } : {}) };
}

/** Applies a merge patch to a person's fields and re-checks the rules. */
export function patchPersonFields(current: PersonFields, patch: PatchPersonBody): PersonFields {
  const merged = mergePatch(current, patch as Record<string, unknown>);
  // Role changes carry their defaults: an LO gets a capacity, others lose the LO-only fields.
  if (patch.role !== undefined && patch.role !== current.role) {
    if (merged.role === 'lo') {
      merged.maxParties ??= 1;
      merged.languages ??= [];
    } else {
      if (patch.maxParties === undefined) merged.maxParties = null;
      if (patch.languages === undefined) merged.languages = null;
    }
  }
  const next: PersonFields = {
    ...merged,
    needs: compactNeeds(merged.needs ?? {}),
    arrival: merged.arrival ? travelOrError(merged.arrival, 'arrival') : null,
    departure: merged.departure ? travelOrError(merged.departure, 'departure') : null,
  };
  assertPersonRules(next);
  return next;
}

function travelOrError(t: Partial<NonNullable<Person['arrival']>>, path: string): NonNullable<Person['arrival']> {
  if (!t.at) throw new ValidationError([{ path: `${path}.at`, message: 'is required' }]);
  return compactTravel(t as NonNullable<Person['arrival']>);
}

export function personChanges(before: PersonFields, after: PersonFields): string[] {
  return changedFields(before, after, PERSON_FIELDS);
}

// ---- who may change what

// A guest's own email is a key (imports match rows by it; the 409 on a taken one would confirm who
// holds it), so guests change only how they are reached and served, as API.md says.
const GUEST_SELF_FIELDS = new Set(['language', 'consent', 'needs', 'phone']);
const LO_SELF_FIELDS = new Set(['language', 'consent', 'needs', 'phone', 'email', 'languages', 'title']);
const LO_ASSIGNED_FIELDS = new Set(['language', 'consent', 'needs', 'phone', 'email', 'arrival', 'departure', 'title']);

export type PatchRelation = 'organizer' | 'self' | 'assigned-lo' | 'other';

/**
 * Checks the fields a caller touches. Guests and LOs change only some fields; an LO changes people
 * only when assigned to them (directly or through their party).
 */
export function assertMayPatch(principal: Principal, relation: PatchRelation, patch: PatchPersonBody): void {
  if (relation === 'organizer') return;
  const touched = Object.keys(patch).filter((k) => (patch as Record<string, unknown>)[k] !== undefined);
  let allowed: Set<string>;
  if (relation === 'self') allowed = principal.role === 'lo' ? LO_SELF_FIELDS : GUEST_SELF_FIELDS;
  else if (relation === 'assigned-lo') allowed = LO_ASSIGNED_FIELDS;
  else throw new ForbiddenError('You may change only yourself and the people assigned to you');
  const refused = touched.filter((k) => !allowed.has(k));
  if (refused.length > 0) {
    throw new ForbiddenError(
      `You may not change ${refused.join(', ')}`,
      refused.map((path) => ({ path, message: `only an organiser may change this` })),
    );
  }
}
