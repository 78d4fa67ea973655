// Cold-start proxy: each function built as infra builds it (`bundleFunction`: esbuild, minified split ESM,
// SDK included), what a cold start loads, and the time to import it in a fresh Node process with the
// function's own environment (NODE_OPTIONS included), against a bundle that imports only the DynamoDB
// client, built with the same options in the same run. Imports are interleaved (one of each bundle per
// round) so that a busy machine slows every bundle alike. Goals (issue 5): size ≤ 1.5× and import ≤ 1.3×.
//
// A split function loads `index.mjs` (and the chunks it imports statically) at init, then the chunks of
// the route its first request takes. The figures are for the worst first request: init plus everything
// reachable from the heaviest `import()` (its static and dynamic imports, all of them, so never less than
// a real request loads). `init KB` is what the Lambda init phase alone loads.
//
// The verdict reads the CPU time (user + system, all threads), not the wall time. A Lambda init runs on
// one vCPU (an on-demand function's init is not throttled, but it has one), and the first request on a
// share of one (512 MB: about a third): Node's compile and GC threads take their time from the same
// vCPU as the import itself, while on this 2-core machine they run beside it and leave the wall time.
// CPU time is also the steadier of the two on a shared machine. Both are printed.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Metafile } from 'esbuild';
import { buildApp } from '@liaison/infra/app';
import { bundleFunction, NODE_OPTIONS, REPO_ROOT } from '@liaison/infra/function';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { fmt, median, table } from './stats';

export const GOALS = { size: 1.5, importTime: 1.3 } as const;

/**
 * Imports each file given, in order, and prints the milliseconds it took: wall time, and the CPU time the
 * process spent on it (user + system, all threads). On a shared machine other processes stretch the wall
 * time; the CPU time moves far less, so it is the steadier of the two ratios.
 */
const IMPORT_SCRIPT = `const c = process.cpuUsage(); const t = performance.now(); for (const f of process.argv.slice(1)) await import(f); const w = performance.now() - t; const u = process.cpuUsage(c); process.stdout.write(w + ' ' + (u.user + u.system) / 1000);`;

function importOnce(files: readonly string[], env: NodeJS.ProcessEnv): { wall: number; cpu: number } {
  const [wall, cpu] = execFileSync(process.execPath, ['--input-type=module', '-e', IMPORT_SCRIPT, ...files], { env, encoding: 'utf8' }).split(' ').map(Number);
  return { wall: wall!, cpu: cpu! };
}

type Parts = Record<'zod' | 'sdk' | 'own' | 'other', number>;

/** Bytes of output per origin: zod, the AWS SDK (with its smithy and helper packages), our own code, the rest. */
export function breakdown(metafile: Metafile, outputs: Iterable<string> = Object.keys(metafile.outputs)): Parts {
  const out: Parts = { zod: 0, sdk: 0, own: 0, other: 0 };
  for (const key of outputs) {
    for (const [file, { bytesInOutput }] of Object.entries(metafile.outputs[key]!.inputs)) {
      const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
      if (!pkg) out.own += bytesInOutput;
      else if (pkg === 'zod') out.zod += bytesInOutput;
      else if (/^@(aws-sdk|smithy|aws-crypto|aws)\//.test(pkg) || ['mnemonist', 'obliterator', 'fast-xml-parser', 'strnum', 'tslib', 'bowser', 'uuid'].includes(pkg)) out.sdk += bytesInOutput;
      else out.other += bytesInOutput;
    }
  }
  return out;
}

/** The entry points of `import()`s written in our own code (lazy routes, clients loaded on first use), not in packages. */
const ownImports = new WeakMap<Metafile, Set<string>>();
function ownDynamicImports(metafile: Metafile): Set<string> {
  let set = ownImports.get(metafile);
  if (!set) {
    set = new Set(
      Object.entries(metafile.inputs)
        .filter(([file]) => !file.includes('node_modules/'))
        .flatMap(([, input]) => input.imports.filter((i) => i.kind === 'dynamic-import' && !i.external).map((i) => i.path)),
    );
    ownImports.set(metafile, set);
  }
  return set;
}

/**
 * A chunk our code loads with `import()` (a branch a request may or may not take), as opposed to one the
 * SDK loads itself (its credential providers), which always counts.
 */
function isRoute(metafile: Metafile, key: string): boolean {
  const entryPoint = metafile.outputs[key]?.entryPoint;
  return entryPoint !== undefined && ownDynamicImports(metafile).has(entryPoint);
}

/** The outputs reachable from `start` by static imports, and with `all-but-routes` by dynamic ones that are not routes. */
function closure(metafile: Metafile, start: string, follow: 'static' | 'all-but-routes'): Set<string> {
  const seen = new Set<string>();
  const walk = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const imp of metafile.outputs[key]!.imports) {
      if (imp.external || !metafile.outputs[imp.path]) continue; // node: builtins
      if (imp.kind === 'import-statement') walk(imp.path);
      else if (imp.kind === 'dynamic-import' && follow === 'all-but-routes' && !isRoute(metafile, imp.path)) walk(imp.path);
    }
  };
  walk(start);
  return seen;
}

