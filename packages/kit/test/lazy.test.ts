import { describe, expect, it } from '@jest/globals';
import type { Context } from 'aws-lambda';
import { lazy, type RouteRequest } from '../src/http/service';
import type { RouteSpec } from '../src/http/route';

const request = {} as RouteRequest<RouteSpec>;
const context = {} as Context;

describe('lazy route handlers', () => {
  it('load their module on the first request only, and every request runs the loaded handler', async () => {
    let loads = 0;
    let calls = 0;
    const handler = lazy<RouteSpec>(async () => {
      loads += 1;
      return async () => ({ status: 200, body: { call: ++calls } });
    });
    expect(loads).toBe(0);
    const answers = await Promise.all([handler(request, context), handler(request, context)]);
    const third = await handler(request, context);
    expect(loads).toBe(1);
    expect([...answers, third].map((a) => (a.body as { call: number }).call).sort()).toEqual([1, 2, 3]);
  });

  it('try the load again after it failed, instead of failing every later request', async () => {
    let loads = 0;
    const handler = lazy<RouteSpec>(async () => {
      loads += 1;
      if (loads === 1) throw new Error('chunk missing');
      return async () => ({ status: 204 });
    });
    await expect(handler(request, context)).rejects.toThrow('chunk missing');
    await expect(handler(request, context)).resolves.toEqual({ status: 204 });
    expect(loads).toBe(2);
  });
});
