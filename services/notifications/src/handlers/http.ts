// The notifications service's HTTP function: every route of its table, bound to its handler.
import { callerResolver } from '@liaison/directory-read';
import { httpService } from '@liaison/kit/http/service';
import { routes } from '../routes';
import { createBroadcastHandler, getBroadcastHandler } from './broadcasts';
import { table } from './deps';
import { listNotificationsHandler } from './notifications';
import { listTemplatesHandler, putTemplateHandler } from './templates';

export const handler = httpService({
  service: 'notifications',
  routes,
  tableName: table,
  // Tokens of LOs and guests hold only while their person record does (at most 60 s stale).
  resolveCaller: callerResolver(table),
  handlers: {
    createBroadcast: createBroadcastHandler,
    getBroadcast: getBroadcastHandler,
    listNotifications: listNotificationsHandler,
    listTemplates: listTemplatesHandler,
    putTemplate: putTemplateHandler,
  },
});
