// Key design of the directory's items in the shared table. Every access path below is a key or index read.
//
//   item               pk                               sk          gsi1 (all, by name)   gsi2                          gsi3
//   event profile      EVENT                            PROFILE
//   party              PARTY#<id>                       PARTY       PARTIES / name#id      PARTIES#TYPE#<type> / name#id
//   person             PERSON#<id>                      PERSON      PEOPLE / name#id       PARTY#<partyId>#PEOPLE / name  PEOPLE#ROLE#<role> / name#id
//   LO bookings        PERSON#<loId>                    BOOKINGS    (the LO's assignment windows, read consistently for maxParties)
//   assignment         ASSIGNMENT#<id>                  ASSIGNMENT  ASSIGNMENTS / id       LO#<loId>#ASSIGNMENTS / id    PARTY#<id>#ASSIGNMENTS or PERSON#<id>#ASSIGNMENTS / id
//   unique guard       UNIQUE#<scope>#<value>           UNIQUE      (ownerId: the id holding the value)
import type { Key } from '@liaison/kit/ddb/table';

export const keys = {
  eventProfile: (): Key => ({ pk: 'EVENT', sk: 'PROFILE' }),
  party: (id: string): Key => ({ pk: `PARTY#${id}`, sk: 'PARTY' }),
  person: (id: string): Key => ({ pk: `PERSON#${id}`, sk: 'PERSON' }),
  bookings: (loId: string): Key => ({ pk: `PERSON#${loId}`, sk: 'BOOKINGS' }),
  assignment: (id: string): Key => ({ pk: `ASSIGNMENT#${id}`, sk: 'ASSIGNMENT' }),
  partyExternalId: (externalId: string): Key => ({ pk: `UNIQUE#PARTY#EXTERNALID#${externalId}`, sk: 'UNIQUE' }),
  personExternalId: (externalId: string): Key => ({ pk: `UNIQUE#PERSON#EXTERNALID#${externalId}`, sk: 'UNIQUE' }),
  personEmail: (email: string): Key => ({ pk: `UNIQUE#PERSON#EMAIL#${email.toLowerCase()}`, sk: 'UNIQUE' }),
};

export const partitions = {
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
