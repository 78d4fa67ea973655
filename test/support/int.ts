// Helpers for int tests: this worker's copy of the stack, the queues of a consumer, and a table scan
// for "a rejected write leaves the table as it was" checks (tests only: request paths never scan).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import { CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { PurgeQueueCommand, ReceiveMessageCommand, SQSClient, type Message } from '@aws-sdk/client-sqs';
import type { ProvisionedConsumer, ProvisionedStack } from '@liaison/local';
import { workerStack } from './int-stacks';

/** This worker's copy of the stack; throws when int-setup could not synthesize it. */
export function intStack(): ProvisionedStack {
  const stack = workerStack();
  if (!stack) throw new Error('int-setup could not synthesize the stack (see its message at the start of the run)');
  return stack;
}

/** The queue (and dead-letter queue) of a consumer, by its `liaison:name`, e.g. `person-changes`. */
export function consumerQueues(name: string, service?: string): ProvisionedConsumer {
  const matches = intStack().consumers.filter((c) => c.name === name && (service === undefined || c.service === service));
  if (matches.length !== 1) {
    const known = intStack().consumers.map((c) => `${c.service}/${c.name}`);
    throw new Error(`${matches.length === 0 ? 'no' : 'more than one'} consumer named ${name}; the stack has: ${known.join(', ') || 'none'}`);
  }
  return matches[0]!;
}

let docClient: DynamoDBDocumentClient | null = null;
let rawClient: DynamoDBClient | null = null;
let sqsClient: SQSClient | null = null;

function ddb(): DynamoDBDocumentClient {
  docClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  return docClient;
}

function sqs(): SQSClient {
  sqsClient ??= new SQSClient({});
  return sqsClient;
}

export type Item = Record<string, unknown>;

/** Every item of the table (default: this worker's LIAISON_TABLE_NAME), sorted by pk then sk. */
export async function scanTable(tableName = process.env.LIAISON_TABLE_NAME): Promise<Item[]> {
  if (!tableName) throw new Error('no table: LIAISON_TABLE_NAME is not set');
  const items: Item[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await ddb().send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
    items.push(...((page.Items ?? []) as Item[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  const key = (i: Item) => `${String(i.pk)}\u0000${String(i.sk)}`;
  return items.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Receives what is on a queue now (up to `max`), without deleting it. */
export async function peekQueue(queueUrl: string, { max = 10, waitSeconds = 1, visibilityTimeout = 0 } = {}): Promise<Message[]> {
  const out = await sqs().send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: Math.min(10, max), WaitTimeSeconds: waitSeconds, VisibilityTimeout: visibilityTimeout, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }),
  );
  return out.Messages ?? [];
}

export async function purgeQueue(queueUrl: string): Promise<void> {
  await sqs().send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
}

/**
 * Points this test file at a new, empty table with the design of the worker's table (made in the
 * first beforeAll, dropped in the last afterAll). For files that scan the whole table (property tests:
 * "a refused write changes nothing" scans before and after every run): the worker's table holds what
 * every earlier file wrote, and scanning it twice per run cost minutes. Call it at the top of the file,
 * before its own beforeAll; handler and store modules read the table name when they load, so import
 * them in that beforeAll with `await import(...)`.
 */
export function useOwnTable(): void {
  const source = process.env.LIAISON_TABLE_NAME;
  if (!source) throw new Error('no table: LIAISON_TABLE_NAME is not set');
  const name = `${source}-own-${randomBytes(3).toString('hex')}`;
  beforeAll(async () => {
    rawClient ??= new DynamoDBClient({});
    const { Table } = await rawClient.send(new DescribeTableCommand({ TableName: source }));
    if (!Table) throw new Error(`table ${source} not found`);
    await rawClient.send(
      new CreateTableCommand({
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: Table.KeySchema,
        AttributeDefinitions: Table.AttributeDefinitions,
        GlobalSecondaryIndexes: Table.GlobalSecondaryIndexes?.map((i) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection })),
      }),
    );
    process.env.LIAISON_TABLE_NAME = name;
  });
  afterAll(async () => {
    process.env.LIAISON_TABLE_NAME = source;
    await rawClient?.send(new DeleteTableCommand({ TableName: name }));
  });
}