export interface LoadPath {
  /** Output keys (relative to the repository root): the entry and its static imports, what Lambda's init loads. */
  init: string[];
  /** What the heaviest first request loads on top of init. */
  worst: string[];
}

/**
 * Init, and the most that one first request can add to it: the chunks of the route it takes and of every
 * `import()` of our own code it may go on to (an import that turns into a job, the SNS client of a write),
 * along the heaviest chain, plus every
 * chunk that packages load with `import()` (the SDK's credential providers: most never load in Lambda,
 * but they all count, for the baseline alike, so the figure is never less than a real request loads).
 */
export function loadPath(metafile: Metafile): LoadPath {
  const entry = Object.keys(metafile.outputs).find((k) => k.endsWith('/index.mjs'));
  if (!entry) throw new Error('no index.mjs in the build');
  const init = closure(metafile, entry, 'static');
  const bytes = (keys: Iterable<string>) => [...keys].reduce((n, k) => n + metafile.outputs[k]!.bytes, 0);
  const routesFrom = (keys: Iterable<string>) =>
    new Set([...keys].flatMap((k) => metafile.outputs[k]!.imports.filter((i) => i.kind === 'dynamic-import' && isRoute(metafile, i.path)).map((i) => i.path)));
  // Every chain of our own `import()`s from the entry: what a request loads is the union along its chain.
  let worst = new Set<string>();
  /** `from`: the outputs the last step loaded; only their `import()`s go on the chain. */
  const visit = (loaded: Set<string>, from: Set<string>, taken: Set<string>) => {
    if (bytes(loaded) > bytes(worst)) worst = loaded;
    for (const route of routesFrom(from)) {
      if (taken.has(route)) continue;
      const step = closure(metafile, route, 'all-but-routes');
      visit(new Set([...loaded, ...step]), step, new Set([...taken, route]));
    }
  };
  const base = closure(metafile, entry, 'all-but-routes');
  visit(base, base, new Set());
  return { init: [...init], worst: [...worst].filter((k) => !init.has(k)) };
}

export interface BundleFigure {
  name: string;
  initBytes: number;
  bytes: number;
  importMs: number;
  /** CPU time of the import (user + system), median. */
  cpuMs: number;
  chunks: number;
  parts?: Parts;
}

/** A function's environment as the template sets it; references (table name, ARNs, URLs) get stand-ins. */
function functionEnv(vars: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(vars ?? {})) {
    if (typeof value === 'string') out[name] = value;
    else if (name.endsWith('_ARN')) out[name] = 'arn:aws:sns:ap-southeast-3:123456789012:bench';
    else if (name.endsWith('_URL')) out[name] = 'https://sqs.ap-southeast-3.amazonaws.com/123456789012/bench';
    else out[name] = 'bench';
  }
  return out;
}

interface Bundle {
  name: string;
  /** Absolute paths, imported in this order: the entry first. */
  files: string[];
  initBytes: number;
  bytes: number;
  chunks: number;
  env: NodeJS.ProcessEnv;
  parts: Parts;
}

function build(name: string, entry: string, outdir: string, env: NodeJS.ProcessEnv, nodePaths?: string[]): Bundle {
  const metafile = bundleFunction(entry, outdir, { metafile: true, ...(nodePaths ? { nodePaths } : {}) })!;
  const { init, worst } = loadPath(metafile);
  const abs = (k: string) => path.resolve(REPO_ROOT, k);
  const size = (keys: string[]) => keys.reduce((n, k) => n + metafile.outputs[k]!.bytes, 0);
  const loaded = [...init, ...worst];
  return {
    name,
    // The entry imports its static chunks itself; the worst request's chunks come after it.
    files: [abs(init[0]!), ...worst.map(abs)],
    initBytes: size(init),
    bytes: size(loaded),
    chunks: Object.keys(metafile.outputs).filter((k) => k.endsWith('.mjs')).length,
    env,
    parts: breakdown(metafile, loaded),
  };
}

