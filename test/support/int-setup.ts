// Global setup of the `int` project: the emulators, the stack synthesized once, and one isolated,
// emptied copy of it per jest worker (`int-w1-`, `int-w2-`, ...). Workers inherit process.env, so
// the copies travel to them in LIAISON_INT_STACKS; int-env.ts points each worker at its own.
import type { Config } from 'jest';
import { DEFAULT_EVENT, loadTemplate, provision, stackNameFor, TemplateUnavailableError, type ProvisionedStack } from '@liaison/local';
import { ensureEmulators } from './harness';
import { INT_STACKS_ENV, intPrefix } from './int-stacks';

export default async function intSetup(globalConfig: { maxWorkers: number } & Partial<Config>): Promise<void> {
  const started = Date.now();
  const source = { event: process.env.LIAISON_EVENT ?? DEFAULT_EVENT, stage: 'dev' };
  // Synthesis (CDK) and the emulators (a JVM) are the slow parts: at once.
  const [endpoints, template] = await Promise.all([
    ensureEmulators(),
    loadTemplate(source).catch((err: unknown) => {
      if (!(err instanceof TemplateUnavailableError)) throw err;
      process.stderr.write(`\nint-setup: ${err.message}\nint tests that need the stack's table, topic or queues will fail.\n`);
      return null;
    }),
  ]);
  const workers = Math.max(1, globalConfig.maxWorkers);
  const stacks: Record<string, ProvisionedStack> = {};
  if (template) {
    const provisioned = await Promise.all(
      Array.from({ length: workers }, (_, i) =>
        provision(template, { prefix: intPrefix(i + 1), stackName: stackNameFor(source), endpoints, fresh: true }),
      ),
    );
    provisioned.forEach((stack, i) => (stacks[String(i + 1)] = stack));
  }
  process.env[INT_STACKS_ENV] = JSON.stringify(stacks);
  if (process.env.LIAISON_TEST_VERBOSE) {
    process.stderr.write(`int-setup: ${workers} stack copies in ${Date.now() - started} ms (DynamoDB ${endpoints.dynamodb}, moto ${endpoints.aws})\n`);
  }
}
