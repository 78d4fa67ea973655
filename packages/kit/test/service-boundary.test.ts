// The lint rule that keeps services apart: services/<name>/src imports its own folder, packages and
// node modules, never another service's code (ARCHITECTURE.md: they read each other through packages/).
import { describe, expect, it } from '@jest/globals';
import path from 'node:path';
import { ESLint } from 'eslint';

const root = path.resolve(__dirname, '../../..');

async function boundaryErrors(file: string, source: string): Promise<string[]> {
  // The config passed in, not loaded: ESLint loads config files by dynamic import, which jest's VM refuses.
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: require(path.join(root, 'eslint.config.js')) });
  const [result] = await eslint.lintText(source, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'liaison/own-service-only').map((m) => m.message);
}

describe('service boundaries', () => {
  it("refuse another service's code, by relative path or by package name", async () => {
    const errors = await boundaryErrors(
      'services/directory/src/handlers/boundary-probe.ts',
      "import { a } from '../../../logistics/src/domain/time';\nimport { b } from '@liaison/logistics/domain/time';\nimport { c } from '../../../../test/support/e2e';\nexport { a, b, c };\n",
    );
    expect(errors).toHaveLength(3);
    expect(errors[0]).toMatch(/services\/directory may not import services\/logistics/);
  });

  it('allow the own folder, packages and node modules', async () => {
    const errors = await boundaryErrors(
      'services/directory/src/handlers/boundary-probe.ts',
      "import { a } from '../store/keys';\nimport { b } from '@liaison/directory-read';\nimport { c } from '@liaison/kit/clock';\nimport { d } from 'zod';\nimport { e } from 'node:crypto';\nexport { a, b, c, d, e };\n",
    );
    expect(errors).toEqual([]);
  });
});
