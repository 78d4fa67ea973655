// Every partition the logistics store writes (pk and index partitions) is under one of logistics'
// prefixes in the kit's registry, so no other owner can read or overwrite its items.
import { describe, expect, it } from '@jest/globals';
import { ownerOf } from '@liaison/kit/ddb/prefixes';
import { CLASH_KINDS } from '../src/domain/clashes';
import { keys, partitions } from '../src/store/keys';

describe('logistics key prefixes', () => {
  it('are all logistics-owned in the registry', () => {
    const all = [
      ...[keys.vehicle, keys.trip, keys.stay, keys.session, keys.meeting, keys.vehicleTrips, keys.personTrips, keys.personStays, keys.roomStays, keys.personSoft, keys.clash].map((k) => k('x_1').pk),
      keys.clashRef('h', 'trp_1').pk,
      keys.clashDate('h', '2027-03-02').pk,
      partitions.allVehicles,
      partitions.allTrips,
      partitions.tripsOnDate('2027-03-02'),
      partitions.tripsOfVehicle('veh_1'),
      partitions.allStays,
      partitions.staysAtHotel('Hotel Mulia'),
      partitions.allSessions,
      partitions.sessionsOnDate('2027-03-02'),
      partitions.allMeetings,
      partitions.allClashes,
      ...CLASH_KINDS.map(partitions.clashesOfKind),
      partitions.clashesOfRef('trp_1'),
      partitions.clashesOnDate('2027-03-02'),
    ];
    for (const pk of all) expect([pk, ownerOf(pk)]).toEqual([pk, 'logistics']);
  });
});
