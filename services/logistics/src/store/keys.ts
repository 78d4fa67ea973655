// Key design of the logistics items in the shared table. Every access path is a key or an index read.
//
//   item                     pk                           sk               gsi1 (all)                gsi2                           gsi3
//   vehicle                  VEHICLE#<id>                 VEHICLE          VEHICLES / label#id
//   trip                     TRIP#<id>                    TRIP             TRIPS / departAt#id       TRIPS#DATE#<local date> / …    TRIPS#VEHICLE#<id> / departAt#id
//   stay                     STAY#<id>                    STAY             STAYS / checkIn#id        STAYS#HOTEL#<hotel> / …
//   session                  SESSION#<id>                 SESSION          SESSIONS / startsAt#id    SESSIONS#DATE#<local date> / …
//   meeting                  MEETING#<id>                 MEETING          MEETINGS / startsAt#id
//   trip bookings            BOOKED#VEHICLE#<id>          TRIPS            (the vehicle's trips: id → {departAt, arriveBy, status})
//   trip bookings            BOOKED#PERSON#<id>           TRIPS            (a person's trips as passenger or LO)
//   stay bookings            BOOKED#PERSON#<id>           STAYS            (a person's stays: id → {checkIn, checkOut})
//   stay bookings            BOOKED#ROOM#<hotel/room>     STAYS            (a room's stays)
//   open clash               CLASH#<hash>                 CLASH            CLASHES / kind#hash       CLASHES#KIND#<kind> / hash
//   clash ref row            CLASH#<hash>                 REF#<id>                                   CLASHES#REF#<id> / hash
//   clash date row           CLASH#<hash>                 DATE#<date>                                CLASHES#DATE#<date> / hash
//   a guest's soft clashes   BOOKED#PERSON#<id>           SOFT             (keys of their open soft clashes, and their arrival/departure as last seen)
// Bookings items are read consistently and written on their sequence number (@liaison/kit/ddb/bookings),
// so two racing writes that would double-book a vehicle, a person or a room cannot both commit.
import type { Key } from '@liaison/kit/ddb/table';

export const keys = {
  vehicle: (id: string): Key => ({ pk: `VEHICLE#${id}`, sk: 'VEHICLE' }),
  trip: (id: string): Key => ({ pk: `TRIP#${id}`, sk: 'TRIP' }),
  stay: (id: string): Key => ({ pk: `STAY#${id}`, sk: 'STAY' }),
  session: (id: string): Key => ({ pk: `SESSION#${id}`, sk: 'SESSION' }),
  meeting: (id: string): Key => ({ pk: `MEETING#${id}`, sk: 'MEETING' }),
  vehicleTrips: (vehicleId: string): Key => ({ pk: `BOOKED#VEHICLE#${vehicleId}`, sk: 'TRIPS' }),
  personTrips: (personId: string): Key => ({ pk: `BOOKED#PERSON#${personId}`, sk: 'TRIPS' }),
  personStays: (personId: string): Key => ({ pk: `BOOKED#PERSON#${personId}`, sk: 'STAYS' }),
  roomStays: (room: string): Key => ({ pk: `BOOKED#ROOM#${room}`, sk: 'STAYS' }),
  personSoft: (personId: string): Key => ({ pk: `BOOKED#PERSON#${personId}`, sk: 'SOFT' }),
  clash: (hash: string): Key => ({ pk: `CLASH#${hash}`, sk: 'CLASH' }),
  clashRef: (hash: string, id: string): Key => ({ pk: `CLASH#${hash}`, sk: `REF#${id}` }),
  clashDate: (hash: string, date: string): Key => ({ pk: `CLASH#${hash}`, sk: `DATE#${date}` }),
};

export const partitions = {
  allVehicles: 'VEHICLES',
  allTrips: 'TRIPS',
  tripsOnDate: (date: string) => `TRIPS#DATE#${date}`,
  tripsOfVehicle: (vehicleId: string) => `TRIPS#VEHICLE#${vehicleId}`,
  allStays: 'STAYS',
  staysAtHotel: (hotel: string) => `STAYS#HOTEL#${hotel.trim().toLowerCase()}`,
  allSessions: 'SESSIONS',
  sessionsOnDate: (date: string) => `SESSIONS#DATE#${date}`,
  allMeetings: 'MEETINGS',
  allClashes: 'CLASHES',
  clashesOfKind: (kind: string) => `CLASHES#KIND#${kind}`,
  clashesOfRef: (id: string) => `CLASHES#REF#${id}`,
  clashesOnDate: (date: string) => `CLASHES#DATE#${date}`,
};

