// Three layers, as STYLE.md asks: `unit` needs nothing running; `int` runs against the AWS emulators
// (DynamoDB Local, moto) that its global setup starts and provisions from the synthesized stack;
// `e2e` drives the running local runtime over HTTP.
const swc = [
  '@swc/jest',
  {
    jsc: { target: 'es2023', parser: { syntax: 'typescript' }, keepClassNames: true },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

const common = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // middy ships only ESM: let swc turn it into CommonJS for jest, and resolve its `import` export.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?@middy)'],
  resolver: '<rootDir>/test/support/jest-resolver.js',
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
};

module.exports = {
  // Shared 2-core machines: generous limits, so a slow moment is not a failure. Speed is for `pnpm bench`.
  testTimeout: 120_000,
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,services,infra}/**/test/**/*.test.ts'],
      testPathIgnorePatterns: [...common.testPathIgnorePatterns, '\\.int\\.test\\.ts$'],
    },
    {
      ...common,
      displayName: 'int',
      testMatch: ['<rootDir>/{packages,services,infra}/**/test/**/*.int.test.ts'],
      globalSetup: '<rootDir>/test/support/int-setup.ts',
      globalTeardown: '<rootDir>/test/support/teardown.ts',
      setupFiles: ['<rootDir>/test/support/int-env.ts'],
    },
    {
      ...common,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/e2e-setup.ts',
      globalTeardown: '<rootDir>/test/support/teardown.ts',
      setupFiles: ['<rootDir>/test/support/e2e-env.ts'],
    },
  ],
};
