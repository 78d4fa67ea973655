// Where the notifications service keeps its items. Every partition starts with one of the service's
// prefixes in the kit's registry (packages/kit/src/ddb/prefixes.ts); a test checks the builders.
//
//   item                 pk                                 sk            gsi1                                   gsi2                                         gsi3
//   delivery             DELIVERY#<deliveryId>              DELIVERY      DELIVERIES#PERSON#<personId> / at#id   DELIVERIES#STATUS#<status> / at#id (*)      DELIVERIES / at#id
//                                                                         (a driver's: DELIVERIES#DRIVERS / at#id)
//   broadcast            BROADCAST#<broadcastId>            BROADCAST     BROADCASTS / createdAt#id               BROADCASTS#QUEUED / requeueAt#id (while queued)
//   broadcast counts     BROADCAST#<broadcastId>            COUNTS#<0..7> (sharded counters, summed on read)
//   template             TEMPLATE#<templateKey>             TEMPLATE      TEMPLATES / key
//   trip (projection)    NOTIFY#TRIP#<tripId>               TRIP          NOTIFY#DRIVERS / tripId (while it      NOTIFY#REMINDERS / remindAt#tripId (while due)
//                                                                         holds a driver's name and phone)
//   stay (projection)    NOTIFY#STAY#<stayId>               STAY          NOTIFY#HOTEL#<hotel key> / stayId
//   coalescing state     NOTIFY#SUBJECT#<subject>#<rcpt>    COALESCE                                                NOTIFY#HELD / dueAt#subject#rcpt (while held)
//
//   (*) while `deferred`, a delivery's gsi2 sort key is its sendAt, so the schedule reads what is due.
//
// deliveryId = base64url(sha256(cause \0 recipientKey \0 channel)) cut to 22 characters: the same
// cause, recipient and channel always land on the same item, which is written with a condition
// before anything is sent.
import { createHash } from 'node:crypto';
import type { Key } from '@liaison/kit/ddb/table';
import type { Channel, Recipient } from '../types';

export const COUNT_SHARDS = 8;

/**
 * Who a delivery is for, as a key: the person id, or the driver of a vehicle: the vehicle and a hash of
 * the driver's phone (a vehicle's old and new driver are two recipients; never a phone number in a key).
 */
export function recipientKey(recipient: Recipient): string {
  if ('personId' in recipient) return recipient.personId;
  const who = createHash('sha256').update(recipient.driver.phone).digest('base64url').slice(0, 12);
  return `driver:${recipient.driver.vehicleId}:${who}`;
}

export function deliveryId(cause: string, recipient: string, channel: Channel): string {
  return createHash('sha256').update(`${cause}\u0000${recipient}\u0000${channel}`).digest('base64url').slice(0, 22);
}

export const keys = {
  delivery: (id: string): Key => ({ pk: `DELIVERY#${id}`, sk: 'DELIVERY' }),
  broadcast: (id: string): Key => ({ pk: `BROADCAST#${id}`, sk: 'BROADCAST' }),
  broadcastCounts: (id: string, shard: number): Key => ({ pk: `BROADCAST#${id}`, sk: `COUNTS#${shard}` }),
  template: (templateKey: string): Key => ({ pk: `TEMPLATE#${templateKey}`, sk: 'TEMPLATE' }),
  trip: (tripId: string): Key => ({ pk: `NOTIFY#TRIP#${tripId}`, sk: 'TRIP' }),
  stay: (stayId: string): Key => ({ pk: `NOTIFY#STAY#${stayId}`, sk: 'STAY' }),
  subject: (subject: string, recipient: string): Key => ({ pk: `NOTIFY#SUBJECT#${subject}#${recipient}`, sk: 'COALESCE' }),
};

export const partitions = {
  deliveriesOfPerson: (personId: string) => `DELIVERIES#PERSON#${personId}`,
  /** Deliveries to vehicles' drivers (no person): the retention purge's last event blanks them. */
  driverDeliveries: 'DELIVERIES#DRIVERS',
  deliveriesWithStatus: (status: string) => `DELIVERIES#STATUS#${status}`,
  allDeliveries: 'DELIVERIES',
  allBroadcasts: 'BROADCASTS',
  /** Broadcasts still `queued`, by when to hand them to the fan-out again (store/broadcasts.ts). */
  queuedBroadcasts: 'BROADCASTS#QUEUED',
  templates: 'TEMPLATES',
  /** Hotels are matched case- and space-insensitively: `Hotel Indonesia Kempinski` = `hotel indonesia  kempinski`. */
  staysAtHotel: (hotel: string) => `NOTIFY#HOTEL#${hotel.trim().toLowerCase().replace(/\s+/g, ' ')}`,
  dueReminders: 'NOTIFY#REMINDERS',
  /** Trips of the projection that hold a driver (a name and a phone): what the retention purge blanks. */
  tripsWithDriver: 'NOTIFY#DRIVERS',
  heldDigests: 'NOTIFY#HELD',
};
