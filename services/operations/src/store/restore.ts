// Writes an export back into a stack's table as it was: each stored item put as it is, on condition
// that nothing is there yet, bypassing the services (so no domain event is published and no message
// sent). Used by `pnpm restore` (infra/bin/restore.ts), never by a request path: its emptiness check
// is the one Scan here, of one item, in a one-off admin tool.
import { DynamoDBClient, ListTablesCommand, PutItemCommand, ScanCommand, type AttributeValue as SdkValue } from '@aws-sdk/client-dynamodb';
import { EXPORT_FORMAT, parseLine, RecordFormatError, type StoredItem } from '../domain/records';

export class RestoreRefused extends Error {}

/** True when the table holds no item at all. */
export async function isTableEmpty(client: DynamoDBClient, tableName: string): Promise<boolean> {
  const out = await client.send(new ScanCommand({ TableName: tableName, Limit: 1, ConsistentRead: true }));
  return (out.Items ?? []).length === 0 && (out.Count ?? 0) === 0;
}

export interface ParsedExport {
  items: { kind: string; item: StoredItem }[];
  byKind: Record<string, number>;
}

/** Reads the lines of an export (pages in order); a line that is not a record names its file and line number. */
export function parseExport(files: { name: string; text: string }[]): ParsedExport {
  const items: ParsedExport['items'] = [];
  const byKind: Record<string, number> = {};
  let header = false;
  for (const f of files) {
    const lines = f.text.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line.trim() === '') continue;
      let parsed;
      try {
        parsed = parseLine(line);
      } catch (err) {
        throw new RestoreRefused(`${f.name}:${i + 1}: ${err instanceof RecordFormatError ? err.message : String(err)}`);
      }
      if (parsed.type === 'header') {
        if (parsed.format !== EXPORT_FORMAT) throw new RestoreRefused(`${f.name}:${i + 1}: format ${parsed.format}, this restore reads ${EXPORT_FORMAT}`);
        header = true;
        continue;
      }
      items.push({ kind: parsed.kind, item: parsed.item });
      byKind[parsed.kind] = (byKind[parsed.kind] ?? 0) + 1;
    }
  }
  if (!header) throw new RestoreRefused(`no export header ({"kind":"export","format":"${EXPORT_FORMAT}"}): is this the first page of an export?`);
  const seen = new Set<string>();
  for (const { item } of items) {
    const key = `${(item.pk as { S: string }).S}\u0000${(item.sk as { S: string }).S}`;
    if (seen.has(key)) throw new RestoreRefused(`the export holds the item ${key.replace('\u0000', ' / ')} twice`);
    seen.add(key);
  }
  return { items, byKind };
}

export interface RestoreOptions {
  client: DynamoDBClient;
  tableName: string;
  concurrency?: number;
  onProgress?: (written: number, total: number) => void;
}

/** Puts every item into an empty table; refuses a table that holds anything. Returns how many were written. */
export async function restoreItems(items: ParsedExport['items'], opts: RestoreOptions): Promise<number> {
  if (!(await isTableEmpty(opts.client, opts.tableName))) {
    throw new RestoreRefused(`the table ${opts.tableName} is not empty: a restore writes only into an empty stack's table`);
  }
  let next = 0;
  let written = 0;
  const worker = async () => {
    while (next < items.length) {
      const { item } = items[next++] as ParsedExport['items'][number];
      await opts.client.send(
        new PutItemCommand({ TableName: opts.tableName, Item: item as unknown as Record<string, SdkValue>, ConditionExpression: 'attribute_not_exists(pk)' }),
      );
      written++;
      opts.onProgress?.(written, items.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 16) }, worker));
  return written;
}

/** A DynamoDB client for the tools: the ops engineer's credentials, or DynamoDB Local at `endpoint` (sharedDb: any key). */
export function tableClient(endpoint?: string): DynamoDBClient {
  return endpoint ? new DynamoDBClient({ endpoint, region: 'ap-southeast-3', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }) : new DynamoDBClient({});
}

/** The tables whose name starts with `prefix` (a local copy of the stack: `pnpm dev` names its tables `<prefix>...`). */
export async function tablesWithPrefix(client: DynamoDBClient, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let start: string | undefined;
  do {
    const out = await client.send(new ListTablesCommand({ ExclusiveStartTableName: start }));
    names.push(...(out.TableNames ?? []).filter((n) => n.startsWith(prefix)));
    start = out.LastEvaluatedTableName;
  } while (start);
  return names;
}
