// The directory's HTTP function: every route of its table, bound to its handler.
import { httpService } from '@liaison/kit/http/service';
import { routes } from '../routes';
import { createAssignmentHandler, deleteAssignmentHandler, listAssignmentsHandler } from './assignments';
import { table } from './deps';
import { getEvent, putEvent } from './event';
import { importPeopleHandler } from './import';
import { meHandler } from './me';
import { createPartyHandler, deletePartyHandler, getPartyHandler, listPartiesHandler, patchPartyHandler } from './parties';
import { createPersonHandler, deletePersonHandler, getPersonHandler, listPeopleHandler, patchPersonHandler } from './people';

export const handler = httpService({
  service: 'directory',
  routes,
  tableName: table,
  handlers: {
    getEvent,
    putEvent,
    createParty: createPartyHandler,
    listParties: listPartiesHandler,
    getParty: getPartyHandler,
    patchParty: patchPartyHandler,
    deleteParty: deletePartyHandler,
    createPerson: createPersonHandler,
    listPeople: listPeopleHandler,
    importPeople: importPeopleHandler,
    getPerson: getPersonHandler,
    patchPerson: patchPersonHandler,
    deletePerson: deletePersonHandler,
    createAssignment: createAssignmentHandler,
    listAssignments: listAssignmentsHandler,
    deleteAssignment: deleteAssignmentHandler,
    me: meHandler,
  },
});
