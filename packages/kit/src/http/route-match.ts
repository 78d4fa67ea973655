// Route selection as HTTP APIs do it: the most specific path wins (a literal segment over a
// `{param}`, a `{param}` over a greedy `{proxy+}`), a named method over `ANY`, `$default` last.

export interface RouteMatch<T> {
  routeKey: string;
  value: T;
  pathParameters: Record<string, string> | undefined;
}

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

interface CompiledRoute<T> {
  routeKey: string;
  value: T;
  method: string; // `ANY` or upper case
  segments: Segment[];
}

const RANK = { literal: 0, param: 1, greedy: 2 } as const;

function parseSegments(path: string): Segment[] {
  return path
    .split('/')
    .slice(1)
    .map((part): Segment => {
      const greedy = /^\{(.+)\+\}$/.exec(part);
      if (greedy) return { kind: 'greedy', name: greedy[1]! };
      const param = /^\{(.+)\}$/.exec(part);
      if (param) return { kind: 'param', name: param[1]! };
      return { kind: 'literal', text: part };
    });
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export class RouteMatcher<T> {
  private readonly routes: CompiledRoute<T>[] = [];
  private defaultRoute: { routeKey: string; value: T } | null = null;

  constructor(routes: Iterable<{ routeKey: string; value: T }>) {
    for (const { routeKey, value } of routes) {
      if (routeKey === '$default') {
        this.defaultRoute = { routeKey, value };
        continue;
      }
      const m = /^(\S+) (\/\S*)$/.exec(routeKey);
      if (!m) throw new Error(`route key ${JSON.stringify(routeKey)} is not "METHOD /path" or "$default"`);
      const segments = parseSegments(m[2]!);
      const greedyAt = segments.findIndex((s) => s.kind === 'greedy');
      if (greedyAt >= 0 && greedyAt !== segments.length - 1) throw new Error(`route key ${routeKey}: a greedy {param+} must be the last segment`);
      this.routes.push({ routeKey, value, method: m[1]!.toUpperCase(), segments });
    }
  }

  match(method: string, rawPath: string): RouteMatch<T> | null {
    const parts = rawPath.split('/').slice(1);
    const candidates: { route: CompiledRoute<T>; params: Record<string, string>; ranks: number[] }[] = [];
    for (const route of this.routes) {
      if (route.method !== 'ANY' && route.method !== method.toUpperCase()) continue;
      const params = this.bind(route.segments, parts);
      if (!params) continue;
      candidates.push({ route, params, ranks: [...route.segments.map((s) => RANK[s.kind]), route.method === 'ANY' ? 1 : 0] });
    }
    candidates.sort((a, b) => compareRanks(a.ranks, b.ranks));
    const best = candidates[0];
    if (best) {
      return { routeKey: best.route.routeKey, value: best.route.value, pathParameters: Object.keys(best.params).length > 0 ? best.params : undefined };
    }
    return this.defaultRoute ? { ...this.defaultRoute, pathParameters: undefined } : null;
  }

  private bind(segments: Segment[], parts: string[]): Record<string, string> | null {
    const params: Record<string, string> = {};
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i]!;
      if (segment.kind === 'greedy') {
        const rest = parts.slice(i);
        if (rest.length === 0 || rest.every((p) => p === '')) return null;
        params[segment.name] = decode(rest.join('/'));
        return params;
      }
      const part = parts[i];
      if (part === undefined) return null;
      if (segment.kind === 'literal') {
        if (part !== segment.text) return null;
      } else {
        if (part === '') return null;
        params[segment.name] = decode(part);
      }
    }
    return parts.length === segments.length ? params : null;
  }
}

/** Lexicographic: a more specific segment earlier in the path decides; shorter wins a tie. */
function compareRanks(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}