/** `only`: measure just the functions whose name contains one of these (e.g. `http`); the baseline always runs. */
export async function benchColdStart(opts: { runs: number; env: NodeJS.ProcessEnv; only?: string[] }): Promise<{ baseline: BundleFigure; bundles: BundleFigure[] }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  try {
    // The template for the list of functions and their environments; the code is built below with the
    // very function infra's assets use (bundleFunction), once.
    const { app } = buildApp({ event: 'jakarta-summit-2027', stage: 'prod', outdir: path.join(outdir, 'cdk.out'), bundle: false });
    const template = app.synth().stacks[0]!.template as {
      Resources: Record<string, { Type: string; Properties?: { Environment?: { Variables?: Record<string, unknown> } }; Metadata?: Record<string, string> }>;
    };

    const bundles: Bundle[] = [];
    for (const [logicalId, res] of Object.entries(template.Resources)) {
      const entry = res.Metadata?.[STACK_METADATA.entry];
      if (res.Type !== 'AWS::Lambda::Function' || !entry) continue;
      const name = [res.Metadata![STACK_METADATA.service], res.Metadata![STACK_METADATA.kind], res.Metadata![STACK_METADATA.name]].filter(Boolean).join(' ');
      if (opts.only?.length && !opts.only.some((part) => name.includes(part))) continue;
      const env = functionEnv(res.Properties?.Environment?.Variables);
      bundles.push(build(name, path.join(REPO_ROOT, entry), path.join(outdir, logicalId), { ...opts.env, NODE_OPTIONS: '', ...env }));
    }

    const entry = path.join(outdir, 'baseline.ts');
    fs.writeFileSync(
      entry,
      `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst client = new DynamoDBClient({});\nexport const handler = async (e: { id: string }) => client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: e.id } } }));\n`,
    );
    const baselineBundle = build('baseline: DynamoDB client only', entry, path.join(outdir, 'baseline'), { ...opts.env, NODE_OPTIONS }, [path.join(REPO_ROOT, 'packages/kit/node_modules')]);
    const all: Bundle[] = [baselineBundle, ...bundles];

    const times = all.map(() => [] as { wall: number; cpu: number }[]);
    for (let round = 0; round < opts.runs; round++) all.forEach((b, i) => times[i]!.push(importOnce(b.files, b.env)));
    const figures: BundleFigure[] = all.map((b, i) => ({
      name: b.name,
      initBytes: b.initBytes,
      bytes: b.bytes,
      importMs: median(times[i]!.map((t) => t.wall)),
      cpuMs: median(times[i]!.map((t) => t.cpu)),
      chunks: b.chunks,
      parts: b.parts,
    }));
    const [baseline, ...rest] = figures as [BundleFigure, ...BundleFigure[]];

    const kb = (n: number | undefined) => fmt((n ?? 0) / 1024, 0);
    const verdict = (f: BundleFigure) => {
      const over = [f.bytes / baseline.bytes > GOALS.size ? 'size' : '', f.cpuMs / baseline.cpuMs > GOALS.importTime ? 'import' : ''].filter(Boolean);
      return over.length ? `over: ${over.join(', ')}` : 'ok';
    };
    console.log(
      `\nCold-start proxy — code loaded by init and the heaviest first request, and the time to import it in a fresh Node ${process.version} process (NODE_OPTIONS=${NODE_OPTIONS || 'none'}, as deployed), median of ${opts.runs} interleaved rounds (wall time, and the CPU time it took on all threads, which is what a Lambda init on one vCPU pays and which a busy machine stretches less); goals: size ≤ ${GOALS.size}×, import ≤ ${GOALS.importTime}× the baseline (the verdict reads the CPU time)`,
    );
    console.log(
      table([
        ['function', 'init KB', 'KB', 'zod KB', 'SDK KB', 'own KB', 'other KB', 'files', 'import ms', 'CPU ms', 'size ratio', 'import ratio', 'CPU ratio', 'goal'],
        ...figures.map((f) => [
          f.name,
          kb(f.initBytes),
          kb(f.bytes),
          kb(f.parts?.zod),
          kb(f.parts?.sdk),
          kb(f.parts?.own),
          kb(f.parts?.other),
          String(f.chunks),
          fmt(f.importMs, 1),
          fmt(f.cpuMs, 1),
          fmt(f.bytes / baseline.bytes),
          fmt(f.importMs / baseline.importMs),
          fmt(f.cpuMs / baseline.cpuMs),
          f === baseline ? '' : verdict(f),
        ]),
      ]),
    );
    return { baseline, bundles: rest };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
