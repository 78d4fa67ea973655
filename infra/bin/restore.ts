// `pnpm restore -c event=<slug> --from dir/ [--stage dev|prod] [--local] [--table <name>]`: writes an
// export (the page files of `pnpm export`) into the stack's table as it was, item by item with
// attribute_not_exists, straight into DynamoDB: no service runs, so no domain event is published and
// no message is sent. Refuses a table that holds anything. Deployed: the table is the stack output
// TableName; --local: the one table of DynamoDB Local (LIAISON_DYNAMODB_ENDPOINT) whose name starts
// with the local prefix (LIAISON_LOCAL_PREFIX, default `<slug>-`), or --table.
import fs from 'node:fs';
import path from 'node:path';
import { parseExport, restoreItems, RestoreRefused, tableClient, tablesWithPrefix } from '@liaison/operations/store/restore';
import { ExportFailed, readArgs, stackNameOf, stackOutputs } from './export';

type DynamoDBClient = ReturnType<typeof tableClient>;

export interface RestoreResult {
  written: number;
  byKind: Record<string, number>;
}

/** The page files of an export folder, in page order. */
export function exportFiles(dir: string): { name: string; text: string }[] {
  if (!fs.existsSync(dir)) throw new RestoreRefused(`no folder ${dir}`);
  const names = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort();
  if (names.length === 0) throw new RestoreRefused(`${dir} holds no .jsonl pages of an export`);
  return names.map((name) => ({ name, text: fs.readFileSync(path.join(dir, name), 'utf8') }));
}

export async function restoreFrom(dir: string, client: DynamoDBClient, tableName: string, onProgress?: (written: number, total: number) => void): Promise<RestoreResult> {
  const parsed = parseExport(exportFiles(dir));
  const written = await restoreItems(parsed.items, { client, tableName, ...(onProgress ? { onProgress } : {}) });
  return { written, byKind: parsed.byKind };
}

async function localTable(event: string, given: string | undefined): Promise<{ client: DynamoDBClient; tableName: string }> {
  const endpoint = process.env.LIAISON_DYNAMODB_ENDPOINT;
  if (!endpoint) throw new ExportFailed('--local needs LIAISON_DYNAMODB_ENDPOINT: the DynamoDB Local that `pnpm dev` printed at start');
  const client = tableClient(endpoint);
  if (given) return { client, tableName: given };
  const prefix = process.env.LIAISON_LOCAL_PREFIX ?? `${event}-`;
  const tables = await tablesWithPrefix(client, prefix);
  if (tables.length !== 1) throw new ExportFailed(`${tables.length} local tables start with ${prefix} (${tables.join(', ') || 'none'}): name one with --table`);
  return { client, tableName: tables[0] as string };
}

async function main(): Promise<void> {
  const a = readArgs(process.argv.slice(2), { from: { type: 'string' }, stage: { type: 'string' }, local: { type: 'boolean' }, table: { type: 'string' } });
  if (typeof a.values.from !== 'string') throw new ExportFailed('say what: --from <dir> (a folder `pnpm export` wrote)');
  let target: { client: DynamoDBClient; tableName: string };
  const given = typeof a.values.table === 'string' ? a.values.table : undefined;
  if (a.values.local) target = await localTable(a.event, given);
  else {
    const tableName = given ?? stackOutputs(stackNameOf(a.event, a.stage)).TableName;
    if (!tableName) throw new ExportFailed(`the stack ${stackNameOf(a.event, a.stage)} has no TableName output`);
    target = { client: tableClient(), tableName };
  }
  const result = await restoreFrom(path.resolve(a.values.from), target.client, target.tableName, (n, total) => {
    if (n === total || n % 500 === 0) process.stderr.write(`${process.stderr.isTTY ? '\r' : ''}restored ${n}/${total} items${n === total || !process.stderr.isTTY ? '\n' : ''}`);
  });
  process.stdout.write(`Restored ${result.written} items into ${target.tableName} (no events published, no messages sent)\n`);
  for (const [kind, n] of Object.entries(result.byKind).sort()) process.stdout.write(`  ${kind.padEnd(24)} ${n}\n`);
}

if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`pnpm restore: ${err instanceof ExportFailed || err instanceof RestoreRefused ? err.message : (err.stack ?? String(err))}\n`);
    process.exit(1);
  });
}
