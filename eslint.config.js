// Lint: typescript-eslint's recommended rules on every TypeScript file, plus a few that keep the
// architecture honest (no Date.now in domain code; the clock module is the one place for time).
const fs = require('node:fs');
const path = require('node:path');
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

// Services talk through events and read each other through packages/ (e.g. @liaison/directory-read),
// never through another service's code: services/<name>/src imports its own folder, packages and
// node modules only. Workspace package names of services are read from their package.json.
const servicesDir = path.join(__dirname, 'services');
const servicePackages = Object.fromEntries(
  (fs.existsSync(servicesDir) ? fs.readdirSync(servicesDir) : [])
    .filter((d) => fs.existsSync(path.join(servicesDir, d, 'package.json')))
    .map((d) => [JSON.parse(fs.readFileSync(path.join(servicesDir, d, 'package.json'), 'utf8')).name, d]),
);
const ownServiceOnly = {
  meta: { type: 'problem', messages: { foreign: '{{own}} may not import {{what}}: services share code through packages/ and talk through events.' } },
  create(context) {
    const file = context.filename;
    const [top, own] = path.relative(__dirname, file).split(path.sep);
    if (top !== 'services' || !own) return {};
    const check = (node) => {
      const source = node && node.type === 'Literal' ? node.value : null;
      if (typeof source !== 'string') return;
      let what = null;
      if (source.startsWith('.')) {
        const [t, name] = path.relative(__dirname, path.resolve(path.dirname(file), source)).split(path.sep);
        if (!(t === 'services' && name === own) && t !== 'packages') what = `${t === 'services' ? `services/${name}` : t} (${source})`;
      } else {
        const name = source.startsWith('@') ? source.split('/').slice(0, 2).join('/') : source.split('/')[0];
        const target = servicePackages[name];
        if (target && target !== own) what = `services/${target} (${source})`;
      }
      if (what) context.report({ node, messageId: 'foreign', data: { own: `services/${own}`, what } });
    };
    return {
      ImportDeclaration: (n) => check(n.source),
      ExportNamedDeclaration: (n) => check(n.source),
      ExportAllDeclaration: (n) => check(n.source),
      ImportExpression: (n) => check(n.source),
      CallExpression: (n) => n.callee.type === 'Identifier' && n.callee.name === 'require' && check(n.arguments[0]),
    };
  },
};

/** Only `import * as z from 'zod'` (or type-only imports): a value import of the `z` object or the default export is refused. */
const zodNamespaceImport = {
  meta: { type: 'problem', messages: { named: "Write `import * as z from 'zod'`: the named `z` object defeats tree-shaking and adds ~350 KB to every bundle." } },
  create: (context) => ({
    ImportDeclaration: (node) => {
      if (node.source.value !== 'zod' || node.importKind === 'type') return;
      for (const spec of node.specifiers) {
        const isZ = spec.type === 'ImportDefaultSpecifier' || (spec.type === 'ImportSpecifier' && spec.imported.name === 'z' && spec.importKind !== 'type');
        if (isZ) context.report({ node: spec, messageId: 'named' });
      }
    },
  }),
};

module.exports = tseslint.config(
  { ignores: ['**/node_modules/**', '**/cdk.out/**', '**/coverage/**', '**/dist/**', 'test/_*.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['services/*/src/**/*.ts', 'packages/kit/src/**/*.ts'],
    ignores: ['packages/kit/src/clock.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Read time from @liaison/kit/clock, so tests and the local runtime can move it.' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Read time from @liaison/kit/clock, so tests and the local runtime can move it.' },
      ],
    },
  },
  {
    files: ['services/*/src/**/*.ts'],
    plugins: { liaison: { rules: { 'own-service-only': ownServiceOnly } } },
    rules: { 'liaison/own-service-only': 'error' },
  },
  {
    // `import { z } from 'zod'` pulls all of zod (locales, the JSON-schema generator) into every bundle:
    // esbuild cannot tree-shake that object. The namespace import lets it keep only what is used.
    files: ['services/*/src/**/*.ts', 'packages/*/src/**/*.ts'],
    plugins: { zod: { rules: { 'namespace-import': zodNamespaceImport } } },
    rules: { 'zod/namespace-import': 'error' },
  },
  {
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@aws-sdk/*'], message: 'Domain code is pure: no AWS imports (use the store).' }] },
      ],
    },
  },
  {
    // Tests poke at synthesized templates and raw events: loose types are fine there.
    files: ['**/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly', console: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
