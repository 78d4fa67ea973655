// Lint: typescript-eslint's recommended rules on every TypeScript file, plus a few that keep the
// architecture honest (no Date.now in domain code; the clock module is the one place for time).
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

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
    files: ['services/*/src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@aws-sdk/*'], message: 'Domain code is pure: no AWS imports (use the store).' }] }],
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
