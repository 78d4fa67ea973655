// The retention purge run in DynamoDB: one run item (`EVENT` / `PURGE`) holds where the purge has got to
// in the index of everyone (gsi1 `PEOPLE`), and each page commits in one transaction with the run's new
// position and its `personal-data.purged` event. So a run stopped anywhere (out of time, a crash) goes on
// from the last page that committed, and a page never commits twice (the run item moves on its version).
//
//   read a page of people (by index, never Scan) ─> guests and contacts not yet purged: their record
//   reduced (domain/purge.ts) with their guards and search tokens ─> commit with the run item and the
//   event naming everyone on the page ─> next page; the last page marks the run done and its event `last`.
//
// A purged person's name sorts before any letter, so a page never meets them again ahead of its position.
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Person } from '@liaison/contracts';
import { clock } from '@liaison/kit/clock';
import { ddb } from '@liaison/kit/ddb/client';
import { ChangedSinceRead, readAgainOnChange } from '@liaison/kit/ddb/read-again';
import { getItem, type Item, type TransactItem } from '@liaison/kit/ddb/table';
import { makeEvent } from '../events';
import { commitWithEvents } from '@liaison/kit/events/outbox';
import { newId } from '@liaison/kit/ids';
import { origin, type StoreContext } from '@liaison/kit/store-context';
import { toPerson, updateItems } from '../store/people';
import { partitions } from '../store/keys';
import { needsPurge, purgedFields } from './purge';

export const RUN_KEY = { pk: 'EVENT', sk: 'PURGE' } as const;
/** People read per page: each page is one transaction (a person's purge is up to ~8 items). */
export const PAGE_SIZE = 10;
/** A page stops being started with less than this left of the invocation. */
export const RESERVE_MS = 8_000;
const MAX_ITEMS = 98; // the run item and the outbox entry make 100

export type PurgeTrigger = 'schedule' | 'organizer';

export interface PurgeRun {
  purgeId: string;
  status: 'running' | 'done';
  trigger: PurgeTrigger;
  /** The organiser who ran it early; null for the schedule. */
  requestedBy: string | null;
  cutoff: string;
  startedAt: string;
  finishedAt: string | null;
  /** People the run has been through so far (everyone: staff are named in the events too). */
  people: number;
  /** Guest and contact records it reduced. */
  purged: number;
  version: number;
}

type Position = Record<string, unknown>;

function toRun(item: Item): PurgeRun {
  return {
    purgeId: item.purgeId as string,
    status: item.status as PurgeRun['status'],
    trigger: item.trigger as PurgeTrigger,
    requestedBy: (item.requestedBy as string | null | undefined) ?? null,
    cutoff: item.cutoff as string,
    startedAt: item.startedAt as string,
    finishedAt: (item.finishedAt as string | null | undefined) ?? null,
    people: Number(item.people ?? 0),
    purged: Number(item.purged ?? 0),
    version: Number(item.version),
  };
}

export async function findRun(tableName: string): Promise<{ run: PurgeRun; position: Position | null } | null> {
  const item = await getItem(tableName, RUN_KEY, true);
  return item ? { run: toRun(item), position: (item.position as Position | null | undefined) ?? null } : null;
}

/** Starts a run, or answers the one that exists (started earlier, by the schedule or an organiser). */
export async function startRun(tableName: string, input: { trigger: PurgeTrigger; requestedBy: string | null; cutoff: string }): Promise<PurgeRun> {
  const run: PurgeRun = { purgeId: newId('prg'), status: 'running', ...input, startedAt: clock.iso(), finishedAt: null, people: 0, purged: 0, version: 1 };
  try {
    await ddb.send(new PutCommand({ TableName: tableName, Item: { ...RUN_KEY, ...run, position: null }, ConditionExpression: 'attribute_not_exists(pk)' }));
    return run;
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException)) throw err;
    return (await findRun(tableName))!.run;
  }
}

interface Listed {
  person: Person;
  position: Position;
}

async function pageOfPeople(tableName: string, after: Position | null): Promise<{ people: Listed[]; more: boolean }> {
  const out: QueryCommandOutput = await ddb.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': partitions.allPeople },
      ...(after ? { ExclusiveStartKey: after } : {}),
      Limit: PAGE_SIZE,
    }),
  );
  const people = (out.Items ?? []).map((item) => ({ person: toPerson(item), position: { pk: item.pk, sk: item.sk, gsi1pk: item.gsi1pk, gsi1sk: item.gsi1sk } }));
  return { people, more: out.LastEvaluatedKey !== undefined };
}

function runMoves(tableName: string, run: PurgeRun, position: Position | null, seen: number, purged: number, done: boolean): TransactItem {
  const now = clock.iso();
  return {
    Update: {
      TableName: tableName,
      Key: RUN_KEY,
      UpdateExpression: `SET #position = :position, people = people + :seen, purged = purged + :purged, #version = :next${done ? ', #status = :done, finishedAt = :now' : ''}`,
      ConditionExpression: '#version = :expected AND #status = :running',
      ExpressionAttributeNames: { '#position': 'position', '#version': 'version', '#status': 'status' },
      ExpressionAttributeValues: {
        ':position': position,
        ':seen': seen,
        ':purged': purged,
        ':next': run.version + 1,
        ':expected': run.version,
        ':running': 'running',
        ...(done ? { ':done': 'done', ':now': now } : {}),
      },
    },
  };
}

/** Purges one page from where the run is and commits it; a person or the run that moved on since read makes it read again. */
export async function purgeStep(ctx: StoreContext, run: PurgeRun, position: Position | null): Promise<void> {
  const page = await pageOfPeople(ctx.tableName, position);
  const now = clock.iso();
  const items: TransactItem[] = [];
  let purged = 0;
  let last: Position | null = position;
  const ids: string[] = [];
  for (const { person, position: at } of page.people) {
    if (needsPurge(person)) {
      const after: Person = { ...purgedFields(person), version: person.version + 1, updatedAt: now };
      const built = updateItems(ctx.tableName, person, after);
      // A page is one transaction; a page too big for one stops early and the next read goes on from here.
      if (items.length + built.items.length > MAX_ITEMS && ids.length > 0) break;
      items.push(...built.items);
      purged += 1;
    }
    ids.push(person.id);
    last = at;
  }
  const done = !page.more && ids.length === page.people.length;
  const event = makeEvent('personal-data.purged', { purgeId: run.purgeId, cutoff: run.cutoff, personIds: ids, last: done }, origin(ctx));
  await commitWithEvents(ctx, [...items, runMoves(ctx.tableName, run, last, ids.length, purged, done)], [event], (reasons) =>
    reasons.some((r) => r.code === 'ConditionalCheckFailed' || r.code === 'TransactionConflict') ? new ChangedSinceRead('a person or the purge run changed while the page was purged') : null,
  );
}

export interface ContinueOptions {
  /** Milliseconds left of the invocation. */
  remainingMs: () => number;
}

/** Takes the run on page by page until it is done or time is short; answers the run as it is then. */
export async function continuePurge(ctx: StoreContext, opts: ContinueOptions): Promise<PurgeRun | null> {
  for (;;) {
    const state = await findRun(ctx.tableName);
    if (!state || state.run.status === 'done' || opts.remainingMs() < RESERVE_MS) return state?.run ?? null;
    await readAgainOnChange(async () => {
      const fresh = await findRun(ctx.tableName);
      if (!fresh || fresh.run.status === 'done') return;
      await purgeStep(ctx, fresh.run, fresh.position);
    });
  }
}
