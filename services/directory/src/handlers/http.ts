// The directory's HTTP function: every route of its table, bound to its handler.
import { httpService } from '@liaison/kit/http/service';
import { routes } from '../routes';
import { purgeHandler } from '../retention/http';
import { createAccountHandler } from './account';
import { createAssignmentHandler, deleteAssignmentHandler, listAssignmentsHandler } from './assignments';
import { caller, table } from './deps';
import { importPeopleHandler } from './import';
import { createImportHandler, getImportHandler, startImportHandler } from './imports';
import { meHandler } from './me';
import { createPartyHandler, deletePartyHandler, getPartyHandler, listPartiesHandler, patchPartyHandler } from './parties';
import { getProfileHandler, putProfileHandler } from './profile';
import { createPersonHandler, deletePersonHandler, getPersonHandler, listPeopleHandler, patchPersonHandler } from './people';

export const handler = httpService({
  service: 'directory',
  routes,
  tableName: table,
  // Tokens of LOs and guests hold only while their person record does (at most 60 s stale).
  resolveCaller: caller,
  handlers: {
    getEvent: getProfileHandler,
    putEvent: putProfileHandler,
    purgeEvent: purgeHandler,
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
    createAccount: createAccountHandler,
    createAssignment: createAssignmentHandler,
    listAssignments: listAssignmentsHandler,
    deleteAssignment: deleteAssignmentHandler,
    createImport: createImportHandler,
    startImport: startImportHandler,
    getImport: getImportHandler,
    me: meHandler,
  },
});
