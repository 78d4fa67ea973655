// What an export of the shared table reads, and how, without a Scan: per owner, the partitions that
// list its entities (each item found there names a root whose whole item collection, Query on its
// pk, is exported: the entity and the derived items that share its pk), the partitions that hang off
// a root elsewhere in the table (uniqueness guards, bookings, projections), and the prefixes that are
// left out on purpose. The export service walks it in this order; `kindOf` names each record.
//
// Adding a service or an entity: give it a list partition here (an index partition that holds one item
// per entity, e.g. `VEHICLES` on gsi1), or name the root it hangs off in `COMPANIONS`, and its record
// kinds in `KINDS`. services/operations/test/registry.test.ts fails for a prefix of KEY_PREFIXES that
// nothing here reaches, and the export test fails for a stored item that the walk does not reach.
import { KEY_PREFIXES, type KeyOwner } from './prefixes';
import type { IndexName } from './design';

type Item = Record<string, unknown>;

export interface ListSource {
  owner: KeyOwner;
  /** `table`: `partition` is a pk and its items are exported as they are; an index: each item found is a root. */
  index: IndexName | 'table';
  partition: string;
}

export interface Companion {
  /** Who owns the companion partition. */
  owner: KeyOwner;
  /** Roots it hangs off: a pk prefix of the items found in a list partition, e.g. `PERSON#`. */
  root: string;
  /** The companion partitions (pks) of one root, exported whole after the root's own collection. */
  partitions: (root: Item) => (string | null)[];
  /**
   * When several roots lead to one partition (a room's bookings and each stay in it): true for the one
   * root that exports it, decided from the partition's items, so that it is exported once.
   */
  exportedBy?: (items: Item[], root: Item) => boolean;
}

const idOf = (root: Item, prefix: string): string => String(root.pk).slice(prefix.length);
const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** Read in this order: a cursor names its place by the index of a source in this list. */
export const LIST_SOURCES: readonly ListSource[] = [
  { owner: 'directory', index: 'table', partition: 'EVENT' },
  { owner: 'directory', index: 'gsi1', partition: 'PARTIES' },
  { owner: 'directory', index: 'gsi1', partition: 'PEOPLE' },
  { owner: 'directory', index: 'gsi1', partition: 'ASSIGNMENTS' },
  { owner: 'logistics', index: 'gsi1', partition: 'VEHICLES' },
  { owner: 'logistics', index: 'gsi1', partition: 'TRIPS' },
  { owner: 'logistics', index: 'gsi1', partition: 'STAYS' },
  { owner: 'logistics', index: 'gsi1', partition: 'SESSIONS' },
  { owner: 'logistics', index: 'gsi1', partition: 'MEETINGS' },
  { owner: 'logistics', index: 'gsi1', partition: 'CLASHES' },
  // The `COPY#EVENT` copy of each ticket is the one in `TICKETS`; the collection holds the ticket, its copies and comments.
  { owner: 'feedback', index: 'gsi1', partition: 'TICKETS' },
  { owner: 'feedback', index: 'table', partition: 'RATINGS#BY#subject' },
  { owner: 'feedback', index: 'table', partition: 'RATINGS#BY#party' },
  { owner: 'feedback', index: 'table', partition: 'RATINGS#BY#lo' },
  { owner: 'notifications', index: 'gsi1', partition: 'TEMPLATES' },
  { owner: 'notifications', index: 'gsi1', partition: 'BROADCASTS' },
  { owner: 'notifications', index: 'gsi3', partition: 'DELIVERIES' },
];

/** Partitions that hang off a root found through a list partition. */
export const COMPANIONS: readonly Companion[] = [
  { owner: 'directory', root: 'PARTY#', partitions: (p) => [text(p.externalId) && `UNIQUE#PARTY#EXTERNALID#${text(p.externalId)}`] },
  {
    owner: 'directory',
    root: 'PERSON#',
    partitions: (p) => [text(p.externalId) && `UNIQUE#PERSON#EXTERNALID#${text(p.externalId)}`, text(p.email) && `UNIQUE#PERSON#EMAIL#${text(p.email)!.toLowerCase()}`],
  },
  // A person's trips, stays and soft clashes as logistics books them; their ratings (one per subject and target).
  { owner: 'logistics', root: 'PERSON#', partitions: (p) => [`BOOKED#PERSON#${idOf(p, 'PERSON#')}`] },
  { owner: 'feedback', root: 'PERSON#', partitions: (p) => [`RATING#${idOf(p, 'PERSON#')}`] },
  { owner: 'logistics', root: 'VEHICLE#', partitions: (v) => [`BOOKED#VEHICLE#${idOf(v, 'VEHICLE#')}`] },
  {
    owner: 'logistics',
    root: 'STAY#',
    partitions: (s) => (text(s.hotel) && text(s.room) ? [`BOOKED#ROOM#${roomOf(String(s.hotel), String(s.room))}`] : []),
    // Every stay in a room leads to the room's bookings: the stay with the smallest id among them exports it.
    exportedBy: (items, s) => {
      const ids = items.flatMap((i) => Object.keys((i.bookings ?? {}) as Item)).sort();
      return ids[0] === idOf(s, 'STAY#');
    },
  },
  { owner: 'notifications', root: 'TRIP#', partitions: (t) => [`NOTIFY#TRIP#${idOf(t, 'TRIP#')}`] },
  { owner: 'notifications', root: 'STAY#', partitions: (s) => [`NOTIFY#STAY#${idOf(s, 'STAY#')}`] },
];

