// What a change to a person in the directory does to logistics: their soft clashes follow their
// arrival and departure; a deleted person is taken off every trip, stay and meeting (each write with
// its changed event, as if an organiser had made it), which also closes their clashes.
import type { Meeting, Person, Stay, Trip } from '@liaison/contracts';
import { getPeople, getPerson } from '@liaison/directory-read';
import { explain } from '@liaison/kit/ddb/conflicts';
import { readAgainOnChange } from '@liaison/kit/ddb/read-again';
import { transact } from '@liaison/kit/ddb/table';
import { StaleVersionError } from '@liaison/kit/errors';
import { origin, type StoreContext } from '@liaison/kit/store-context';
import { clock } from '@liaison/kit/clock';
import { changedFields } from '../domain/changes';
import { meetingChanged, stayEvents, tripEvents } from '../events';
import { personPlanStay, personPlanTrip, personStays, personTrips } from './bookings';
import { findMeeting, saveMeeting, wholeProgramme } from './programme';
import { softItems } from './soft';
import { findStay, saveStay, staysOfPerson } from './stays';
import { findTrip, occupantsOf, saveTrip, tripsOfPerson } from './trips';

/** Brings the person's stored soft clashes to what their arrival, departure, trips and stays make now. */
export async function refreshSoftClashes(tableName: string, personId: string, timeZone: string): Promise<void> {
  await readAgainOnChange(async () => {
    const [person, trips, stays] = await Promise.all([getPerson(tableName, personId, { consistent: true }), personTrips(tableName, personId), personStays(tableName, personId)]);
    const plan = { personId, person, trips: trips.bookings.map((b) => personPlanTrip(personId, b)), stays: stays.bookings.map((b) => personPlanStay(personId, b)) };
    const { items, roles } = await softItems(tableName, [plan], timeZone);
    await transact(items, explain(roles));
  });
}

/** Reads the record again and retries when another write moved it on meanwhile. */
async function again<T>(read: () => Promise<T | null>, write: (current: T) => Promise<void>): Promise<void> {
  for (let i = 0; ; i++) {
    const current = await read();
    if (!current) return;
    try {
      await write(current);
      return;
    } catch (err) {
      if (!(err instanceof StaleVersionError) || i >= 5) throw err;
    }
  }
}

async function peopleOf(tableName: string, ids: string[]): Promise<Map<string, Person>> {
  return new Map((await getPeople(tableName, ids)).map((p) => [p.id, p]));
}

/** Takes a deleted person off every trip, stay and meeting that names them. */
export async function removePerson(ctx: StoreContext, personId: string, timeZone: string): Promise<void> {
  const o = origin(ctx);
  for (const t of await tripsOfPerson(ctx.tableName, personId, true)) {
    await again(
      () => findTrip(ctx.tableName, t.id, true),
      async (before) => {
        if (!occupantsOf(before).includes(personId)) return;
        const after: Trip = {
          ...before,
          passengerIds: before.passengerIds.filter((id) => id !== personId),
          loId: before.loId === personId ? null : before.loId,
          version: before.version + 1,
          updatedAt: clock.iso(),
        };
        const people = await peopleOf(ctx.tableName, occupantsOf(before));
        await saveTrip(ctx.tableName, ctx, { before, after, allowConflicts: true, timeZone, people, events: (v) => tripEvents(o, before, after, v) });
      },
    );
  }
  for (const s of await staysOfPerson(ctx.tableName, personId, true)) {
    await again(
      () => findStay(ctx.tableName, s.id, true),
      async (before) => {
        if (!before.personIds.includes(personId)) return;
        const after: Stay = { ...before, personIds: before.personIds.filter((id) => id !== personId), version: before.version + 1, updatedAt: clock.iso() };
        const people = await peopleOf(ctx.tableName, before.personIds);
        await saveStay(ctx, { before, after, allowConflicts: true, timeZone, people, events: stayEvents(o, before, after) });
      },
    );
  }
  const { meetings } = await wholeProgramme(ctx.tableName);
  for (const m of meetings.filter((x) => x.attendeeIds.includes(personId))) {
    await again(
      () => findMeeting(ctx.tableName, m.id, true),
      async (before) => {
        if (!before.attendeeIds.includes(personId)) return;
        const after: Meeting = { ...before, attendeeIds: before.attendeeIds.filter((id) => id !== personId), version: before.version + 1, updatedAt: clock.iso() };
        await saveMeeting(ctx, before, after, [meetingChanged(o, before, after, changedFields(before, after))]);
      },
    );
  }
  await refreshSoftClashes(ctx.tableName, personId, timeZone);
}
