import { afterAll, describe, expect, it } from '@jest/globals';
import { METRICS } from '@liaison/kit/metrics';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { SERVICES } from '../src/services';
import { routeGroupQuery, routeKeys } from '../src/dashboard';
import { resources, synth } from './support/synth';

// The whole stack as deployed (every service), so that every route group, function and queue is drawn.
const dev = synth('dev');
afterAll(() => dev.cleanup());
const { json, stack } = dev;

/** The dashboard body with each CloudFormation reference written as `<Ref:Id>` / `<Arn:Id>`, parsed. */
function body(): { widgets: Widget[] } {
  const [, dashboard] = only('AWS::CloudWatch::Dashboard');
  const raw = dashboard.Properties.DashboardBody as string | { 'Fn::Join': [string, unknown[]] };
  const text = typeof raw === 'string' ? raw : raw['Fn::Join'][1].map(piece).join(raw['Fn::Join'][0]);
  return JSON.parse(text) as { widgets: Widget[] };
}
function piece(p: unknown): string {
  if (typeof p === 'string') return p;
  const o = p as Record<string, any>;
  if (o.Ref) return `<Ref:${o.Ref}>`;
  if (o['Fn::GetAtt']) return `<${o['Fn::GetAtt'][1]}:${o['Fn::GetAtt'][0]}>`;
  return '<token>';
}
interface Widget {
  type: string;
  properties: { title?: string; metrics?: unknown[][]; query?: string; alarms?: string[]; markdown?: string };
}
function only(type: string) {
  const found = resources(json, type);
  expect(found).toHaveLength(1);
  return found[0]!;
}
const widgets = body().widgets;
const titled = (title: string) => {
  const w = widgets.find((x) => x.properties.title === title);
  if (!w) throw new Error(`no widget "${title}" among ${widgets.map((x) => x.properties.title).join(', ')}`);
  return w;
};
/** The `[namespace, name, dim, value, …]` part of each metric line (options dropped). */
const lines = (w: Widget) => (w.properties.metrics ?? []).map((m) => m.filter((x) => typeof x === 'string'));
const functionsOf = (service: string) => resources(json, 'AWS::Lambda::Function').filter(([, r]) => r.Metadata?.[STACK_METADATA.service] === service);
const apiId = stack.getLogicalId(stack.httpApi.node.defaultChild as never);