/** Logistics' room key (`<hotel>/<room>`, trimmed and lower-cased, as its domain/clashes.ts roomOf makes it). */
function roomOf(hotel: string, room: string): string {
  return `${hotel.trim().toLowerCase()}/${room.trim().toLowerCase()}`;
}

/**
 * Prefixes never exported, and why: short-lived records of the machinery, each with a TTL. Restoring
 * them would do harm (a pending outbox entry would publish its events again) or nothing.
 */
export const NOT_EXPORTED: readonly { owner: KeyOwner; prefix: string; why: string }[] = [
  { owner: 'kit', prefix: 'OUTBOX', why: 'domain events on their way to the topic; restored, they would be published again' },
  { owner: 'kit', prefix: 'CONSUMED#', why: "consumers' dedupe claims, kept for days (TTL)" },
  { owner: 'kit', prefix: 'IDEMPOTENCY#', why: 'Idempotency-Key answers, kept for 24 hours (TTL)' },
  { owner: 'directory', prefix: 'IMPORT#', why: 'import jobs and their chunks, kept for days (TTL); the people they made are exported' },
  { owner: 'notifications', prefix: 'NOTIFY#SUBJECT#', why: 'coalescing windows of minutes, kept 7 days (TTL); restored, a held digest would be sent again' },
];

/** The kind of each record, by pk prefix and sk prefix (the longest match wins). */
export const KINDS: readonly { pk: string; sk?: string; kind: string }[] = [
  { pk: 'EVENT', sk: 'PROFILE', kind: 'profile' },
  { pk: 'EVENT', sk: 'PURGE', kind: 'profile.retentionPurge' },
  { pk: 'PARTY#', sk: 'PARTY', kind: 'party' },
  { pk: 'PARTY#', sk: 'MEMBERS#', kind: 'party.memberCount' },
  { pk: 'PERSON#', sk: 'PERSON', kind: 'person' },
  { pk: 'PERSON#', sk: 'BOOKINGS', kind: 'person.loBookings' },
  { pk: 'PERSON#', sk: 'SEARCH#', kind: 'person.searchTokens' },
  { pk: 'ASSIGNMENT#', kind: 'assignment' },
  { pk: 'UNIQUE#PARTY#', kind: 'party.uniqueGuard' },
  { pk: 'UNIQUE#PERSON#', kind: 'person.uniqueGuard' },
  { pk: 'VEHICLE#', kind: 'vehicle' },
  { pk: 'TRIP#', kind: 'trip' },
  { pk: 'STAY#', kind: 'stay' },
  { pk: 'SESSION#', kind: 'session' },
  { pk: 'MEETING#', kind: 'meeting' },
  { pk: 'BOOKED#VEHICLE#', kind: 'vehicle.bookings' },
  { pk: 'BOOKED#PERSON#', sk: 'TRIPS', kind: 'person.tripBookings' },
  { pk: 'BOOKED#PERSON#', sk: 'STAYS', kind: 'person.stayBookings' },
  { pk: 'BOOKED#PERSON#', sk: 'SOFT', kind: 'person.softClashes' },
  { pk: 'BOOKED#ROOM#', kind: 'room.bookings' },
  { pk: 'CLASH#', sk: 'CLASH', kind: 'clash' },
  { pk: 'CLASH#', sk: 'REF#', kind: 'clash.ref' },
  { pk: 'CLASH#', sk: 'DATE#', kind: 'clash.date' },
  { pk: 'TICKET#', sk: 'TICKET', kind: 'ticket' },
  { pk: 'TICKET#', sk: 'COPY#', kind: 'ticket.indexCopy' },
  { pk: 'TICKET#', sk: 'COMMENT#', kind: 'ticket.comment' },
  { pk: 'RATING#', kind: 'rating' },
  { pk: 'RATINGS#', kind: 'rating.summary' },
  { pk: 'TEMPLATE#', kind: 'template' },
  { pk: 'BROADCAST#', sk: 'BROADCAST', kind: 'broadcast' },
  { pk: 'BROADCAST#', sk: 'COUNTS#', kind: 'broadcast.counts' },
  { pk: 'DELIVERY#', kind: 'delivery' },
  { pk: 'NOTIFY#TRIP#', kind: 'notify.trip' },
  { pk: 'NOTIFY#STAY#', kind: 'notify.stay' },
];

/** The record kind of an item with these keys: the longest pk match, then the longest sk match; unknown keys → `<owner>.other`. */
export function kindOf(pk: string, sk: string): string {
  let best: { kind: string; score: number } | null = null;
  for (const k of KINDS) {
    if (!pk.startsWith(k.pk) || (k.sk !== undefined && !sk.startsWith(k.sk))) continue;
    const score = k.pk.length * 1000 + (k.sk?.length ?? 0);
    if (!best || score > best.score) best = { kind: k.kind, score };
  }
  if (best) return best.kind;
  const owner = Object.entries(KEY_PREFIXES).find(([, prefixes]) => (prefixes as readonly string[]).some((p) => pk.startsWith(p)))?.[0];
  return `${owner ?? 'unknown'}.other`;
}

/** True for an item the export leaves out on purpose (see NOT_EXPORTED). */
export function isNotExported(pk: string): boolean {
  return NOT_EXPORTED.some((n) => pk.startsWith(n.prefix));
}
