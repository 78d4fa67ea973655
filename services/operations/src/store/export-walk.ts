// The export walk: every list partition of the registry in order, each root's item collection and
// companion partitions, read by Query (never a Scan) into one page of JSON lines that stays under a
// byte budget and a time budget; the next page's cursor says exactly where it stopped (between two
// items, if need be), so no item is skipped or repeated between pages.
import { QueryCommand, type AttributeValue as SdkValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { dynamo } from '@liaison/kit/ddb/client';
import { COMPANIONS, LIST_SOURCES, isNotExported, kindOf, type Companion, type ListSource } from '@liaison/kit/ddb/export-registry';
import { MalformedError } from '@liaison/kit/errors';
import { answerBytes, headerLine, recordLine, type StoredItem } from '../domain/records';
import { decodeState, encodeState, keyNames, type Key, type WalkState } from '../domain/walk-state';

export interface WalkOptions {
  tableName: string;
  cursor?: string | undefined;
  /** Largest page, counted as the Lambda's JSON answer will carry it. */
  maxBytes: number;
  /** True once the page must end (the function's time is running out). */
  timeUp: () => boolean;
  /** Items per list query: roots read ahead of their collections. */
  listLimit?: number;
}

export interface WalkPage {
  body: string;
  records: number;
  bytes: number;
  nextCursor: string | null;
  /** List partitions finished, of all: for a progress bar. */
  progress: { done: number; total: number };
}

type Raw = Record<string, SdkValue>;
/** Where a read stopped: null when the partition is done, else the key to go on after (undefined: from its start). */
type Stop = { resume: Key | undefined } | null;

class Page {
  readonly lines: string[] = [];
  bytes = 0;
  records = 0;
  constructor(private readonly max: number) {}
  /** Adds the line if it fits (the first always does); false when the page is full. */
  offer(line: string, isRecord = true): boolean {
    const size = answerBytes(line);
    if (this.lines.length > 0 && this.bytes + size > this.max) return false;
    this.lines.push(line);
    this.bytes += size;
    if (isRecord) this.records++;
    return true;
  }
}

const keyOf = (item: Raw, names: string[]): Key => Object.fromEntries(names.map((n) => [n, (item[n] as { S: string }).S]));
const toSdk = (key: Key | undefined): Raw | undefined => (key ? Object.fromEntries(Object.entries(key).map(([k, v]) => [k, { S: v }])) : undefined);
const TABLE_KEY = keyNames('table');

export async function exportPage(opts: WalkOptions): Promise<WalkPage> {
  const page = new Page(opts.maxBytes);
  let state: WalkState = opts.cursor ? decodeState(opts.cursor) : { s: 0 };
  if (!opts.cursor) page.offer(headerLine(), false);
  const walker = new Walker(opts, page);
  while (state.s < LIST_SOURCES.length) {
    const source = LIST_SOURCES[state.s] as ListSource;
    const stopped = source.index === 'table' ? await walker.tableSource(source, state) : await walker.listSource(source, state);
    if (stopped) return answer(page, stopped);
    state = { s: state.s + 1 };
    if (state.s < LIST_SOURCES.length && opts.timeUp()) return answer(page, state);
  }
  return answer(page, null);
}

function answer(page: Page, next: WalkState | null): WalkPage {
  const total = LIST_SOURCES.length;
  return { body: page.lines.join(''), records: page.records, bytes: page.bytes, nextCursor: next ? encodeState(next) : null, progress: { done: next ? next.s : total, total } };
}

/** Roots whose collections are read ahead of the one being written out. */
const READ_AHEAD = 8;

class Walker {
  private readonly ahead = new Map<string, Promise<Raw[]>>();

  constructor(
    private readonly opts: WalkOptions,
    private readonly page: Page,
  ) {}

  async tableSource(source: ListSource, state: WalkState): Promise<WalkState | null> {
    const stop = await this.partition(source.partition, state.k);
    return stop ? { s: state.s, ...(stop.resume ? { k: stop.resume } : {}) } : null;
  }

  async listSource(source: ListSource, state: WalkState): Promise<WalkState | null> {
    const names = keyNames(source.index);
    let listKey = state.l;
    if (state.r && listKey) {
      const root = await this.storedRoot(source, listKey);
      if (root) {
        const stop = await this.root(root, state.p ?? 0, state.k);
        if (stop) return { s: state.s, l: listKey, r: true, ...stop };
      }
    }
    for (;;) {
      if (this.opts.timeUp()) return { s: state.s, ...(listKey ? { l: listKey } : {}) };
      const out = await dynamo.send(
        new QueryCommand({
          TableName: this.opts.tableName,
          IndexName: source.index as string,
          KeyConditionExpression: '#pk = :pk',
          ExpressionAttributeNames: { '#pk': names[2] as string },
          ExpressionAttributeValues: { ':pk': { S: source.partition } },
          ExclusiveStartKey: toSdk(listKey),
          Limit: this.opts.listLimit ?? 100,
        }),
      );
      const roots = out.Items ?? [];
      for (let i = 0; i < roots.length; i++) {
        const item = roots[i] as Raw;
        // The collections of the next roots are read while this one is written out (the page stops between items all the same).
        for (const next of roots.slice(i, i + READ_AHEAD)) for (const part of this.partsOf(next)) this.prefetch(part.partition);
        const here = keyOf(item, names);
        const stop = await this.root(item, 0, undefined);
        if (stop) return { s: state.s, l: here, r: true, ...stop };
        listKey = here;
        if (this.opts.timeUp()) return { s: state.s, l: listKey };
      }
      if (!out.LastEvaluatedKey) return null;
      listKey = keyOf(out.LastEvaluatedKey, names);
    }
  }

  /** The root a cursor names, read again from the table; it must still be in the list it came from. */
  private async storedRoot(source: ListSource, listKey: Key): Promise<Raw | null> {
    if (isNotExported(listKey.pk ?? '')) throw new MalformedError('The cursor is not valid: it points outside the export', [{ path: 'cursor', message: 'is not a cursor this export gave out' }]);
    // A Query on its whole key (the one read command this function's grants test knows for the table).
    const out = await dynamo.send(
      new QueryCommand({
        TableName: this.opts.tableName,
        KeyConditionExpression: '#pk = :pk AND #sk = :sk',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': { S: listKey.pk as string }, ':sk': { S: listKey.sk as string } },
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0];
    if (!item) return null; // deleted since the last page: nothing of it to export
    const indexPk = keyNames(source.index)[2] as string;
    if ((item[indexPk] as { S?: string } | undefined)?.S !== source.partition) {
      throw new MalformedError('The cursor is not valid: it points outside the export', [{ path: 'cursor', message: 'is not a cursor this export gave out' }]);
    }
    return item;
  }

  /** A root's parts, in order: its own item collection, then its companion partitions. */
  private async root(item: Raw, fromPart: number, fromKey: Key | undefined): Promise<{ p: number; k?: Key } | null> {
    const plain = unmarshall(item);
    const parts = this.partsOf(item);
    for (let p = fromPart; p < parts.length; p++) {
      const part = parts[p] as (typeof parts)[number];
      if (part.exportedBy && !(await this.exportsShared(part.partition, plain, part.exportedBy))) continue;
      const stop = await this.partition(part.partition, p === fromPart ? fromKey : undefined);
      if (stop) return { p, ...(stop.resume ? { k: stop.resume } : {}) };
      if (p + 1 < parts.length && this.opts.timeUp()) return { p: p + 1 };
    }
    return null;
  }

  /** A root's parts, in order: its own item collection (its pk), then its companion partitions. */
  private partsOf(item: Raw): { partition: string; exportedBy: Companion['exportedBy'] }[] {
    const plain = unmarshall(item);
    const pk = String(plain.pk);
    const companions = COMPANIONS.filter((c) => pk.startsWith(c.root)).flatMap((c) =>
      c.partitions(plain).filter((p): p is string => typeof p === 'string' && p !== '').map((partition) => ({ partition, exportedBy: c.exportedBy })),
    );
    return [{ partition: pk, exportedBy: undefined }, ...companions];
  }

  /** Starts reading a whole partition, for `partition()` to take from; at most once per partition. */
  private prefetch(partition: string): void {
    if (this.ahead.has(partition) || isNotExported(partition)) return;
    const read = this.readAll(partition);
    read.catch(() => undefined); // read ahead and perhaps never taken (the page ended): not an unhandled rejection
    this.ahead.set(partition, read);
  }

  private async readAll(partition: string): Promise<Raw[]> {
    const items: Raw[] = [];
    let start: Raw | undefined;
    do {
      const out = await this.query(partition, start);
      items.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  private async exportsShared(partition: string, root: Record<string, unknown>, exportedBy: (items: Record<string, unknown>[], root: Record<string, unknown>) => boolean): Promise<boolean> {
    this.prefetch(partition);
    const items = ((await this.ahead.get(partition)) ?? []).map((i) => unmarshall(i));
    return items.length > 0 && exportedBy(items, root);
  }

  private query(partition: string, start: Raw | undefined) {
    return dynamo.send(
      new QueryCommand({
        TableName: this.opts.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'pk' },
        ExpressionAttributeValues: { ':pk': { S: partition } },
        ExclusiveStartKey: start,
        ConsistentRead: true,
      }),
    );
  }

  /** Every item of one partition from `startKey` on, as records; stops when the page is full or time is up. */
  private async partition(partition: string, startKey: Key | undefined): Promise<Stop> {
    if (isNotExported(partition)) return null;
    const ahead = this.ahead.get(partition);
    if (ahead) {
      this.ahead.delete(partition);
      let resume = startKey;
      const after = startKey ? Buffer.from(startKey.sk as string) : null;
      for (const item of await ahead) {
        const key = keyOf(item, TABLE_KEY);
        if (after && Buffer.compare(Buffer.from(key.sk as string), after) <= 0) continue;
        if (!this.page.offer(recordLine(kindOf(key.pk as string, key.sk as string), item as unknown as StoredItem))) return { resume };
        resume = key;
      }
      return null;
    }
    let resume = startKey;
    let start = toSdk(startKey);
    for (;;) {
      const out = await this.query(partition, start);
      for (const item of out.Items ?? []) {
        const key = keyOf(item, TABLE_KEY);
        if (!this.page.offer(recordLine(kindOf(key.pk as string, key.sk as string), item as unknown as StoredItem))) return { resume };
        resume = key;
      }
      if (!out.LastEvaluatedKey) return null;
      start = out.LastEvaluatedKey;
      resume = keyOf(out.LastEvaluatedKey, TABLE_KEY);
      if (this.opts.timeUp()) return { resume };
    }
  }
}
