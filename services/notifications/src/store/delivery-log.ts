// The delivery log as GET /notifications reads it: one index per question, newest first. By person
// (gsi1), by status (gsi2; status and person together read the person's partition through a filter,
// a person's deliveries being few), or everything (gsi3). Deliveries being sent (`pending`) are not
// shown: the log lists what became of a message, and a pending one has not become anything yet.
import type { Delivery } from '@liaison/contracts';
import { queryPage, type Filter, type Item, type Page } from '@liaison/kit/ddb/table';
import { mask } from '../domain/mask';
import { partitions } from './keys';

export interface LogQuery {
  personId?: string;
  status?: Delivery['status'];
  limit: number;
  cursor?: string;
}

const NOT_PENDING: Filter = { expression: '#st <> :pending', names: { '#st': 'status' }, values: { ':pending': 'pending' } };

function statusIs(status: string): Filter {
  return { expression: '#st = :st', names: { '#st': 'status' }, values: { ':st': status } };
}

const iso = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? new Date(v).toISOString() : null);

/** A delivery as the API shows it: `to` masked, the rendered text left out. */
export function toDelivery(item: Item): Delivery {
  return {
    id: item.id as string,
    personId: (item.personId as string | null | undefined) ?? null,
    channel: item.channel as Delivery['channel'],
    to: typeof item.to === 'string' ? mask(item.to) : null,
    templateKey: (item.templateKey as string | null | undefined) ?? null,
    language: (item.language as Delivery['language'] | undefined) ?? null,
    status: item.status as Delivery['status'],
    reason: (item.reason as string | null | undefined) ?? null,
    sourceEventId: (item.sourceEventId as string | null | undefined) ?? null,
    broadcastId: (item.broadcastId as string | null | undefined) ?? null,
    priority: (item.priority as Delivery['priority'] | undefined) ?? 'normal',
    segments: typeof item.segments === 'number' ? item.segments : null,
    createdAt: iso(item.createdAt) as string,
    sendAt: iso(item.sendAt),
    sentAt: iso(item.sentAt),
  };
}

export async function listDeliveries(tableName: string, q: LogQuery): Promise<Page<Delivery>> {
  const common = { tableName, limit: q.limit, cursor: q.cursor, forward: false };
  const page =
    q.personId !== undefined
      ? await queryPage<Item>({ ...common, index: 'gsi1', partition: partitions.deliveriesOfPerson(q.personId), filter: q.status ? statusIs(q.status) : NOT_PENDING, binding: q.status ?? '' })
      : q.status !== undefined
        ? await queryPage<Item>({ ...common, index: 'gsi2', partition: partitions.deliveriesWithStatus(q.status) })
        : await queryPage<Item>({ ...common, index: 'gsi3', partition: partitions.allDeliveries, filter: NOT_PENDING });
  return { items: page.items.map(toDelivery), nextCursor: page.nextCursor };
}
