// Middleware overhead: GET /people/{id} through the directory's full HTTP pipeline (in process, and
// over HTTP through the local gateway with JWT verification) against a bare handler doing the same
// DynamoDB read on the same emulator; and the same pipeline for a caller with a person record, whose
// every request is checked against that record (per-container cache, hit after warm-up; a miss is
// one GetItem, measured alone). Rounds interleave them so drift hits them alike.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { callerResolver } from '@liaison/directory-read';
import { ddb } from '@liaison/kit/ddb/client';
import type { Context } from 'aws-lambda';
import { fmt, median, percentile, table, time } from './stats';

export interface MiddlewareFigures {
  bareMs: number;
  pipelineMs: number;
  callerCheckedMs: number;
  callerMissMs: number;
  httpMs: number;
}

export async function benchMiddleware(opts: { url: string; token: string; personId: string; tableName: string; rounds: number }): Promise<MiddlewareFigures> {
  const { handler } = await import('@liaison/directory/handlers/http');
  const context = { functionName: 'bench', awsRequestId: 'bench', getRemainingTimeInMillis: () => 29_000 } as unknown as Context;
  const organizerClaims = { sub: 'bench', 'cognito:groups': '[organizer]' };
  // The person reading themself, as a guest: their token is checked against their record.
  const selfClaims = { sub: 'bench-self', 'cognito:groups': '[guest]', personId: opts.personId };
  const event = (claims: Record<string, string> = organizerClaims) =>
    ({
      version: '2.0',
      routeKey: 'GET /people/{personId}',
      rawPath: `/people/${opts.personId}`,
      rawQueryString: '',
      headers: { accept: 'application/json' },
      pathParameters: { personId: opts.personId },
      requestContext: { requestId: `r${Math.random()}`, http: { method: 'GET', path: `/people/${opts.personId}` }, authorizer: { jwt: { claims, scopes: null } } },
      isBase64Encoded: false,
    }) as never;

  const bare = async () => {
    const out = await ddb.send(new GetCommand({ TableName: opts.tableName, Key: { pk: `PERSON#${opts.personId}`, sk: 'PERSON' } }));
    return { statusCode: out.Item ? 200 : 404, headers: { 'content-type': 'application/json' }, body: JSON.stringify(out.Item) };
  };
  const pipeline = async () => {
    const res = await handler(event(), context);
    if (res.statusCode !== 200) throw new Error(`pipeline answered ${res.statusCode}`);
  };
  const callerChecked = async () => {
    const res = await handler(event(selfClaims), context);
    if (res.statusCode !== 200) throw new Error(`pipeline with the caller check answered ${res.statusCode}`);
  };
  const uncached = callerResolver(opts.tableName, { maxAgeMs: 0 });
  const callerMiss = async () => {
    if (!(await uncached({ sub: 'bench-self', role: 'guest', personId: opts.personId }))) throw new Error('caller check refused the bench person');
  };
  const overHttp = async () => {
    const res = await fetch(`${opts.url}/people/${opts.personId}`, { headers: { authorization: `Bearer ${opts.token}` } });
    await res.text();
    if (res.status !== 200) throw new Error(`HTTP answered ${res.status}`);
  };

  for (let i = 0; i < 30; i++) await Promise.all([bare(), pipeline(), callerChecked(), callerMiss(), overHttp()]); // warm up
  const t = { bare: [] as number[], pipeline: [] as number[], checked: [] as number[], miss: [] as number[], http: [] as number[] };
  for (let i = 0; i < opts.rounds; i++) {
    t.bare.push(await time(bare));
    t.pipeline.push(await time(pipeline));
    t.checked.push(await time(callerChecked));
    t.miss.push(await time(callerMiss));
    t.http.push(await time(overHttp));
  }
  const figures = { bareMs: median(t.bare), pipelineMs: median(t.pipeline), callerCheckedMs: median(t.checked), callerMissMs: median(t.miss), httpMs: median(t.http) };
  console.log(`\nMiddleware overhead — GET /people/{id}, ${opts.rounds} rounds (ms)`);
  console.log(
    table([
      ['path', 'median', 'p95', 'ratio to bare'],
      ['bare handler: one GetItem', fmt(figures.bareMs), fmt(percentile(t.bare, 95)), '1.00'],
      ['directory pipeline, in process', fmt(figures.pipelineMs), fmt(percentile(t.pipeline, 95)), fmt(figures.pipelineMs / figures.bareMs)],
      ['  + caller check (cache hit)', fmt(figures.callerCheckedMs), fmt(percentile(t.checked, 95)), fmt(figures.callerCheckedMs / figures.bareMs)],
      ['caller check alone, cache miss', fmt(figures.callerMissMs), fmt(percentile(t.miss, 95)), fmt(figures.callerMissMs / figures.bareMs)],
      ['full stack over HTTP (gateway + JWT)', fmt(figures.httpMs), fmt(percentile(t.http, 95)), fmt(figures.httpMs / figures.bareMs)],
    ]),
  );
  return figures;
}
