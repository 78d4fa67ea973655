// Route schemas are built on first use: a route table imports every route's schemas, but a request
// needs only its own route's body, and the answer schemas are read only by the OpenAPI document and
// the tests. Each schema zod builds at import costs a Lambda cold start time (about 20 µs each; the
// directory's HTTP function built 579 at import, 132 since), so every body and answer schema is
// `z.lazy`: a service's own, and the contracts' records it answers with (lazy in the contracts too).
// Path and query schemas are small and typed as objects by the kit.
import { describe, expect, it } from '@jest/globals';
import { Id } from '@liaison/contracts';
import type { RouteTable } from '@liaison/kit/http/route';
import { ROUTE_TABLES } from '../src/functions/route-tables';

type Schema = { _zod: { def: { type: string } } };

/** `service route: where` for each body or answer schema of `table` that is not lazy. */
function builtAtImport(service: string, table: RouteTable): string[] {
  const out: string[] = [];
  for (const [name, spec] of Object.entries(table)) {
    const schemas: [string, unknown][] = [['body', spec.body], ...Object.entries(spec.responses).map(([status, r]) => [status, r.schema] as [string, unknown])];
    for (const [where, schema] of schemas) {
      if (schema === undefined) continue;
      if ((schema as Schema)._zod.def.type !== 'lazy') out.push(`${service} ${name}: ${where}`);
    }
  }
  return out;
}

describe('route schemas', () => {
  it.each(Object.keys(ROUTE_TABLES))("%s: every body and answer schema is built on first use (z.lazy)", (service) => {
    expect(builtAtImport(service, ROUTE_TABLES[service]!)).toEqual([]);
  });

  it('finds a schema built at import (the check can fail)', () => {
    const eager = { method: 'GET', path: '/x', summary: 'x', access: 'public', responses: { 200: { description: 'x', schema: Id.check() } } } as const;
    expect(builtAtImport('test', { eager } as unknown as RouteTable)).toEqual(['test eager: 200']);
  });
});
