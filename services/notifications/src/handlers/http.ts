// The notifications service's HTTP function: every route of its table, bound to its handler, loaded with the first request that needs it (`lazy`).
import { callerResolver } from '@liaison/directory-read';
import { httpService, lazy } from '@liaison/kit/http/service';
import { routes } from '../routes';
import { table } from './deps';

export const handler = httpService({
  service: 'notifications',
  routes,
  tableName: table,
  // Tokens of LOs and guests hold only while their person record does (at most 60 s stale).
  resolveCaller: callerResolver(table),
  handlers: {
    createBroadcast: lazy(() => import('./broadcasts').then((m) => m.createBroadcastHandler)),
    getBroadcast: lazy(() => import('./broadcasts').then((m) => m.getBroadcastHandler)),
    listNotifications: lazy(() => import('./notifications').then((m) => m.listNotificationsHandler)),
    listTemplates: lazy(() => import('./templates').then((m) => m.listTemplatesHandler)),
    putTemplate: lazy(() => import('./templates').then((m) => m.putTemplateHandler)),
  },
});
