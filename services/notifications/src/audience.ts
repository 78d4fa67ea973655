// A broadcast's audience: checked (does every party, person and trip exist; may this LO address it)
// and resolved to people page by page, by index, never by Scan. The fan-out walks it with a cursor it
// stores on the broadcast, so a crashed fan-out resumes where it stopped; a dry run walks it whole.
//
//   { all }        directory gsi1 (everyone), a page at a time
//   { roles }      directory gsi3, one role after the other
//   { partyIds }   directory gsi2 (members of a party), one party after the other
//   { personIds }  the list itself
//   { tripId }     the trip's passengers (notifications' own projection of logistics' trips)
//   { hotel }      everyone with a stay at the hotel (the projection's hotel index)
import type { BroadcastAudience, Person } from '@liaison/contracts';
import { allPeople, assignmentsOfLo, getParties, getPeople, peopleOfParty, peopleWithRole } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { ForbiddenError, ValidationError, type FieldError } from '@liaison/kit/errors';
import type { FanoutCursor } from './store/broadcasts';
import { peopleAtHotel, tripPassengers } from './store/projection';

/** One page of the audience: the people's ids, and their records when the index gave them. */
export interface AudiencePage {
  personIds: string[];
  people: Person[] | null;
  /** Where the next page starts; null after the last. */
  next: Pick<FanoutCursor, 'part' | 'cursor'> | null;
}

export const PAGE_SIZE = 100;

function parts(a: BroadcastAudience): number {
  if ('roles' in a) return a.roles.length;
  if ('partyIds' in a) return a.partyIds.length;
  return 1;
}

/** The person ids of a list audience (`personIds`, `tripId`, `hotel`), resolved whole: they are short. */
async function listOf(tableName: string, a: BroadcastAudience): Promise<string[]> {
  if ('personIds' in a) return [...new Set(a.personIds)];
  if ('tripId' in a) return [...new Set((await tripPassengers(tableName, a.tripId)) ?? [])];
  if ('hotel' in a) return [...new Set(await peopleAtHotel(tableName, a.hotel))];
  throw new Error('not a list audience');
}

/**
 * The page of the audience at `at` (start: `{ part: 0, cursor: null }`). A list audience is read whole
 * each time and cut at the offset held in `cursor`; the others are index pages.
 */
export async function audiencePage(tableName: string, a: BroadcastAudience, at: Pick<FanoutCursor, 'part' | 'cursor'>, limit = PAGE_SIZE): Promise<AudiencePage> {
  const after = (nextCursor: string | null): AudiencePage['next'] => {
    if (nextCursor !== null) return { part: at.part, cursor: nextCursor };
    return at.part + 1 < parts(a) ? { part: at.part + 1, cursor: null } : null;
  };
  const page = { limit, cursor: at.cursor ?? undefined };
  if ('all' in a || 'roles' in a || 'partyIds' in a) {
    if (at.part >= parts(a)) return { personIds: [], people: [], next: null };
    const out =
      'all' in a ? await allPeople(tableName, page) : 'roles' in a ? await peopleWithRole(tableName, a.roles[at.part]!, page) : await peopleOfParty(tableName, a.partyIds[at.part]!, page);
    return { personIds: out.items.map((p) => p.id), people: out.items, next: after(out.nextCursor) };
  }
  const ids = await listOf(tableName, a);
  const offset = at.cursor === null ? 0 : Number(at.cursor);
  const slice = ids.slice(offset, offset + limit);
  return { personIds: slice, people: null, next: offset + limit < ids.length ? { part: 0, cursor: String(offset + limit) } : null };
}

/** Everyone in the audience, with their records (a dry run; the fan-out goes page by page instead). */
export async function wholeAudience(tableName: string, a: BroadcastAudience): Promise<Person[]> {
  const out: Person[] = [];
  const seen = new Set<string>();
  let at: AudiencePage['next'] = { part: 0, cursor: null };
  while (at) {
    const page: AudiencePage = await audiencePage(tableName, a, at, 1000);
    const people = page.people ?? (await getPeople(tableName, page.personIds));
    for (const p of people) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      out.push(p);
    }
    at = page.next;
  }
  return out;
}

/**
 * Checks that what the audience names exists (422 naming each unknown party, person or trip) and
 * that the caller may address it: organisers anyone; an LO only the parties and people assigned to
 * them now (an audience beyond them, or `all`, `roles`, `hotel`, is 403).
 */
export async function checkAudience(
  tableName: string,
  a: BroadcastAudience,
  caller: { role: 'organizer' | 'lo' | 'guest'; personId: string | null },
): Promise<{ people: Person[] | null }> {
  if (caller.role !== 'organizer') {
    if (caller.role !== 'lo' || caller.personId === null) throw new ForbiddenError('Only organisers and LOs send broadcasts');
    if ('all' in a || 'roles' in a || 'hotel' in a) throw new ForbiddenError('An LO broadcasts only to the parties and people assigned to them');
  }
  const errors: FieldError[] = [];
  let people: Person[] = [];
  if ('partyIds' in a) {
    const found = new Set((await getParties(tableName, a.partyIds)).map((p) => p.id));
    a.partyIds.forEach((id, i) => {
      if (!found.has(id)) errors.push({ path: `audience.partyIds.${i}`, message: `no party ${id} in this event` });
    });
  } else if ('personIds' in a) {
    people = await getPeople(tableName, a.personIds);
    const found = new Set(people.map((p) => p.id));
    a.personIds.forEach((id, i) => {
      if (!found.has(id)) errors.push({ path: `audience.personIds.${i}`, message: `no person ${id} in this event` });
    });
  } else if ('tripId' in a) {
    const passengers = await tripPassengers(tableName, a.tripId);
    if (passengers === null) errors.push({ path: 'audience.tripId', message: `no trip ${a.tripId} in this event` });
    else people = await getPeople(tableName, passengers);
  } else if ('hotel' in a) {
    if ((await peopleAtHotel(tableName, a.hotel)).length === 0) errors.push({ path: 'audience.hotel', message: `nobody is staying at ${a.hotel}` });
  }
  if (errors.length > 0) throw new ValidationError(errors);

  // The people read on the way (a list of people, a trip's passengers): a dry run needs them too.
  const read = { people: 'personIds' in a || 'tripId' in a ? people : null };
  if (caller.role === 'organizer') return read;
  const assignments = await assignmentsOfLo(tableName, caller.personId as string, clock.nowMs());
  const parties = new Set(assignments.flatMap((x) => (x.partyId ? [x.partyId] : [])));
  const direct = new Set(assignments.flatMap((x) => (x.personId ? [x.personId] : [])));
  if ('partyIds' in a) {
    const others = a.partyIds.filter((id) => !parties.has(id));
    if (others.length > 0) throw new ForbiddenError(`Not assigned to you: party ${others.join(', ')}`);
    return read;
  }
  const others = people.filter((p) => p.id !== caller.personId && !direct.has(p.id) && !(p.partyId !== null && parties.has(p.partyId)));
  if (others.length > 0) {
    throw new ForbiddenError('tripId' in a ? 'The trip carries people not assigned to you' : `Not assigned to you: ${others.map((p) => p.id).join(', ')}`);
  }
  return read;
}
