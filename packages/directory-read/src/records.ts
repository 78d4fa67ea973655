// Stored items → the directory's records, as the API returns them and events carry them. The
// directory's store and every reader map with these, so a field added to a record is added once.
import type { Assignment, EventProfile, Party, Person } from '@liaison/contracts';
import { PROFILE_DEFAULTS, SLA_SEVERITIES } from '@liaison/contracts/constants';
import type { Item } from '@liaison/kit/ddb/table';

export function toPerson(item: Item): Person {
  return {
    id: item.id as string,
    name: item.name as string,
    role: item.role as Person['role'],
    partyId: (item.partyId as string | null) ?? null,
    title: (item.title as string | null) ?? null,
    phone: (item.phone as string | null) ?? null,
    email: (item.email as string | null) ?? null,
    language: item.language as Person['language'],
    consent: (item.consent as Person['consent']) ?? { sms: false, email: false },
    needs: (item.needs as Person['needs']) ?? {},
    arrival: (item.arrival as Person['arrival']) ?? null,
    departure: (item.departure as Person['departure']) ?? null,
    externalId: (item.externalId as string | null) ?? null,
    maxParties: (item.maxParties as number | null) ?? null,
    languages: (item.languages as string[] | null) ?? null,
    version: item.version as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

export function toParty(item: Item): Party {
  return {
    id: item.id as string,
    name: item.name as string,
    type: item.type as Party['type'],
    country: (item.country as string | null) ?? null,
    protocolLevel: item.protocolLevel as Party['protocolLevel'],
    language: (item.language as Party['language']) ?? null,
    externalId: (item.externalId as string | null) ?? null,
    notes: (item.notes as string | null) ?? null,
    version: item.version as number,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
  };
}

export function toAssignment(item: Item): Assignment {
  return {
    id: item.id as string,
    loId: item.loId as string,
    partyId: (item.partyId as string | null) ?? null,
    personId: (item.personId as string | null) ?? null,
    from: (item.from as string | null) ?? null,
    to: (item.to as string | null) ?? null,
    version: item.version as number,
    createdAt: item.createdAt as string,
  };
}

type StoredSla = Partial<Record<(typeof SLA_SEVERITIES)[number], EventProfile['sla']['critical']>>;

/** The profile with its settings' defaults applied: what a PUT left out (or a profile stored before they existed) reads as the default. */
export function toProfile(item: Item): EventProfile {
  const sla = (item.sla ?? {}) as StoredSla;
  return {
    name: item.name as string,
    timeZone: item.timeZone as string,
    languages: item.languages as EventProfile['languages'],
    startsAt: item.startsAt as string,
    endsAt: item.endsAt as string,
    venues: (item.venues as EventProfile['venues'] | undefined) ?? [],
    quietHours: (item.quietHours as EventProfile['quietHours'] | undefined) ?? null,
    sla: Object.fromEntries(SLA_SEVERITIES.map((s) => [s, { ...(sla[s] ?? PROFILE_DEFAULTS.sla[s]) }])) as EventProfile['sla'],
    reminderMinutes: (item.reminderMinutes as number | undefined) ?? PROFILE_DEFAULTS.reminderMinutes,
    coalesceMinutes: (item.coalesceMinutes as number | undefined) ?? PROFILE_DEFAULTS.coalesceMinutes,
    retentionDays: (item.retentionDays as number | undefined) ?? PROFILE_DEFAULTS.retentionDays,
    version: item.version as number,
    updatedAt: item.updatedAt as string,
  };
}
