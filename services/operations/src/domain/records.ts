// The export's records: one stored item per JSON line, `{ "kind", "item" }`, the item in plain JSON so a
// reader needs no DynamoDB knowledge, and back again to the very same attribute values for a restore.
// Plain JSON loses nothing DynamoDB stores here: strings, numbers, booleans, null, lists and maps map
// one to one; what JSON cannot say is tagged as a one-key object: `{"$ss":[...]}`, `{"$ns":[...]}`,
// `{"$bs":[...]}`, `{"$b":"<base64>"}`, `{"$n":"<digits>"}` (a number a JS number would round), and
// `{"$m":{...}}` (a map that itself has one key starting with `$`, so it is never read as a tag).

/** DynamoDB's attribute value, as the low-level client sends and receives it (its own type, so domain code needs no AWS import). */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { L: AttributeValue[] }
  | { M: Record<string, AttributeValue> }
  | { SS: string[] }
  | { NS: string[] }
  | { B: Uint8Array }
  | { BS: Uint8Array[] };

export type StoredItem = Record<string, AttributeValue>;
export type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

export interface ExportRecord {
  kind: string;
  item: Record<string, Json>;
}

/** The first line of an export: what it is, so a restore can refuse something else. */
export const EXPORT_FORMAT = 'liaison-export/1';
export const HEADER_KIND = 'export';

export class RecordFormatError extends Error {}

const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

function isTag(o: Record<string, unknown>): boolean {
  const keys = Object.keys(o);
  return keys.length === 1 && (keys[0] as string).startsWith('$');
}

export function toJson(v: AttributeValue): Json {
  if ('S' in v) return v.S;
  if ('N' in v) return String(Number(v.N)) === v.N ? Number(v.N) : { $n: v.N };
  if ('BOOL' in v) return v.BOOL;
  if ('NULL' in v) return null;
  if ('L' in v) return v.L.map(toJson);
  if ('M' in v) {
    const m = mapToJson(v.M);
    return isTag(m) ? { $m: m } : m;
  }
  if ('SS' in v) return { $ss: [...v.SS] };
  if ('NS' in v) return { $ns: [...v.NS] };
  if ('B' in v) return { $b: b64(v.B) };
  if ('BS' in v) return { $bs: v.BS.map(b64) };
  throw new RecordFormatError(`unknown attribute value ${JSON.stringify(Object.keys(v))}`);
}

// Object.fromEntries makes every name an own property: an attribute named `__proto__` assigned with
// `out[k] = v` would set the object's prototype instead, and the attribute would be lost.
function mapToJson(m: Record<string, AttributeValue>): { [k: string]: Json } {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, toJson(v)]));
}

export function fromJson(j: Json): AttributeValue {
  if (typeof j === 'string') return { S: j };
  if (typeof j === 'number') {
    if (!Number.isFinite(j)) throw new RecordFormatError(`not a DynamoDB number: ${j}`);
    return { N: String(j) };
  }
  if (typeof j === 'boolean') return { BOOL: j };
  if (j === null) return { NULL: true };
  if (Array.isArray(j)) return { L: j.map(fromJson) };
  if (isTag(j)) {
    const [tag, value] = Object.entries(j)[0] as [string, Json];
    switch (tag) {
      case '$n':
        return { N: String(value) };
      case '$m':
        return { M: mapFromJson(value as { [k: string]: Json }) };
      case '$ss':
        return { SS: (value as string[]).map(String) };
      case '$ns':
        return { NS: (value as string[]).map(String) };
      case '$b':
        return { B: bytes(String(value)) };
      case '$bs':
        return { BS: (value as string[]).map((s) => bytes(String(s))) };
      default:
        throw new RecordFormatError(`unknown tag ${tag}`);
    }
  }
  return { M: mapFromJson(j) };
}

function mapFromJson(m: { [k: string]: Json }): Record<string, AttributeValue> {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) throw new RecordFormatError('a map must be an object');
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, fromJson(v)]));
}

/** One JSON line (with its newline) for a stored item. */
export function recordLine(kind: string, item: StoredItem): string {
  return `${JSON.stringify({ kind, item: mapToJson(item) } satisfies ExportRecord)}\n`;
}

export function headerLine(): string {
  return `${JSON.stringify({ kind: HEADER_KIND, format: EXPORT_FORMAT })}\n`;
}

export type ParsedLine = { type: 'header'; format: string } | { type: 'record'; kind: string; item: StoredItem };

/** Reads one line of an export back; throws RecordFormatError naming what is wrong. */
export function parseLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new RecordFormatError('not JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new RecordFormatError('not a JSON object');
  const o = value as Record<string, unknown>;
  if (typeof o.kind !== 'string') throw new RecordFormatError('no kind');
  if (o.kind === HEADER_KIND) return { type: 'header', format: String(o.format) };
  const item = o.item;
  if (!item || typeof item !== 'object' || Array.isArray(item)) throw new RecordFormatError('no item');
  const stored = mapFromJson(item as { [k: string]: Json });
  if (!('S' in (stored.pk ?? {})) || !('S' in (stored.sk ?? {}))) throw new RecordFormatError('the item has no string pk and sk');
  return { type: 'record', kind: o.kind, item: stored };
}

/** The size a line takes inside the Lambda's JSON answer (quotes and backslashes are escaped there). */
export function answerBytes(line: string): number {
  let escaped = 0;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 34 || c === 92 || c < 32) escaped += c < 32 && c !== 10 && c !== 9 && c !== 13 ? 5 : 1;
  }
  return Buffer.byteLength(line, 'utf8') + escaped;
}
