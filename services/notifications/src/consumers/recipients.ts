// Who an automatic message goes to: the intent's people, every member of its parties (directory gsi2,
// page by page), the organisers by role (gsi3) and a vehicle's driver; each person once. Also what an
// intent needs looked up for its text (the LO's name and phone, passengers' names, the reporter).
import type { Person } from '@liaison/contracts';
import { allPages, getPeople, peopleOfParty, peopleWithRole } from '@liaison/directory-read';
import { fillNeeds, type Found, type Intent, type IntentAudience } from '../domain/automatic';
import type { Vars } from '../domain/templates';
import type { Recipient } from '../types';

const idsOf = async (people: Promise<Person[]>): Promise<string[]> => (await people).map((p) => p.id);

export async function recipientsOf(tableName: string, audience: IntentAudience): Promise<Recipient[]> {
  const [members, organisers] = await Promise.all([
    Promise.all(audience.partyIds.map((partyId) => idsOf(allPages((cursor) => peopleOfParty(tableName, partyId, { limit: 200, cursor }))))),
    audience.roles?.includes('organizer') ? idsOf(allPages((cursor) => peopleWithRole(tableName, 'organizer', { limit: 200, cursor }))) : Promise.resolve([]),
  ]);
  const personIds = [...new Set([...audience.personIds, ...members.flat(), ...organisers])];
  const out: Recipient[] = personIds.map((personId) => ({ personId }));
  if (audience.driver) out.push({ driver: { ...audience.driver } });
  return out;
}

/** The intent's values with its `needs` looked up in the directory (one batch read). */
export async function varsOf(tableName: string, intent: Intent): Promise<Vars> {
  const needs = intent.needs ?? [];
  if (needs.length === 0) return intent.vars;
  const ids = [
    ...(needs.includes('lo') && intent.loId ? [intent.loId] : []),
    ...(needs.includes('reporter') && intent.reporterId ? [intent.reporterId] : []),
    ...(needs.includes('passengers') ? (intent.passengerIds ?? []) : []),
  ];
  const people = new Map((await getPeople(tableName, ids)).map((p) => [p.id, p]));
  const contact = (id: string | null | undefined) => {
    const p = id ? people.get(id) : undefined;
    return p ? { name: p.name, phone: p.phone } : null;
  };
  const found: Found = {
    lo: contact(intent.loId),
    reporter: contact(intent.reporterId),
    passengers: (intent.passengerIds ?? []).flatMap((id) => {
      const p = people.get(id);
      return p ? [{ name: p.name }] : [];
    }),
  };
  return fillNeeds(intent, found);
}
