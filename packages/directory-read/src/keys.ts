// Where the directory keeps what others read: the key builders and index partitions of its items.
// The directory's store writes with these, and every reader reads with them, so the two cannot drift.
//
//   item               pk                               sk          gsi1 (all, by name)   gsi2                          gsi3
//   event profile      EVENT                            PROFILE
//   party              PARTY#<id>                       PARTY       PARTIES / name#id      PARTIES#TYPE#<type> / name#id
//   person             PERSON#<id>                      PERSON      PEOPLE / name#id       PARTY#<partyId>#PEOPLE / name  PEOPLE#ROLE#<role> / name#id
//   LO bookings        PERSON#<loId>                    BOOKINGS    (the LO's assignment windows, read consistently for maxParties)
//   assignment         ASSIGNMENT#<id>                  ASSIGNMENT  ASSIGNMENTS / id       LO#<loId>#ASSIGNMENTS / id    PARTY#<id>#ASSIGNMENTS or PERSON#<id>#ASSIGNMENTS / id
import type { Key } from '@liaison/kit/ddb/table';

export const readKeys = {
  /** The summit's profile (the pk value predates the naming rule and stays, so stored items keep their key). */
  profile: (): Key => ({ pk: 'EVENT', sk: 'PROFILE' }),
  party: (id: string): Key => ({ pk: `PARTY#${id}`, sk: 'PARTY' }),
  person: (id: string): Key => ({ pk: `PERSON#${id}`, sk: 'PERSON' }),
  bookings: (loId: string): Key => ({ pk: `PERSON#${loId}`, sk: 'BOOKINGS' }),
  assignment: (id: string): Key => ({ pk: `ASSIGNMENT#${id}`, sk: 'ASSIGNMENT' }),
};

export const readPartitions = {
  allParties: 'PARTIES',
  partiesOfType: (type: string) => `PARTIES#TYPE#${type}`,
  allPeople: 'PEOPLE',
  peopleOfParty: (partyId: string) => `PARTY#${partyId}#PEOPLE`,
  peopleWithRole: (role: string) => `PEOPLE#ROLE#${role}`,
  allAssignments: 'ASSIGNMENTS',
  assignmentsOfLo: (loId: string) => `LO#${loId}#ASSIGNMENTS`,
  assignmentsOfParty: (partyId: string) => `PARTY#${partyId}#ASSIGNMENTS`,
  assignmentsOfPerson: (personId: string) => `PERSON#${personId}#ASSIGNMENTS`,
};
