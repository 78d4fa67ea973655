// A guest's soft clashes (missing pick-up, room, departure), kept open in the clash set: each write
// that changes a person's trips or stays, and each change of their arrival or departure, recomputes
// that person's and writes the difference against the set stored on their SOFT item (written on its
// sequence number, so two racing writes for one person cannot both decide on a stale plan).
import type { Person } from '@liaison/contracts';
import type { Role } from '@liaison/kit/ddb/conflicts';
import { batchGet, type TransactItem } from '@liaison/kit/ddb/table';
import { clashChange, isEmpty } from '../domain/clash-set';
import type { PlanClash, PlanStay, PlanTrip } from '../domain/clashes';
import { personSoftClashes } from '../domain/soft-clashes';
import { clashItems } from './clashes';
import { keys } from './keys';

export interface PersonPlan {
  person: Pick<Person, 'id' | 'role' | 'arrival' | 'departure'> | null;
  personId: string;
  /** The person's trips and stays as they will be after the write. */
  trips: readonly PlanTrip[];
  stays: readonly PlanStay[];
}

/** Only guests and contacts travel in: staff have no pick-up to miss. A deleted person has none. */
function softOf(p: PersonPlan, timeZone: string): PlanClash[] {
  if (!p.person || (p.person.role !== 'guest' && p.person.role !== 'contact')) return [];
  const plan = { id: p.personId, arrival: p.person.arrival ? { at: p.person.arrival.at } : null, departure: p.person.departure ? { at: p.person.departure.at } : null };
  if (!plan.arrival?.at) plan.arrival = null;
  if (!plan.departure?.at) plan.departure = null;
  return personSoftClashes(plan, p.trips, p.stays, { timeZone });
}

/** The items that bring the stored soft clashes of `plans` to what they are now (nothing when they are). */
export async function softItems(tableName: string, plans: readonly PersonPlan[], timeZone: string): Promise<{ items: TransactItem[]; roles: Role[] }> {
  if (plans.length === 0) return { items: [], roles: [] };
  const stored = new Map((await batchGet(tableName, plans.map((p) => keys.personSoft(p.personId)), true)).map((i) => [String(i.pk), i]));
  const items: TransactItem[] = [];
  const roles: Role[] = [];
  for (const p of plans) {
    const key = keys.personSoft(p.personId);
    const item = stored.get(key.pk);
    const before = ((item?.open as PlanClash[] | undefined) ?? []);
    const after = softOf(p, timeZone);
    const change = clashChange(before, after);
    if (isEmpty(change)) continue;
    const seq = Number(item?.seq ?? 0);
    items.push({
      Put: {
        TableName: tableName,
        Item: { ...key, seq: seq + 1, open: after },
        ConditionExpression: seq === 0 ? 'attribute_not_exists(pk)' : 'seq = :seen',
        ...(seq === 0 ? {} : { ExpressionAttributeValues: { ':seen': seq } }),
      },
    });
    roles.push({ kind: 'changed', what: `the soft clashes of person ${p.personId}` });
    const clash = clashItems(tableName, change);
    items.push(...clash);
    roles.push(...clash.map((): Role => ({ kind: 'other' })));
  }
  return { items, roles };
}
