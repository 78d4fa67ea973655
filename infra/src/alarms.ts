// One way to raise an alarm: breach on the first bad minute, silence when there is no data, notify the alarm
// topic. Plus the stack's alarms on the custom metrics (SMS failures, overdue critical tickets), which read
// the EMF metrics that packages/kit/src/metrics.ts writes.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { METRICS, METRICS_NAMESPACE, type MetricName } from '@liaison/kit/metrics';

export interface AlarmOptions {
  metric: cloudwatch.IMetric;
  description: string;
  topic: sns.ITopic;
  /** Default 1. */
  threshold?: number;
}

export function addAlarm(scope: Construct, id: string, options: AlarmOptions): cloudwatch.Alarm {
  const alarm = new cloudwatch.Alarm(scope, id, {
    metric: options.metric,
    threshold: options.threshold ?? 1,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    alarmDescription: options.description,
  });
  const action = new actions.SnsAction(options.topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
}

export const ONE_MINUTE = Duration.minutes(1);
export const FIVE_MINUTES = Duration.minutes(5);

/** The service (the `Service` dimension) that emits each custom metric. */
export const METRIC_SOURCE: Record<MetricName, string> = {
  [METRICS.smsSent]: 'notifications',
  [METRICS.smsFailed]: 'notifications',
  [METRICS.emailSent]: 'notifications',
  [METRICS.emailFailed]: 'notifications',
  [METRICS.ticketsOpen]: 'feedback',
  [METRICS.ticketsOverdue]: 'feedback',
  [METRICS.ticketsOverdueCritical]: 'feedback',
};

/** A custom metric as the dashboard and alarms read it: counts are summed, gauges (tickets) take their maximum. */
export function liaisonMetric(name: MetricName, options: { period?: Duration; statistic?: string; label?: string } = {}): cloudwatch.Metric {
  const gauge = name === METRICS.ticketsOpen || name === METRICS.ticketsOverdue || name === METRICS.ticketsOverdueCritical;
  return new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { Service: METRIC_SOURCE[name] },
    statistic: options.statistic ?? (gauge ? 'Maximum' : 'Sum'),
    period: options.period ?? (gauge ? ONE_MINUTE : FIVE_MINUTES),
    ...(options.label ? { label: options.label } : {}),
  });
}

/**
 * SMS that failed in five minutes before the alarm goes off. A broadcast to thousands meets a few bad
 * numbers (those are `failed` too), so one failure is not news; five in five minutes means a sender ID,
 * a spend limit or an SNS quota is refusing them, and the next ones will fail too.
 */
export const SMS_FAILURES_THRESHOLD = 5;

export interface OperationsAlarms {
  smsFailures: cloudwatch.Alarm;
  overdueCriticalTickets: cloudwatch.Alarm;
}

/** The alarms on what the event's users feel: SMS not reaching people, critical tickets past their due time. */
export function addOperationsAlarms(scope: Construct, topic: sns.ITopic): OperationsAlarms {
  return {
    smsFailures: addAlarm(scope, 'SmsFailuresAlarm', {
      metric: liaisonMetric(METRICS.smsFailed, { period: FIVE_MINUTES }),
      threshold: SMS_FAILURES_THRESHOLD,
      description: `${SMS_FAILURES_THRESHOLD} or more SMS failed in 5 minutes (sender ID, spend limit or quota?): see the delivery log`,
      topic,
    }),
    // The escalation schedule writes the gauge every minute; a missing minute is not an alarm.
    overdueCriticalTickets: addAlarm(scope, 'OverdueCriticalTicketsAlarm', {
      metric: liaisonMetric(METRICS.ticketsOverdueCritical, { period: ONE_MINUTE }),
      threshold: 1,
      description: 'A critical ticket is past its acknowledge or resolve time',
      topic,
    }),
  };
}
