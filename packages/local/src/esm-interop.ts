// Lets handler modules, which tsx runs as CommonJS, require ESM-only packages whose `exports` offer
// only an `import` condition (middy): such a require is resolved again with `import`, and Node 22
// loads the ES module through require(esm). Deployed code is bundled by esbuild and needs none of
// this; jest gets the same rule from test/support/jest-resolver.js.
import module from 'node:module';

let installed = false;

export function allowRequireOfImportOnlyPackages(): void {
  if (installed) return;
  installed = true;
  try {
    module.registerHooks({
      resolve(specifier, context, nextResolve) {
        try {
          return nextResolve(specifier, context);
        } catch (err) {
          const conditions = context.conditions ?? [];
          if ((err as NodeJS.ErrnoException).code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED' || conditions.includes('import')) throw err;
          return nextResolve(specifier, { ...context, conditions: [...conditions, 'import'] });
        }
      },
    });
  } catch (err) {
    // Jest refuses module hooks (its sandbox has its own resolver, which does the same); nothing else does.
    if (!/not supported in Jest/i.test((err as Error).message)) throw err;
  }
}
