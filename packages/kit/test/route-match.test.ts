import { describe, expect, it } from '@jest/globals';
import { RouteMatcher } from '../src/http/route-match';

const keys = [
  'GET /pets/dog/1',
  'GET /pets/dog/{id}',
  'GET /pets/{proxy+}',
  'ANY /{proxy+}',
  'GET /people',
  'GET /people/{personId}',
  'GET /people/import',
  'POST /people/import',
  'ANY /people/{personId}/notes',
  'PATCH /people/{personId}/notes',
  '$default',
];
const matcher = new RouteMatcher(keys.map((routeKey) => ({ routeKey, value: routeKey })));

describe('route matching', () => {
  it('prefers an exact path, then {param}, then a greedy {proxy+}, and $default last', () => {
    expect(matcher.match('GET', '/pets/dog/1')?.routeKey).toBe('GET /pets/dog/1');
    expect(matcher.match('GET', '/pets/dog/2')).toEqual({ routeKey: 'GET /pets/dog/{id}', value: 'GET /pets/dog/{id}', pathParameters: { id: '2' } });
    expect(matcher.match('GET', '/pets/cat/1')).toMatchObject({ routeKey: 'GET /pets/{proxy+}', pathParameters: { proxy: 'cat/1' } });
    expect(matcher.match('POST', '/pets/cat/1')).toMatchObject({ routeKey: 'ANY /{proxy+}', pathParameters: { proxy: 'pets/cat/1' } });
    expect(matcher.match('GET', '/')).toMatchObject({ routeKey: '$default', pathParameters: undefined });
  });

  it('matches a literal segment before a parameter in the same place', () => {
    expect(matcher.match('GET', '/people/import')?.routeKey).toBe('GET /people/import');
    expect(matcher.match('GET', '/people/per_1')).toMatchObject({ routeKey: 'GET /people/{personId}', pathParameters: { personId: 'per_1' } });
  });

  it('prefers a named method over ANY on the same path', () => {
    expect(matcher.match('PATCH', '/people/p1/notes')?.routeKey).toBe('PATCH /people/{personId}/notes');
    expect(matcher.match('DELETE', '/people/p1/notes')?.routeKey).toBe('ANY /people/{personId}/notes');
  });

  it('decodes path parameters and does not match empty or extra segments', () => {
    expect(matcher.match('GET', '/people/a%20b')?.pathParameters).toEqual({ personId: 'a b' });
    expect(matcher.match('GET', '/people/')?.routeKey).toBe('ANY /{proxy+}');
    expect(matcher.match('GET', '/people/p1/x')?.routeKey).toBe('ANY /{proxy+}');
  });

  it('finds nothing without a $default route', () => {
    const strict = new RouteMatcher([{ routeKey: 'GET /event', value: 1 }]);
    expect(strict.match('GET', '/events')).toBeNull();
    expect(strict.match('POST', '/event')).toBeNull();
    expect(strict.match('GET', '/event')?.value).toBe(1);
  });

  it('rejects route keys that API Gateway would not take', () => {
    expect(() => new RouteMatcher([{ routeKey: 'GET /a/{x+}/b', value: 1 }])).toThrow(/last segment/);
    expect(() => new RouteMatcher([{ routeKey: 'GET people', value: 1 }])).toThrow(/METHOD \/path/);
  });
});
