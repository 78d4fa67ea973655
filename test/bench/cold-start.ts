// Cold-start proxy: each function's bundle as CDK builds it (esbuild, minified ESM, SDK included),
// its size, what it is made of, and the time to import it in a fresh Node process with the function's
// own environment (NODE_OPTIONS included), against a bundle that imports only the DynamoDB client, built with the same
// options (infra's BUNDLING) in the same run. Imports are interleaved (one of each bundle per round)
// so that a busy machine slows every bundle alike. Goals (issue 5): size ≤ 1.5× and import ≤ 1.3×.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync, type BuildOptions, type Metafile } from 'esbuild';
import { buildApp } from '@liaison/infra/app';
import { BUNDLING, REPO_ROOT } from '@liaison/infra/function';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { fmt, median, table } from './stats';

export const GOALS = { size: 1.5, importTime: 1.3 } as const;

const IMPORT_SCRIPT = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));`;

function importOnce(file: string, env: NodeJS.ProcessEnv): number {
  return Number(execFileSync(process.execPath, ['--input-type=module', '-e', IMPORT_SCRIPT, file], { env, encoding: 'utf8' }));
}

/** infra's CDK bundling options as esbuild options, so the baseline and the breakdowns are built the same way. */
export function esbuildOptions(): BuildOptions {
  return {
    bundle: true,
    platform: 'node',
    target: BUNDLING.target,
    format: BUNDLING.format === 'esm' ? 'esm' : 'cjs',
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    sourcesContent: BUNDLING.sourcesContent,
    mainFields: [...BUNDLING.mainFields],
    banner: { js: BUNDLING.banner },
    external: [...BUNDLING.externalModules],
    absWorkingDir: REPO_ROOT,
    logLevel: 'silent',
  };
}

/** Bytes of output per origin: zod, the AWS SDK (with its smithy and helper packages), our own code, the rest. */
export function breakdown(metafile: Metafile): Record<'zod' | 'sdk' | 'own' | 'other', number> {
  const out = { zod: 0, sdk: 0, own: 0, other: 0 };
  for (const output of Object.values(metafile.outputs)) {
    for (const [file, { bytesInOutput }] of Object.entries(output.inputs)) {
      const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1];
      if (!pkg) out.own += bytesInOutput;
      else if (pkg === 'zod') out.zod += bytesInOutput;
      else if (/^@(aws-sdk|smithy|aws-crypto|aws)\//.test(pkg) || ['mnemonist', 'obliterator', 'fast-xml-parser', 'strnum', 'tslib', 'bowser', 'uuid'].includes(pkg)) out.sdk += bytesInOutput;
      else out.other += bytesInOutput;
    }
  }
  return out;
}

export interface BundleFigure {
  name: string;
  bytes: number;
  importMs: number;
  parts?: ReturnType<typeof breakdown>;
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
  file: string;
  env: NodeJS.ProcessEnv;
  parts?: ReturnType<typeof breakdown>;
}

export async function benchColdStart(opts: { runs: number; env: NodeJS.ProcessEnv }): Promise<{ baseline: BundleFigure; bundles: BundleFigure[] }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  try {
    const { app } = buildApp({ event: 'jakarta-summit-2027', stage: 'prod', outdir });
    const assembly = app.synth();
    const stackArtifact = assembly.stacks[0]!;
    const template = stackArtifact.template as {
      Resources: Record<string, { Type: string; Properties?: { Code?: { S3Key?: string }; Environment?: { Variables?: Record<string, unknown> } }; Metadata?: Record<string, string> }>;
    };

    const bundles: Bundle[] = [];
    let nodeOptions = '';
    for (const res of Object.values(template.Resources)) {
      const entry = res.Metadata?.[STACK_METADATA.entry];
      if (res.Type !== 'AWS::Lambda::Function' || !entry) continue;
      const hash = String(res.Properties?.Code?.S3Key ?? '').replace(/\.zip$/, '');
      const file = path.join(assembly.directory, `asset.${hash}`, 'index.mjs');
      if (!fs.existsSync(file)) throw new Error(`no bundle at ${file}`);
      const name = [res.Metadata![STACK_METADATA.service], res.Metadata![STACK_METADATA.kind], res.Metadata![STACK_METADATA.name]].filter(Boolean).join(' ');
      const env = functionEnv(res.Properties?.Environment?.Variables);
      nodeOptions = env.NODE_OPTIONS ?? '';
      const { metafile } = buildSync({ ...esbuildOptions(), entryPoints: [path.join(REPO_ROOT, entry)], outfile: path.join(outdir, 'breakdown', `${hash}.mjs`), metafile: true });
      bundles.push({ name, file, env: { ...opts.env, NODE_OPTIONS: '', ...env }, parts: breakdown(metafile) });
    }

    const entry = path.join(outdir, 'baseline.ts');
    fs.writeFileSync(
      entry,
      `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst client = new DynamoDBClient({});\nexport const handler = async (e: { id: string }) => client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: e.id } } }));\n`,
    );
    const baselineFile = path.join(outdir, 'baseline.mjs');
    const { metafile } = buildSync({
      ...esbuildOptions(),
      entryPoints: [entry],
      outfile: baselineFile,
      metafile: true,
      nodePaths: [path.join(REPO_ROOT, 'packages/kit/node_modules')],
    });
    const all: Bundle[] = [{ name: 'baseline: DynamoDB client only', file: baselineFile, env: { ...opts.env, NODE_OPTIONS: nodeOptions }, parts: breakdown(metafile) }, ...bundles];

    const times = all.map(() => [] as number[]);
    for (let round = 0; round < opts.runs; round++) all.forEach((b, i) => times[i]!.push(importOnce(b.file, b.env)));
    const figures: BundleFigure[] = all.map((b, i) => ({ name: b.name, bytes: fs.statSync(b.file).size, importMs: median(times[i]!), ...(b.parts ? { parts: b.parts } : {}) }));
    const [baseline, ...rest] = figures as [BundleFigure, ...BundleFigure[]];

    const kb = (n: number | undefined) => fmt((n ?? 0) / 1024, 0);
    const verdict = (f: BundleFigure) => {
      const over = [f.bytes / baseline.bytes > GOALS.size ? 'size' : '', f.importMs / baseline.importMs > GOALS.importTime ? 'import' : ''].filter(Boolean);
      return over.length ? `over: ${over.join(', ')}` : 'ok';
    };
    console.log(
      `\nCold-start proxy — bundle size and import time in a fresh Node ${process.version} process (NODE_OPTIONS=${nodeOptions || 'none'}), median of ${opts.runs} interleaved rounds; goals: size ≤ ${GOALS.size}×, import ≤ ${GOALS.importTime}× the baseline`,
    );
    console.log(
      table([
        ['bundle', 'KB', 'zod KB', 'SDK KB', 'own KB', 'other KB', 'import ms', 'size ratio', 'import ratio', 'goal'],
        ...figures.map((f) => [
          f.name,
          kb(f.bytes),
          kb(f.parts?.zod),
          kb(f.parts?.sdk),
          kb(f.parts?.own),
          kb(f.parts?.other),
          fmt(f.importMs, 1),
          fmt(f.bytes / baseline.bytes),
          fmt(f.importMs / baseline.importMs),
          f === baseline ? '' : verdict(f),
        ]),
      ]),
    );
    return { baseline, bundles: rest };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
