// Stays (API.md: accommodations) in DynamoDB. Like trips: every room and person a stay names, before
// and after the write, has a bookings item read consistently and written on its sequence number in the
// stay's transaction, so two racing writes cannot put one person in two rooms or overfill a room
// unseen. A room's clashes run over consecutive nights, so the check reads all the room's stays (one
// room's, never the event's); for people it reads only the stays overlapping the write.
import type { Envelope, Person, Stay } from '@liaison/contracts';
import { addBooking, bookingsRole, removeBookings } from '@liaison/kit/ddb/bookings';
import { explain, type Role } from '@liaison/kit/ddb/conflicts';
import { readAgainOnChange } from '@liaison/kit/ddb/read-again';
import { batchGet, getItem, queryPage, type Item, type Page, type TransactItem } from '@liaison/kit/ddb/table';
import { ConflictError, ValidationError } from '@liaison/kit/errors';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import { clashChange, type ClashChange } from '../domain/clash-set';
import { planClashes, roomOf, staySpan, type PlanStay } from '../domain/clashes';
import { overlaps } from '@liaison/kit/domain/intervals';
import { personPlanStay, personPlanTrip, personStays, personTrips, roomStays, type StayBookings } from './bookings';
import { clashItems } from './clashes';
import { recordDelete, recordWrite } from './items';
import { keys, partitions } from './keys';
import { toStay } from './records';
import { softItems, type PersonPlan } from './soft';

export async function findStay(tableName: string, id: string, consistent = false): Promise<Stay | null> {
  const item = await getItem(tableName, keys.stay(id), consistent);
  return item ? toStay(item) : null;
}

function stayIndex(s: Stay): Item {
  return { gsi1pk: partitions.allStays, gsi1sk: `${s.checkIn}#${s.id}`, gsi2pk: partitions.staysAtHotel(s.hotel), gsi2sk: `${s.checkIn}#${s.id}` };
}

export interface StayWrite {
  before: Stay | null;
  /** Null: the stay is removed. */
  after: Stay | null;
  allowConflicts: boolean;
  timeZone: string;
  people: ReadonlyMap<string, Person>;
  events: Envelope[];
}

const stays = (w: StayWrite) => [w.before, w.after].filter((s): s is Stay => s !== null);

export async function saveStay(writer: { tableName: string; topicArn: string }, w: StayWrite): Promise<ClashChange> {
  const tableName = writer.tableName;
  const id = (w.after ?? w.before)!.id;
  return readAgainOnChange(async () => {
    const rooms = [...new Set(stays(w).map(roomOf))];
    const personIds = [...new Set(stays(w).flatMap((s) => s.personIds))];
    const [rb, pb, pt] = await Promise.all([
      Promise.all(rooms.map((r) => roomStays(tableName, r))),
      Promise.all(personIds.map((p) => personStays(tableName, p))),
      Promise.all(personIds.map((p) => personTrips(tableName, p))),
    ]);
    const windows = stays(w).map(staySpan);
    const nights = (b: { checkIn: string; checkOut: string }) => staySpan({ checkIn: b.checkIn, checkOut: b.checkOut } as PlanStay);
    const ids = new Set<string>([...rb.flatMap((set) => set.bookings.map((b) => b.id))]);
    for (const set of pb) for (const b of set.bookings) if (windows.some((win) => overlaps(win, nights(b)))) ids.add(b.id);
    ids.delete(id);
    const others = (await batchGet(tableName, [...ids].map(keys.stay), true)).map(toStay);
    const ctx = { timeZone: w.timeZone };
    const relevant = (plan: PlanStay[]) =>
      planClashes({ trips: [], stays: plan, vehicles: [] }, ctx).filter((c) => c.refs.includes(id) || rooms.some((r) => c.scope === `room:${r}`));
    const hard = clashChange(relevant(w.before ? [...others, w.before] : others), relevant(w.after ? [...others, w.after] : others));
    if (hard.opened.length > 0 && !w.allowConflicts) {
      throw new ConflictError(`The stay clashes: ${hard.opened.map((c) => c.message).join('; ')}`, hard.opened.map((c) => ({ kind: c.kind, message: c.message, refs: c.refs })));
    }

    const items: TransactItem[] = [];
    const roles: Role[] = [];
    const add = (item: TransactItem, role: Role) => {
      items.push(item);
      roles.push(role);
    };
    const record = w.after
      ? recordWrite(tableName, keys.stay(id), w.after, stayIndex(w.after), w.before?.version ?? null)
      : recordDelete(tableName, keys.stay(id), w.before!.version);
    add(record.item, record.role);
    const booking = w.after ? { checkIn: w.after.checkIn, checkOut: w.after.checkOut } : null;
    const book = (key: ReturnType<typeof keys.stay>, set: StayBookings, keep: boolean) => {
      if (keep && booking) add(addBooking(tableName, key, set.seq, id, booking), bookingsRole);
      else if (set.bookings.some((b) => b.id === id)) add(removeBookings(tableName, key, [id]), bookingsRole);
    };
    rooms.forEach((r, i) => book(keys.roomStays(r), rb[i]!, w.after !== null && roomOf(w.after) === r));
    const softPlans: PersonPlan[] = [];
    personIds.forEach((p, i) => {
      const keep = w.after?.personIds.includes(p) ?? false;
      book(keys.personStays(p), pb[i]!, keep);
      const mine = pb[i]!.bookings.filter((b) => b.id !== id);
      if (keep && booking) mine.push({ ...booking, id });
      softPlans.push({
        personId: p,
        person: w.people.get(p) ?? null,
        trips: pt[i]!.bookings.map((b) => personPlanTrip(p, b)),
        stays: mine.map((b) => personPlanStay(p, b)),
      });
    });
    for (const item of clashItems(tableName, hard)) add(item, { kind: 'other' });
    const soft = await softItems(tableName, softPlans, w.timeZone);
    soft.items.forEach((item, i) => add(item, soft.roles[i]!));
    if (items.length > 99) throw new ValidationError([{ path: 'personIds', message: 'changes too many people and clashes in one write; change fewer at once' }]);
    await commitWithEvents(writer, items, w.events, explain(roles));
    return hard;
  });
}

export interface StayQuery {
  personId?: string | undefined;
  hotel?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export async function listStays(tableName: string, q: StayQuery): Promise<Page<Stay>> {
  if (q.personId) {
    const set = await personStays(tableName, q.personId);
    const found = (await batchGet(tableName, set.bookings.map((b) => keys.stay(b.id))))
      .map(toStay)
      .filter((s) => !q.hotel || s.hotel.trim().toLowerCase() === q.hotel.trim().toLowerCase())
      .sort((a, b) => a.checkIn.localeCompare(b.checkIn) || a.id.localeCompare(b.id));
    return { items: found, nextCursor: null };
  }
  const page = await queryPage<Item>({
    tableName,
    index: q.hotel ? 'gsi2' : 'gsi1',
    partition: q.hotel ? partitions.staysAtHotel(q.hotel) : partitions.allStays,
    limit: q.limit,
    cursor: q.cursor,
  });
  return { items: page.items.map(toStay), nextCursor: page.nextCursor };
}

/** Every stay of a person (from their bookings item). */
export async function staysOfPerson(tableName: string, personId: string, consistent = false): Promise<Stay[]> {
  const set = await personStays(tableName, personId);
  return (await batchGet(tableName, set.bookings.map((b) => keys.stay(b.id)), consistent)).map(toStay);
}
