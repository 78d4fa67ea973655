// The stack's one CloudWatch dashboard, for the ops team during the event: the API (requests, 4xx/5xx,
// latency) as a whole and per service's routes, every function's errors and throttles, the dead-letter
// queues, SMS and email sent and failed, open and overdue tickets, and the state of every alarm.
//
// The API's per-route metrics ("detailed metrics") would cost a few custom metrics per route; the route
// groups are instead Logs Insights queries over the access log (routeKey, status, latencyMs), paid only
// when someone looks. Messages and tickets are the EMF metrics of packages/kit/src/metrics.ts.
import { Duration } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { METRICS } from '@liaison/kit/metrics';
import type { ServiceDefinition } from '@liaison/kit/service';
import { liaisonMetric, ONE_MINUTE } from './alarms';
import { LiaisonFunction } from './function';
import type { ServiceConstruct } from './service-construct';

const FULL = 24;
const HALF = 12;
const THIRD = 8;
const HEIGHT = 6;

export interface DashboardInput {
  /** `liaison-<slug>-<stage>`. */
  name: string;
  title: string;
  httpApi: apigwv2.HttpApi;
  accessLogs: logs.ILogGroup;
  /** Each service: its route table is its route group; its consumers' and work queues' DLQs are drawn. */
  services: readonly ServiceConstruct[];
  /** Where the functions are: every LiaisonFunction under it gets an errors and a throttles line. */
  functionsRoot: IConstruct;
  alarms: () => cloudwatch.IAlarm[];
}

/** `GET /event`, …: the route keys of a service as API Gateway writes them in the access log. */
export function routeKeys(definition: ServiceDefinition): string[] {
  return Object.values(definition.http?.routes ?? {}).map((spec) => `${spec.method} ${spec.path}`);
}

/** The Logs Insights query of one route group: requests, 4xx, 5xx and p90 latency per 5 minutes. */
export function routeGroupQuery(keys: readonly string[]): string {
  return [
    'fields @timestamp, routeKey, status, latencyMs',
    `| filter routeKey in ${JSON.stringify(keys)}`,
    '| fields status like /^4/ as is4xx, status like /^5/ as is5xx',
    '| stats count(*) as requests, sum(is4xx) as c4xx, sum(is5xx) as c5xx, pct(latencyMs, 90) as p90Ms by bin(5m)',
  ].join('\n');
}

