// /templates routes: every template (stored ones over the built-in defaults), and PUT, which the
// templates store checks (an automatic key may use only what its event carries → 422 naming it).
import type { Template } from '@liaison/contracts';
import type { RouteHandler } from '@liaison/kit/http/service';
import type { NotificationsRoutes } from '../routes';
import { listTemplates, putTemplate, type Template as StoredTemplate } from '../store/templates';
import { actorId, table } from './deps';

type R = NotificationsRoutes;

export function templateView(t: StoredTemplate): Template {
  return { key: t.templateKey, automatic: t.automatic, variables: t.variables, texts: t.texts, defaults: t.defaults, custom: t.custom, version: t.version, updatedAt: t.updatedAt };
}

export const listTemplatesHandler: RouteHandler<R['listTemplates']> = async (req) => {
  const page = await listTemplates(table, req.query);
  return { status: 200, body: { items: page.items.map(templateView), nextCursor: page.nextCursor } };
};

export const putTemplateHandler: RouteHandler<R['putTemplate']> = async (req) => {
  const expected = typeof req.ifMatch === 'number' ? req.ifMatch : undefined;
  const t = await putTemplate(table, req.params.templateKey, req.body, expected, actorId(req.principal));
  return { status: 200, body: templateView(t), version: t.version };
};
