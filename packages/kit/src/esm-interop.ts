// Lets CommonJS code run under tsx/Node (the local runtime, scripts) load middy, which publishes only
// an `import` export: its packages are resolved with the `import` condition, and Node ≥ 22.12 then
// require()s the ES module. Lambda bundles (esbuild) and jest (its resolver) do not need this.
import { registerHooks } from 'node:module';

let registered = false;

export function allowEsmOnlyPackages(prefixes: readonly string[] = ['@middy/']): void {
  if (registered) return;
  registered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      if (prefixes.some((p) => specifier.startsWith(p))) {
        return nextResolve(specifier, { ...context, conditions: [...new Set([...(context.conditions ?? []), 'import'])] });
      }
      return nextResolve(specifier, context);
    },
  });
}

allowEsmOnlyPackages();
