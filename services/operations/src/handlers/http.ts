// The operations service's HTTP function: every route of its table, bound to its handler.
import { callerResolver } from '@liaison/directory-read';
import { httpService } from '@liaison/kit/http/service';
import { routes } from '../routes';
import { table } from './deps';
import { exportHandler } from './export';

export const handler = httpService({
  service: 'operations',
  routes,
  tableName: table,
  // An organiser's token holds only while their person record does (at most 60 s stale).
  resolveCaller: callerResolver(table),
  handlers: { exportEvent: exportHandler },
});
