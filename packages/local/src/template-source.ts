// Where the stack's template comes from: synthesized by infra (the same CDK app that deploys), or a
// template file named by LIAISON_TEMPLATE (e.g. one from cdk.out).
import fs from 'node:fs';
import path from 'node:path';
import type { CfnTemplate } from './template';

export const DEFAULT_EVENT = 'jakarta-summit-2027';
export const TEMPLATE_FILE_ENV = 'LIAISON_TEMPLATE';

export interface TemplateSource {
  event: string;
  stage: string;
}

export class TemplateUnavailableError extends Error {}

export function stackNameFor({ event, stage }: TemplateSource): string {
  return `Liaison-${event}-${stage}`;
}

/** A variable, not a literal: infra's app may not exist yet, and type-checking must not need it. */
const INFRA_APP = '@liaison/infra/app';

type InfraApp = { synthesizeTemplate?: (args: TemplateSource) => Record<string, unknown> | Promise<Record<string, unknown>> };

/** Whether `err` says that infra's app module itself is missing (not something it imports). */
function isMissingInfraApp(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  const notFound = e.code === 'MODULE_NOT_FOUND' || e.code === 'ERR_MODULE_NOT_FOUND';
  return notFound && /@liaison\/infra\/app|infra[\\/]src[\\/]app/.test(String(e.message).split('\n')[0] ?? '');
}

/** Loads infra's `synthesizeTemplate`, or explains what is missing. */
export async function loadInfraApp(): Promise<Required<InfraApp>> {
  let app: InfraApp;
  try {
    app = (await import(INFRA_APP)) as InfraApp;
  } catch (err) {
    if (isMissingInfraApp(err)) {
      throw new TemplateUnavailableError(
        `infra/src/app.ts is not there (it exports synthesizeTemplate({ event, stage })). ` +
          `Until it is, serve a template file instead: ${TEMPLATE_FILE_ENV}=path/to/template.json`,
      );
    }
    throw err;
  }
  if (typeof app.synthesizeTemplate !== 'function') {
    throw new TemplateUnavailableError('infra/src/app.ts does not export synthesizeTemplate({ event, stage })');
  }
  return app as Required<InfraApp>;
}

export async function loadTemplate(source: TemplateSource, env: NodeJS.ProcessEnv = process.env): Promise<CfnTemplate> {
  const file = env[TEMPLATE_FILE_ENV]?.trim();
  let template: unknown;
  if (file) {
    template = JSON.parse(fs.readFileSync(path.resolve(file), 'utf8'));
  } else {
    const app = await loadInfraApp();
    template = await app.synthesizeTemplate(source);
  }
  if (!template || typeof template !== 'object' || typeof (template as CfnTemplate).Resources !== 'object') {
    throw new TemplateUnavailableError(`the template${file ? ` in ${file}` : ''} has no Resources`);
  }
  return template as CfnTemplate;
}
