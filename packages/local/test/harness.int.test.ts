// The int harness itself: each worker gets its own copy of the synthesized stack, and modules that
// read the functions' environment (kit's clients, handlers) reach it without any setup in the test.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { GetTopicAttributesCommand, SNSClient } from '@aws-sdk/client-sns';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { dynamo } from '@liaison/kit/ddb/client';
import { ENV } from '@liaison/kit/config';
import { consumerQueues, intStack, scanTable } from '../../../test/support/int';

describe('the int harness', () => {
  it("points this worker at its own copy of the stack, with the functions' environment", () => {
    const stack = intStack();
    const worker = process.env.JEST_WORKER_ID ?? '1';
    expect(stack.prefix).toBe(`int-w${worker}-`);
    expect(process.env[ENV.tableName]).toBe(Object.values(stack.tables)[0]!.name);
    expect(process.env[ENV.tableName]!.startsWith(stack.prefix)).toBe(true);
    for (const [name, value] of Object.entries(stack.env)) expect([name, process.env[name]]).toEqual([name, value]);
    expect(process.env.AWS_ENDPOINT_URL_DYNAMODB).toBe(stack.endpoints.dynamodb);
  });

  it("lets kit's module-scope clients write to this worker's table, and scanTable read it back", async () => {
    const pk = `HARNESS#${randomBytes(4).toString('hex')}`;
    await dynamo.send(new PutItemCommand({ TableName: process.env[ENV.tableName], Item: { pk: { S: pk }, sk: { S: 'X' }, n: { N: '1' } } }));
    expect((await scanTable()).filter((i) => i.pk === pk)).toEqual([{ pk, sk: 'X', n: 1 }]);
  });

  it('has the events topic the functions publish to', async () => {
    const sns = new SNSClient({});
    const out = await sns.send(new GetTopicAttributesCommand({ TopicArn: process.env[ENV.eventsTopicArn] }));
    expect(out.Attributes?.TopicArn).toBe(process.env[ENV.eventsTopicArn]);
    sns.destroy();
  });

  it('names the consumers it knows when asked for one it does not', () => {
    expect(() => consumerQueues('no-such-consumer')).toThrow(/no consumer named no-such-consumer; the stack has:/);
  });
});
