// Resolves modules for jest the way the runtime sees them, with two ESM-only exceptions:
// - middy exports only an `import` condition: resolve it with that (swc then makes it CommonJS);
// - jose 6 ships only ESM, and jest.config's transformIgnorePatterns skip everything under
//   node_modules but middy (after resolving symlinks, so a link does not help). Its files are served
//   from a copy outside node_modules, which swc then transforms like our own code.
//   Adding `jose` next to `@middy` in transformIgnorePatterns would make this second rule unnecessary.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ESM_ONLY = ['jose'];
const copyRoot = path.join(os.tmpdir(), `liaison-jest-esm-${process.getuid?.() ?? 'user'}`);
const copies = new Map(); // real package dir -> copy dir

function copyOf(realDir) {
  let copy = copies.get(realDir);
  if (copy) return copy;
  const { name, version } = JSON.parse(fs.readFileSync(path.join(realDir, 'package.json'), 'utf8'));
  copy = path.join(copyRoot, `${name.replace(/[^\w.-]/g, '_')}@${version}`);
  const done = path.join(copy, '.copied');
  if (!fs.existsSync(done)) {
    // Copy into a private directory first and rename, so parallel workers never see half a copy.
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-jest-esm-staging-'));
    fs.cpSync(realDir, staging, { recursive: true, dereference: true, filter: (src) => !src.includes(`${path.sep}node_modules${path.sep}`, realDir.length) });
    fs.writeFileSync(path.join(staging, '.copied'), '');
    fs.mkdirSync(copyRoot, { recursive: true });
    try {
      fs.renameSync(staging, copy);
    } catch {
      fs.rmSync(staging, { recursive: true, force: true }); // another worker won the race
    }
  }
  copies.set(realDir, copy);
  return copy;
}

function esmOnlyPackageOf(file) {
  for (const name of ESM_ONLY) {
    const marker = `${path.sep}node_modules${path.sep}${name}${path.sep}`;
    const at = file.lastIndexOf(marker);
    if (at >= 0) return file.slice(0, at + marker.length - 1);
  }
  return null;
}

module.exports = (request, options) => {
  if (request.startsWith('@middy/')) {
    return options.defaultResolver(request, { ...options, conditions: ['import', 'node', 'default'] });
  }
  // `zod/v4/locales/en.js` (zod/mini loads no locale) names zod's ESM file, and zod's exports map has no
  // `require` variant for it: give jest the CommonJS twin, beside the CommonJS `zod/v4/core` it configures.
  const zodLocale = /^zod\/v4\/locales\/([\w-]+)\.js$/.exec(request);
  if (zodLocale) return options.defaultResolver(`zod/v4/locales/${zodLocale[1]}.cjs`, options);
  // Imports made inside a copied package resolve as if they were made from the real one.
  let basedir = options.basedir;
  for (const [realDir, copy] of copies) {
    if (basedir === copy || basedir.startsWith(copy + path.sep)) basedir = realDir + basedir.slice(copy.length);
  }
  const resolved = options.defaultResolver(request, { ...options, basedir });
  const pkgDir = esmOnlyPackageOf(resolved);
  if (!pkgDir) return resolved;
  return copyOf(pkgDir) + resolved.slice(pkgDir.length);
};