export class LiaisonDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, input: DashboardInput) {
    super(scope, id);
    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: input.name,
      defaultInterval: Duration.hours(3),
      periodOverride: cloudwatch.PeriodOverride.AUTO,
    });
    const d = this.dashboard;
    d.addWidgets(new cloudwatch.TextWidget({ markdown: `# ${input.title}\nAPI, functions, queues, messages and tickets. Every alarm below notifies the ops topic.`, width: FULL, height: 2 }));

    const api = input.httpApi;
    d.addWidgets(
      new cloudwatch.GraphWidget({ title: 'API requests', width: THIRD, height: HEIGHT, left: [api.metricCount({ period: ONE_MINUTE, statistic: 'Sum', label: 'requests' })] }),
      new cloudwatch.GraphWidget({
        title: 'API 4xx and 5xx',
        width: THIRD,
        height: HEIGHT,
        left: [api.metricClientError({ period: ONE_MINUTE, statistic: 'Sum', label: '4xx' }), api.metricServerError({ period: ONE_MINUTE, statistic: 'Sum', label: '5xx' })],
      }),
      new cloudwatch.GraphWidget({
        title: 'API latency (ms)',
        width: THIRD,
        height: HEIGHT,
        left: ['p50', 'p90', 'p99'].map((statistic) => api.metricLatency({ period: ONE_MINUTE, statistic, label: statistic })),
      }),
    );

    // Route groups: one query per service's route table.
    const groups = input.services.filter((s) => routeKeys(s.definition).length > 0);
    d.addWidgets(
      ...groups.map(
        (s) =>
          new cloudwatch.LogQueryWidget({
            title: `${s.definition.name} routes: requests, 4xx, 5xx, p90 latency (ms)`,
            logGroupNames: [input.accessLogs.logGroupName],
            queryString: routeGroupQuery(routeKeys(s.definition)),
            view: cloudwatch.LogQueryVisualizationType.LINE,
            width: HALF,
            height: HEIGHT,
          }),
      ),
    );

    // Functions, per service: errors (left) and throttles (right).
    const byService = new Map<string, LiaisonFunction[]>();
    for (const c of input.functionsRoot.node.findAll()) {
      if (c instanceof LiaisonFunction) byService.set(c.service, [...(byService.get(c.service) ?? []), c]);
    }
    d.addWidgets(
      ...[...byService].map(
        ([service, fns]) =>
          new cloudwatch.GraphWidget({
            title: `${service} functions: errors and throttles`,
            width: HALF,
            height: HEIGHT,
            left: fns.map((fn) => fn.metricErrors({ period: ONE_MINUTE, statistic: 'Sum', label: `${functionLabel(fn)} errors` })),
            right: fns.map((fn) => fn.metricThrottles({ period: ONE_MINUTE, statistic: 'Sum', label: `${functionLabel(fn)} throttles` })),
          }),
      ),
    );

    const dlqs = input.services.flatMap((s) =>
      [...Object.entries(s.consumers), ...Object.entries(s.workQueues)].map(([name, r]) => ({ label: `${s.definition.name} ${name}`, q: r.dlq })),
    );
    d.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Dead-letter queues (messages waiting)',
        width: FULL,
        height: HEIGHT,
        left: dlqs.map(({ label, q }) => q.metricApproximateNumberOfMessagesVisible({ period: ONE_MINUTE, statistic: 'Maximum', label })),
      }),
    );

    d.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'SMS sent and failed (per 5 minutes)',
        width: THIRD,
        height: HEIGHT,
        left: [liaisonMetric(METRICS.smsSent, { label: 'sent' }), liaisonMetric(METRICS.smsFailed, { label: 'failed' })],
      }),
      new cloudwatch.GraphWidget({
        title: 'Email sent and failed (per 5 minutes)',
        width: THIRD,
        height: HEIGHT,
        left: [liaisonMetric(METRICS.emailSent, { label: 'sent' }), liaisonMetric(METRICS.emailFailed, { label: 'failed' })],
      }),
      new cloudwatch.GraphWidget({
        title: 'Tickets open and overdue',
        width: THIRD,
        height: HEIGHT,
        left: [
          liaisonMetric(METRICS.ticketsOpen, { label: 'open' }),
          liaisonMetric(METRICS.ticketsOverdue, { label: 'overdue' }),
          liaisonMetric(METRICS.ticketsOverdueCritical, { label: 'overdue critical' }),
        ],
      }),
    );

    // Alarms are added by other constructs after this one: read them when the template is made.
    const alarms = input.alarms;
    d.addWidgets(new LazyAlarmStatusWidget(() => new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: alarms(), width: FULL, height: HEIGHT, sortBy: cloudwatch.AlarmStatusWidgetSortBy.STATE_UPDATED_TIMESTAMP })));
  }
}

/** `http`, `consumer person-changes`, `schedule ticket-escalation`: a function's line in a graph. */
function functionLabel(fn: LiaisonFunction): string {
  const name = fn.node.id.replace(/Function$/, '');
  return fn.kind === 'http' ? 'http' : `${fn.kind} ${name}`;
}

/** An alarm status widget whose alarms are listed when the dashboard is rendered, not when it is made. */
class LazyAlarmStatusWidget implements cloudwatch.IWidget {
  readonly width = FULL;
  readonly height = HEIGHT;
  readonly warnings: string[] = [];
  private x = 0;
  private y = 0;

  constructor(private readonly make: () => cloudwatch.AlarmStatusWidget) {}

  position(x: number, y: number): void {
    this.x = x;
    this.y = y;
  }

  toJson(): unknown[] {
    const widget = this.make();
    widget.position(this.x, this.y);
    return widget.toJson();
  }
}
