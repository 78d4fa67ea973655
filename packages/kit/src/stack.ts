// Stack traces that name our TypeScript files, paid for only when a stack is read. `--enable-source-maps`
// reads and parses every chunk's source map as the chunk loads (about a tenth of a cold start, for maps
// that an invocation without an error never needs); instead, when a stack is rendered (a log line with
// an error, the runtime reporting a failure), each frame in a bundled `.mjs` file that has a `.map` beside
// it is looked up in that map, which is read then, once per file.
import fs from 'node:fs';
import { SourceMap } from 'node:module';
import { fileURLToPath } from 'node:url';

const maps = new Map<string, SourceMap | null>();

function mapOf(file: string): SourceMap | null {
  let map = maps.get(file);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null; // no map beside it, or not one we can read: the frame stays as V8 wrote it
    }
    maps.set(file, map);
  }
  return map;
}

/** A source as the map names it, relative to the map (`../../services/…`): from the repository root. */
function shortSource(source: string): string {
  return source.replace(/^(?:\.\.\/)+/, '').replace(/^file:\/\//, '');
}

/** One frame as V8 renders it, with the bundle's position replaced by the original one when the map has it. */
export function mapFrame(site: NodeJS.CallSite): string {
  const text = String(site);
  const name = site.getFileName() ?? site.getScriptNameOrSourceURL();
  const line = site.getLineNumber();
  const column = site.getColumnNumber();
  if (!name || !name.endsWith('.mjs') || line === null || column === null) return text;
  const file = name.startsWith('file:') ? fileURLToPath(name) : name;
  const entry = mapOf(file)?.findEntry(line - 1, column - 1);
  if (!entry || !('originalSource' in entry)) return text;
  const at = `${name}:${line}:${column}`;
  return text.includes(at) ? text.replace(at, `${shortSource(entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`) : text;
}

function header(error: unknown): string {
  try {
    return Error.prototype.toString.call(error);
  } catch {
    return 'Error';
  }
}

/**
 * Renders stacks through the maps beside the bundle. Only in a bundle (infra's build defines
 * `process.env.LIAISON_BUNDLE`), and not when source maps are on already (`--enable-source-maps`): tsx and
 * jest, which run the TypeScript, render stacks their own way.
 */
export function mapStacksLazily(): void {
  if (process.env.LIAISON_BUNDLE !== 'true' || process.sourceMapsEnabled) return;
  Error.prepareStackTrace = (error, sites) => header(error) + sites.map((site) => `\n    at ${mapFrame(site)}`).join('');
}
