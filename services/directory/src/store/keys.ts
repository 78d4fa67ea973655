// Key design of the directory's items in the shared table. Every access path is a key or index read.
// What other services read (profile, parties, people, bookings, assignments and their index
// partitions) is defined once in @liaison/directory-read; what only the directory writes is here.
//
//   item               pk                               sk          (see @liaison/directory-read/keys for the rest)
//   unique guard       UNIQUE#<scope>#<value>           UNIQUE      (ownerId: the id holding the value)
import { readKeys, readPartitions } from '@liaison/directory-read/keys';
import type { Key } from '@liaison/kit/ddb/table';

export const keys = {
  ...readKeys,
  partyExternalId: (externalId: string): Key => ({ pk: `UNIQUE#PARTY#EXTERNALID#${externalId}`, sk: 'UNIQUE' }),
  personExternalId: (externalId: string): Key => ({ pk: `UNIQUE#PERSON#EXTERNALID#${externalId}`, sk: 'UNIQUE' }),
  personEmail: (email: string): Key => ({ pk: `UNIQUE#PERSON#EMAIL#${email.toLowerCase()}`, sk: 'UNIQUE' }),
};

export const partitions = {
  ...readPartitions,
};
