// The directory's events: parties, people, LO assignments and the retention purge.
//
// Each data schema is built on first use (`z.lazy`), like the records it carries: a consumer builds only
// the data schemas of the events it is delivered, and a publisher those of the events it makes.
import * as z from 'zod/mini';
import { contract, changeOf } from './contract';
import { Assignment, Party, Person } from './directory';
import { IsoDateTime } from './fields';
import { PersonalDataPurgedData } from './retention';

export const DIRECTORY_EVENTS = {
  'party.created': contract({ type: 'party.created', version: 1, owner: 'directory', description: 'A party joined the event', data: z.lazy(() => z.object({ party: Party })) }),
  'party.updated': contract({ type: 'party.updated', version: 1, owner: 'directory', description: 'A party changed', data: z.lazy(() => changeOf(Party)) }),
  'party.deleted': contract({ type: 'party.deleted', version: 1, owner: 'directory', description: 'A party was removed', data: z.lazy(() => z.object({ party: Party })) }),
  'person.created': contract({ type: 'person.created', version: 1, owner: 'directory', description: 'A person joined the event', data: z.lazy(() => z.object({ person: Person })) }),
  'person.updated': contract({ type: 'person.updated', version: 1, owner: 'directory', description: 'A person changed', data: z.lazy(() => changeOf(Person)) }),
  'person.deleted': contract({ type: 'person.deleted', version: 1, owner: 'directory', description: 'A person was removed', data: z.lazy(() => z.object({ person: Person })) }),
  'assignment.created': contract({
    type: 'assignment.created',
    version: 1,
    owner: 'directory',
    description: 'An LO was assigned to a party or a person',
    data: z.lazy(() => z.object({ assignment: Assignment })),
  }),
  'assignment.ended': contract({
    type: 'assignment.ended',
    version: 1,
    owner: 'directory',
    description: 'An LO assignment ended',
    data: z.lazy(() => z.object({ assignment: Assignment, endedAt: IsoDateTime })),
  }),
  'personal-data.purged': contract({
    type: 'personal-data.purged',
    version: 1,
    owner: 'directory',
    description: 'The retention purge removed these people\'s personal data from the directory; each service removes its own',
    data: PersonalDataPurgedData,
  }),
} as const;
