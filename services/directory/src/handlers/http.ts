// The directory's HTTP function: every route of its table, bound to its handler. Handlers load with the
// first request that needs them (`lazy`): a cold start does not parse the import, account or purge code.
import { httpService, lazy } from '@liaison/kit/http/service';
import { routes } from '../routes';
import { caller, table } from './deps';

export const handler = httpService({
  service: 'directory',
  routes,
  tableName: table,
  // Tokens of LOs and guests hold only while their person record does (at most 60 s stale).
  resolveCaller: caller,
  handlers: {
    getEvent: lazy(() => import('./profile').then((m) => m.getProfileHandler)),
    putEvent: lazy(() => import('./profile').then((m) => m.putProfileHandler)),
    purgeEvent: lazy(() => import('../retention/http').then((m) => m.purgeHandler)),
    createParty: lazy(() => import('./parties').then((m) => m.createPartyHandler)),
    listParties: lazy(() => import('./parties').then((m) => m.listPartiesHandler)),
    getParty: lazy(() => import('./parties').then((m) => m.getPartyHandler)),
    patchParty: lazy(() => import('./parties').then((m) => m.patchPartyHandler)),
    deleteParty: lazy(() => import('./parties').then((m) => m.deletePartyHandler)),
    createPerson: lazy(() => import('./people').then((m) => m.createPersonHandler)),
    listPeople: lazy(() => import('./people').then((m) => m.listPeopleHandler)),
    importPeople: lazy(() => import('./import').then((m) => m.importPeopleHandler)),
    getPerson: lazy(() => import('./people').then((m) => m.getPersonHandler)),
    patchPerson: lazy(() => import('./people').then((m) => m.patchPersonHandler)),
    deletePerson: lazy(() => import('./people').then((m) => m.deletePersonHandler)),
    createAccount: lazy(() => import('./account').then((m) => m.createAccountHandler)),
    createAssignment: lazy(() => import('./assignments').then((m) => m.createAssignmentHandler)),
    listAssignments: lazy(() => import('./assignments').then((m) => m.listAssignmentsHandler)),
    deleteAssignment: lazy(() => import('./assignments').then((m) => m.deleteAssignmentHandler)),
    createImport: lazy(() => import('./imports').then((m) => m.createImportHandler)),
    startImport: lazy(() => import('./imports').then((m) => m.startImportHandler)),
    getImport: lazy(() => import('./imports').then((m) => m.getImportHandler)),
    me: lazy(() => import('./me').then((m) => m.meHandler)),
  },
});
