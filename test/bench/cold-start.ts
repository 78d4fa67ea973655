// Cold-start proxy: each function's bundle as CDK builds it (esbuild, minified ESM, SDK included),
// its size, and the time to import it in a fresh Node process, against a bundle that imports only
// the DynamoDB client, built with the same options in the same run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { buildApp } from '@liaison/infra/app';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { fmt, median, table } from './stats';

const IMPORT_SCRIPT = `const t = performance.now(); await import(process.argv[1]); process.stdout.write(String(performance.now() - t));`;

function importMs(file: string, env: NodeJS.ProcessEnv, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', IMPORT_SCRIPT, file], { env, encoding: 'utf8' });
    times.push(Number(out));
  }
  return median(times);
}

export interface BundleFigure {
  name: string;
  bytes: number;
  importMs: number;
}

export async function benchColdStart(opts: { runs: number; env: NodeJS.ProcessEnv }): Promise<{ baseline: BundleFigure; bundles: BundleFigure[] }> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'liaison-bench-'));
  try {
    const { app } = buildApp({ event: 'jakarta-summit-2027', stage: 'prod', outdir });
    const assembly = app.synth();
    const stackArtifact = assembly.stacks[0]!;
    const template = stackArtifact.template as { Resources: Record<string, { Type: string; Properties?: { Code?: { S3Key?: string } }; Metadata?: Record<string, string> }> };

    const bundles: BundleFigure[] = [];
    for (const res of Object.values(template.Resources)) {
      if (res.Type !== 'AWS::Lambda::Function' || !res.Metadata?.[STACK_METADATA.entry]) continue;
      const hash = String(res.Properties?.Code?.S3Key ?? '').replace(/\.zip$/, '');
      const file = path.join(assembly.directory, `asset.${hash}`, 'index.mjs');
      if (!fs.existsSync(file)) throw new Error(`no bundle at ${file}`);
      const name = [res.Metadata[STACK_METADATA.service], res.Metadata[STACK_METADATA.kind], res.Metadata[STACK_METADATA.name]].filter(Boolean).join(' ');
      bundles.push({ name, bytes: fs.statSync(file).size, importMs: importMs(file, opts.env, opts.runs) });
    }

    const entry = path.join(outdir, 'baseline.ts');
    fs.writeFileSync(
      entry,
      `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';\nconst client = new DynamoDBClient({});\nexport const handler = async (e: { id: string }) => client.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: e.id } } }));\n`,
    );
    const baselineFile = path.join(outdir, 'baseline.mjs');
    buildSync({
      entryPoints: [entry],
      outfile: baselineFile,
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'esm',
      minify: true,
      mainFields: ['module', 'main'],
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
      nodePaths: [path.join(__dirname, '../../packages/kit/node_modules')],
      logLevel: 'silent',
    });
    const baseline = { name: 'baseline: DynamoDB client only', bytes: fs.statSync(baselineFile).size, importMs: importMs(baselineFile, opts.env, opts.runs) };

    console.log(`\nCold-start proxy — bundle size and import time in a fresh Node ${process.version} process, median of ${opts.runs}`);
    console.log(
      table([
        ['bundle', 'KB', 'import ms', 'size ratio', 'import ratio'],
        [baseline.name, fmt(baseline.bytes / 1024, 0), fmt(baseline.importMs, 1), '1.00', '1.00'],
        ...bundles.map((b) => [b.name, fmt(b.bytes / 1024, 0), fmt(b.importMs, 1), fmt(b.bytes / baseline.bytes), fmt(b.importMs / baseline.importMs)]),
      ]),
    );
    return { baseline, bundles };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
