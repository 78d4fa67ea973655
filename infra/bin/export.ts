// `pnpm export -c event=<slug> --out dir/ [--stage dev|prod] [--local] [--url <api>] [--token <jwt>]`:
// follows GET /export page by page (its Link header) into dir/page-00001.jsonl, ... and a
// manifest.json with the counts of records by kind, showing progress on stderr. Deployed: the API URL
// is the stack output ApiUrl (read with the AWS CLI) and the organiser token comes from --token or
// LIAISON_TOKEN; --local: the local runtime (PORT, default 3000) and a token from its /_local/tokens.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

export interface ExportTarget {
  url: string;
  token: string;
}

export interface ExportResult {
  dir: string;
  pages: number;
  records: number;
  byKind: Record<string, number>;
}

export class ExportFailed extends Error {}

/** `-c event=x -c stage=prod` (as cdk takes them) plus the tool's own flags. */
export function readArgs(argv: string[], own: Record<string, { type: 'string' | 'boolean'; short?: string }>) {
  const { values } = parseArgs({ args: argv, options: { context: { type: 'string', short: 'c', multiple: true }, ...own }, allowPositionals: false, strict: true });
  const context = Object.fromEntries(((values.context as string[] | undefined) ?? []).map((kv) => [kv.split('=')[0] as string, kv.split('=').slice(1).join('=')]));
  const event = context.event;
  if (!event) throw new ExportFailed('say which event: -c event=<slug>');
  const stage = String(context.stage ?? (values as Record<string, unknown>).stage ?? 'dev');
  if (stage !== 'dev' && stage !== 'prod') throw new ExportFailed(`stage must be dev or prod, not ${stage}`);
  return { event, stage: stage as 'dev' | 'prod', values: values as Record<string, string | boolean | undefined> };
}

/** `Liaison-<slug>-<stage>`, as infra names the stack (infra/src/event-stack.ts stackName). */
export const stackNameOf = (event: string, stage: string) => `Liaison-${event}-${stage}`;

/** The stack's outputs, read with the AWS CLI and the ops engineer's credentials. */
export function stackOutputs(stackName: string): Record<string, string> {
  let text: string;
  try {
    text = execFileSync('aws', ['cloudformation', 'describe-stacks', '--stack-name', stackName, '--query', 'Stacks[0].Outputs', '--output', 'json'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    throw new ExportFailed(`could not read the outputs of ${stackName} with the AWS CLI (${(err as Error).message.split('\n')[0]}); pass --url (and --table for restore) yourself`);
  }
  const outputs = (JSON.parse(text) ?? []) as { OutputKey: string; OutputValue: string }[];
  return Object.fromEntries(outputs.map((o) => [o.OutputKey, o.OutputValue]));
}

export async function localTarget(url: string): Promise<ExportTarget> {
  const res = await fetch(`${url}/_local/tokens`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'organizer' }) }).catch((err: Error) => {
    throw new ExportFailed(`no local runtime at ${url} (${err.message}); start it with \`pnpm dev\``);
  });
  if (res.status !== 200) throw new ExportFailed(`the local runtime at ${url} gave no token (HTTP ${res.status})`);
  return { url, token: ((await res.json()) as { token: string }).token };
}

export async function resolveTarget(a: { event: string; stage: string; values: Record<string, string | boolean | undefined> }): Promise<ExportTarget> {
  const given = typeof a.values.url === 'string' ? a.values.url.replace(/\/+$/, '') : null;
  if (a.values.local) return localTarget(given ?? `http://localhost:${process.env.PORT ?? 3000}`);
  const url = given ?? stackOutputs(stackNameOf(a.event, a.stage)).ApiUrl?.replace(/\/+$/, '');
  if (!url) throw new ExportFailed(`the stack ${stackNameOf(a.event, a.stage)} has no ApiUrl output`);
  const token = (typeof a.values.token === 'string' ? a.values.token : null) ?? process.env.LIAISON_TOKEN;
  if (!token) throw new ExportFailed("an organiser's token is needed: --token <jwt> or LIAISON_TOKEN");
  return { url, token };
}

/** A line on stderr that redraws itself: a bar over the export's list partitions, pages and records. */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  return (done: number, total: number, pages: number, records: number, last = false) => {
    const width = 30;
    const filled = total > 0 ? Math.round((done / total) * width) : 0;
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} lists · ${pages} pages · ${records.toLocaleString('en')} records`;
    stream.write(stream.isTTY ? `\r${line}${last ? '\n' : ''}` : `${line}\n`);
  };
}

/** Follows the pages into `dir` (which must hold no export yet). A page that fails after retries fails the export. */
export async function followExport(target: ExportTarget, dir: string, progress = progressBar()): Promise<ExportResult> {
  fs.mkdirSync(dir, { recursive: true });
  if (fs.readdirSync(dir).some((f) => f.endsWith('.jsonl') || f === 'manifest.json')) throw new ExportFailed(`${dir} already holds an export: choose an empty folder`);
  const byKind: Record<string, number> = {};
  let next: string | null = '/export';
  let pages = 0;
  let records = 0;
  while (next) {
    const res = await fetchPage(target, next);
    const body = await res.text();
    pages++;
    fs.writeFileSync(path.join(dir, `page-${String(pages).padStart(5, '0')}.jsonl`), body);
    for (const line of body.split('\n')) {
      if (line === '') continue;
      const kind = (JSON.parse(line) as { kind: string }).kind;
      if (kind === 'export') continue;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
      records++;
    }
    next = nextLink(res.headers.get('link'));
    const [done, total] = (res.headers.get('x-export-progress') ?? '0/0').split('/').map(Number) as [number, number];
    progress(next ? done : total, total, pages, records, !next);
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify({ format: 'liaison-export/1', source: target.url, pages, records, byKind }, null, 2)}\n`);
  return { dir, pages, records, byKind };
}

async function fetchPage(target: ExportTarget, pathAndQuery: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let res: Response | null = null;
    let why: string;
    try {
      res = await fetch(`${target.url}${pathAndQuery}`, { headers: { authorization: `Bearer ${target.token}` } });
      if (res.status === 200) return res;
      why = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
    } catch (err) {
      why = (err as Error).message;
    }
    // A refusal (4xx) will not change by asking again; a 5xx or a dropped connection may.
    if ((res && res.status < 500) || attempt >= 4) throw new ExportFailed(`GET ${pathAndQuery.slice(0, 80)} failed: ${why}`);
    await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
  }
}

/** The target of `rel="next"` in a Link header, or null. */
export function nextLink(header: string | null): string | null {
  if (!header) return null;
  for (const part of header.split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part.trim());
    if (m) return m[1] as string;
  }
  return null;
}

async function main(): Promise<void> {
  const a = readArgs(process.argv.slice(2), { out: { type: 'string' }, stage: { type: 'string' }, local: { type: 'boolean' }, url: { type: 'string' }, token: { type: 'string' } });
  if (typeof a.values.out !== 'string') throw new ExportFailed('say where: --out <dir>');
  const result = await followExport(await resolveTarget(a), path.resolve(a.values.out));
  process.stdout.write(`Exported ${result.records} records in ${result.pages} pages to ${result.dir}\n`);
  for (const [kind, n] of Object.entries(result.byKind).sort()) process.stdout.write(`  ${kind.padEnd(24)} ${n}\n`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`\npnpm export: ${err instanceof ExportFailed ? err.message : (err.stack ?? String(err))}\n`);
    process.exit(1);
  });
}
