// One registry of the shared table's key prefixes: which owner (the kit, or one service) owns which
// beginning of a partition value, both `pk` and the index partition keys (`gsi1pk`...). Services
// share one table, so two owners writing under one prefix would read each other's items in their
// queries, or overwrite them. A test (packages/kit/test/prefixes.test.ts) fails when two owners
// claim the same prefix, or one that begins another's; each service's own test checks that every key
// builder of its store starts with one of its prefixes (see the directory's key-prefixes.test.ts).
//
// Adding a service (logistics, feedback, notifications, ...): list your prefixes below under your
// service's name, end a prefix with `#` unless it is a whole value (`TICKETS` also covers
// `TICKETS#STATUS#...`), and add to your service's tests the check that your builders use them:
//   for (const pk of everyPartitionYourBuildersMake) expect(ownerOf(pk)).toBe('<service>');
// Uniqueness guards are per owner too: `UNIQUE#<ENTITY>#` (the kit's claimUnique takes any key).
// A prefix never changes once items are stored under it (a stack's table outlives deployments).
// The export (GET /export) reaches items only through export-registry.ts: give a new entity a list
// partition or a root there, or its items are missing from exports (its tests say which).

export const KEY_PREFIXES = {
  /** Transactional outbox (`OUTBOX#<id>`, index partition `OUTBOX`), consumer dedupe claims, idempotency keys. */
  kit: ['OUTBOX', 'CONSUMED#', 'IDEMPOTENCY#'],
  /** The event profile (`EVENT`), parties, people and their derived items, assignments, guards, import jobs. */
  directory: ['EVENT', 'PARTY#', 'PARTIES', 'PERSON#', 'PEOPLE', 'ASSIGNMENT#', 'ASSIGNMENTS', 'LO#', 'UNIQUE#PARTY#', 'UNIQUE#PERSON#', 'IMPORT#'],
  logistics: ['VEHICLE#', 'VEHICLES', 'TRIP#', 'TRIPS', 'STAY#', 'STAYS', 'SESSION#', 'SESSIONS', 'MEETING#', 'MEETINGS', 'BOOKED#', 'CLASH#', 'CLASHES'],
  feedback: ['TICKET#', 'TICKETS', 'RATING#', 'RATINGS#'],
  notifications: ['DELIVERY#', 'DELIVERIES', 'BROADCAST#', 'BROADCASTS', 'TEMPLATE#', 'TEMPLATES', 'NOTIFY#'],
} as const satisfies Record<string, readonly string[]>;

export type KeyOwner = keyof typeof KEY_PREFIXES;

export function prefixesOf(owner: KeyOwner): readonly string[] {
  return KEY_PREFIXES[owner];
}

/** Who owns a partition value (the owner of the longest prefix it starts with), or null. */
export function ownerOf(partition: string, registry: Record<string, readonly string[]> = KEY_PREFIXES): string | null {
  let best: { owner: string; length: number } | null = null;
  for (const [owner, prefixes] of Object.entries(registry)) {
    for (const p of prefixes) if (partition.startsWith(p) && (!best || p.length > best.length)) best = { owner, length: p.length };
  }
  return best?.owner ?? null;
}

export interface PrefixClash {
  a: { owner: string; prefix: string };
  b: { owner: string; prefix: string };
}

/** Pairs of prefixes of different owners where one begins the other (so one value could belong to both). */
export function prefixClashes(registry: Record<string, readonly string[]> = KEY_PREFIXES): PrefixClash[] {
  const all = Object.entries(registry).flatMap(([owner, prefixes]) => prefixes.map((prefix) => ({ owner, prefix })));
  const out: PrefixClash[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      const a = all[i] as PrefixClash['a'];
      const b = all[j] as PrefixClash['b'];
      if (a.owner !== b.owner && (a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix))) out.push({ a, b });
    }
  }
  return out;
}