describe('the dashboard', () => {
  it('is one per stack, named after the event and stage', () => {
    const [, dashboard] = only('AWS::CloudWatch::Dashboard');
    expect(dashboard.Properties.DashboardName).toBe('liaison-jakarta-summit-2027-dev');
  });

  it('shows API requests, 4xx and 5xx, and latency percentiles of the whole API', () => {
    expect(lines(titled('API requests'))).toEqual([['AWS/ApiGateway', 'Count', 'ApiId', `<Ref:${apiId}>`]]);
    expect(lines(titled('API 4xx and 5xx'))).toEqual([
      ['AWS/ApiGateway', '4xx', 'ApiId', `<Ref:${apiId}>`],
      ['AWS/ApiGateway', '5xx', 'ApiId', `<Ref:${apiId}>`],
    ]);
    const latency = titled('API latency (ms)').properties.metrics!.map((m) => (m.at(-1) as { stat: string }).stat);
    expect(latency).toEqual(['p50', 'p90', 'p99']);
  });

  it('has one route group per service with routes: a query over the access log naming exactly its route keys', () => {
    const accessLogs = stack.getLogicalId(stack.node.findChild('ApiAccessLogs').node.defaultChild as never);
    const withRoutes = SERVICES.filter((s) => s.http);
    expect(withRoutes.length).toBeGreaterThanOrEqual(3);
    for (const service of withRoutes) {
      const w = titled(`${service.name} routes: requests, 4xx, 5xx, p90 latency (ms)`);
      expect(w.type).toBe('log');
      expect(w.properties.query).toBe(`SOURCE '<Ref:${accessLogs}>' | ${routeGroupQuery(routeKeys(service))}`);
      const named = JSON.parse(/routeKey in (\[.*\])/.exec(w.properties.query!)![1]!) as string[];
      expect(named.sort()).toEqual(Object.values(service.http!.routes).map((r) => `${r.method} ${r.path}`).sort());
    }
  });

  it('draws errors and throttles of every function of the stack, grouped by service', () => {
    const services = new Set(resources(json, 'AWS::Lambda::Function').map(([, r]) => r.Metadata?.[STACK_METADATA.service] as string));
    for (const service of services) {
      const fns = functionsOf(service).map(([id]) => `<Ref:${id}>`).sort();
      const drawn = lines(titled(`${service} functions: errors and throttles`));
      expect(drawn.filter((l) => l[1] === 'Errors').map((l) => l[3]).sort()).toEqual(fns);
      expect(drawn.filter((l) => l[1] === 'Throttles').map((l) => l[3]).sort()).toEqual(fns);
      expect(drawn.every((l) => l[0] === 'AWS/Lambda' && l[2] === 'FunctionName')).toBe(true);
    }
  });

  it('draws the depth of every dead-letter queue', () => {
    const dlqs = resources(json, 'AWS::SQS::Queue')
      .map(([, q]) => q.Properties.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0] as string | undefined)
      .filter((id): id is string => id !== undefined);
    expect(dlqs.length).toBeGreaterThan(0);
    const drawn = lines(titled('Dead-letter queues (messages waiting)'));
    expect(drawn.every((l) => l[0] === 'AWS/SQS' && l[1] === 'ApproximateNumberOfMessagesVisible')).toBe(true);
    expect(drawn.map((l) => l[3]).sort()).toEqual(dlqs.map((id) => `<QueueName:${id}>`).sort());
  });

  it('draws SMS and email sent and failed from the EMF metrics of the notifications service', () => {
    expect(lines(titled('SMS sent and failed (per 5 minutes)'))).toEqual([
      ['Liaison', METRICS.smsSent, 'Service', 'notifications'],
      ['Liaison', METRICS.smsFailed, 'Service', 'notifications'],
    ]);
    expect(lines(titled('Email sent and failed (per 5 minutes)'))).toEqual([
      ['Liaison', METRICS.emailSent, 'Service', 'notifications'],
      ['Liaison', METRICS.emailFailed, 'Service', 'notifications'],
    ]);
    // A line's period is left out when it is the widget's (300 s).
    const stats = titled('SMS sent and failed (per 5 minutes)').properties.metrics!.map((m) => m.at(-1) as { stat: string; period?: number });
    expect(stats.map((x) => ({ stat: x.stat, period: x.period ?? 300 }))).toEqual([{ stat: 'Sum', period: 300 }, { stat: 'Sum', period: 300 }]);
  });

  it('draws open, overdue and overdue critical tickets from the gauges of the feedback schedule', () => {
    const w = titled('Tickets open and overdue');
    expect(lines(w)).toEqual([
      ['Liaison', METRICS.ticketsOpen, 'Service', 'feedback'],
      ['Liaison', METRICS.ticketsOverdue, 'Service', 'feedback'],
      ['Liaison', METRICS.ticketsOverdueCritical, 'Service', 'feedback'],
    ]);
    expect(w.properties.metrics!.map((m) => m.at(-1))).toEqual(Array(3).fill(expect.objectContaining({ stat: 'Maximum', period: 60 })));
  });

  it('lists every alarm of the stack in its alarm status widget', () => {
    const alarms = resources(json, 'AWS::CloudWatch::Alarm').map(([id]) => `<Arn:${id}>`);
    expect(alarms.length).toBeGreaterThan(10);
    expect([...titled('Alarms').properties.alarms!].sort()).toEqual(alarms.sort());
  });
});
