// A bookings item: one item per booked thing (an LO, a vehicle, a room) holding all its bookings and a
// sequence number. Deciding whether a new booking fits reads it consistently; adding one writes it on
// condition that the sequence number is still the one read, so of two racing bookings that each fit
// alone, one commits and the other reads again (and finds it no longer fits). Removing a booking
// never breaks a limit, so it only bumps the number; it never recreates an item that is gone.
//
// Use: `readAgainOnChange(async () => { const set = await readBookings(...); decide with
// @liaison/kit/domain/intervals; commit [...your items, addBooking(...)] with role { kind: 'changed' }
// for the bookings item (see ./conflicts) })`.
import type { Role } from './conflicts';
import { getItem, type Key, type TransactItem } from './table';

export interface BookingSet<B> {
  /** 0 when the item does not exist yet. */
  seq: number;
  bookings: (B & { id: string })[];
}

/** The bookings held in the item at `key`, read consistently (a lagging read would let a double booking through). */
export async function readBookings<B extends object>(tableName: string, key: Key): Promise<BookingSet<B>> {
  const item = await getItem(tableName, key, true);
  const map = (item?.bookings ?? {}) as Record<string, B>;
  return { seq: Number(item?.seq ?? 0), bookings: Object.entries(map).map(([id, b]) => ({ ...b, id })) };
}

/** Adds booking `id` on condition that the item is still at `seenSeq` (0: that it does not exist yet). */
export function addBooking<B extends object>(tableName: string, key: Key, seenSeq: number, id: string, booking: B): TransactItem {
  if (seenSeq === 0) {
    return { Put: { TableName: tableName, Item: { ...key, seq: 1, bookings: { [id]: booking } }, ConditionExpression: 'attribute_not_exists(pk)' } };
  }
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: 'SET bookings.#id = :b, seq = :next',
      ConditionExpression: 'seq = :seen',
      ExpressionAttributeNames: { '#id': id },
      ExpressionAttributeValues: { ':b': booking, ':next': seenSeq + 1, ':seen': seenSeq },
    },
  };
}

/** Takes bookings `ids` off the item and bumps its number; fails (rather than recreate it) if the item is gone. */
export function removeBookings(tableName: string, key: Key, ids: string[]): TransactItem {
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `REMOVE ${ids.map((_, i) => `bookings.#b${i}`).join(', ')} ADD seq :one`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(ids.map((id, i) => [`#b${i}`, id])),
      ExpressionAttributeValues: { ':one': 1 },
    },
  };
}

/** Deletes the whole item (its owner is going away), on condition that nothing was booked since `seenSeq` was read. */
export function dropBookings(tableName: string, key: Key, seenSeq: number): TransactItem {
  return {
    Delete: {
      TableName: tableName,
      Key: key,
      ConditionExpression: 'attribute_not_exists(pk) OR seq = :seen',
      ExpressionAttributeValues: { ':seen': seenSeq },
    },
  };
}

/** The role of a bookings item in a transaction: its condition failing means read again. */
export const bookingsRole: Role = { kind: 'changed', what: 'the bookings' };
