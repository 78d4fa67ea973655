// Custom metrics in CloudWatch's embedded metric format: one JSON log line per call, which CloudWatch
// Logs turns into metrics, so the request path makes no extra API call. The dashboard and alarms in
// infra read them from the `Liaison` namespace with the `Service` dimension.
import { clock } from './clock';
import { ENV } from './config';

export const METRICS_NAMESPACE = 'Liaison';

/** The custom metrics the stack emits; a name here is what the dashboard and the alarms read. */
export const METRICS = {
  smsSent: 'SmsSent',
  smsFailed: 'SmsFailed',
  emailSent: 'EmailSent',
  emailFailed: 'EmailFailed',
  ticketsOpen: 'TicketsOpen',
  ticketsOverdue: 'TicketsOverdue',
  ticketsOverdueCritical: 'TicketsOverdueCritical',
} as const;
export type MetricName = (typeof METRICS)[keyof typeof METRICS];

export type MetricUnit = 'Count' | 'Milliseconds' | 'None';

/** Writes one EMF line with the metrics given, in the service's dimension. Values are numbers only (no PII can pass). */
export function emitMetrics(service: string, values: Partial<Record<MetricName, number>>, unit: MetricUnit = 'Count'): void {
  const names = Object.keys(values) as MetricName[];
  if (names.length === 0 || process.env[ENV.metrics] === 'off') return;
  const line = {
    _aws: {
      Timestamp: clock.nowMs(),
      CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['Service']], Metrics: names.map((Name) => ({ Name, Unit: unit })) }],
    },
    Service: service,
    ...values,
  };
  process.stdout.write(JSON.stringify(line) + '\n');
}
