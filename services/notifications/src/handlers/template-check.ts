// A broadcast template named by POST /broadcasts must exist, must not be an automatic message's, and
// must get every variable its texts use from `vars` (422 naming each missing one).
import { ValidationError, type FieldError } from '@liaison/kit/errors';
import { missingVars } from '../domain/templates';
import { getTemplate, type Template } from '../store/templates';

export async function checkBroadcastTemplate(tableName: string, templateKey: string, vars: Record<string, string>): Promise<Template> {
  const t = await getTemplate(tableName, templateKey, { fresh: true });
  if (!t) throw new ValidationError([{ path: 'templateKey', message: `no template ${templateKey}; store it first with PUT /templates/${templateKey}` }]);
  if (t.automatic) throw new ValidationError([{ path: 'templateKey', message: `${templateKey} is an automatic message's template; a broadcast uses a template of its own` }]);
  const missing = new Set<string>();
  for (const text of Object.values(t.texts)) {
    if (!text) continue;
    for (const name of [...missingVars(text.subject ?? '', vars), ...missingVars(text.body, vars)]) missing.add(name);
  }
  const errors: FieldError[] = [...missing].map((name) => ({ path: `vars.${name}`, message: `template ${templateKey} uses {{${name}}}: give its value` }));
  if (errors.length > 0) throw new ValidationError(errors);
  return t;
}
