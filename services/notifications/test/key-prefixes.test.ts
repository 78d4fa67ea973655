// Every partition the notifications store writes (pk and index partitions) is under one of its
// prefixes in the kit's registry, so no other owner can read or overwrite its items.
import { describe, expect, it } from '@jest/globals';
import { ownerOf } from '@liaison/kit/ddb/prefixes';
import { COUNT_SHARDS, keys, partitions } from '../src/store/keys';
import { DELIVERY_STATUSES } from '../src/types';

describe('notifications key prefixes', () => {
  it('are all notifications-owned in the registry', () => {
    const partitionValues = [
      keys.delivery('d1').pk,
      keys.broadcast('brd_1').pk,
      ...Array.from({ length: COUNT_SHARDS }, (_, shard) => keys.broadcastCounts('brd_1', shard).pk),
      keys.template('trip.changed').pk,
      keys.template('gala_dinner').pk,
      keys.trip('trp_1').pk,
      keys.stay('sty_1').pk,
      keys.subject('trip:trp_1', 'per_1').pk,
      keys.subject('ticket:tkt_1', 'driver:veh_1').pk,
      partitions.deliveriesOfPerson('per_1'),
      partitions.driverDeliveries,
      ...DELIVERY_STATUSES.map(partitions.deliveriesWithStatus),
      partitions.allDeliveries,
      partitions.templates,
      partitions.staysAtHotel('Hotel Indonesia  Kempinski'),
      partitions.dueReminders,
      partitions.tripsWithDriver,
      partitions.queuedBroadcasts,
      partitions.heldDigests,
    ];
    for (const pk of partitionValues) expect([pk, ownerOf(pk)]).toEqual([pk, 'notifications']);
  });

  it('keeps a broadcast and its counter shards in one partition, so one query reads them all', () => {
    const shards = Array.from({ length: COUNT_SHARDS }, (_, shard) => keys.broadcastCounts('brd_1', shard));
    expect(new Set(shards.map((k) => k.pk))).toEqual(new Set([keys.broadcast('brd_1').pk]));
    expect(new Set(shards.map((k) => k.sk)).size).toBe(COUNT_SHARDS);
  });
});
