import { afterAll, describe, expect, it } from '@jest/globals';
import { METRICS } from '@liaison/kit/metrics';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { SMS_FAILURES_THRESHOLD } from '../src/alarms';
import { resources, synth } from './support/synth';

// The whole stack as deployed: every alarm any construct adds must reach the ops topic.
const dev = synth('dev');
afterAll(() => dev.cleanup());
const { json, stack } = dev;
const alarmTopic = { Ref: stack.getLogicalId(stack.alarmTopic.node.defaultChild as never) };
const alarms = resources(json, 'AWS::CloudWatch::Alarm');
const metricOf = (a: Record<string, any>) => ({ ns: a.Properties.Namespace, name: a.Properties.MetricName, dims: a.Properties.Dimensions });
const ref = (id: string) => ({ Ref: id });

describe('alarms', () => {
  it('every alarm notifies the ops topic when it goes off and when it clears, and nothing else', () => {
    expect(alarms.length).toBeGreaterThan(10);
    for (const [id, alarm] of alarms) {
      expect({ id, actions: alarm.Properties.AlarmActions }).toEqual({ id, actions: [alarmTopic] });
      expect({ id, ok: alarm.Properties.OKActions }).toEqual({ id, ok: [alarmTopic] });
      expect(alarm.Properties.TreatMissingData).toBe('notBreaching');
    }
  });

  it('every function has an errors alarm', () => {
    const fns = resources(json, 'AWS::Lambda::Function').map(([id]) => id);
    const watched = alarms.filter(([, a]) => a.Properties.Namespace === 'AWS/Lambda' && a.Properties.MetricName === 'Errors').map(([, a]) => a.Properties.Dimensions[0].Value.Ref);
    expect(watched.sort()).toEqual(fns.sort());
  });

  it('every dead-letter queue has an alarm on its depth', () => {
    const dlqs = resources(json, 'AWS::SQS::Queue')
      .map(([, q]) => q.Properties.RedrivePolicy?.deadLetterTargetArn?.['Fn::GetAtt']?.[0] as string | undefined)
      .filter((id): id is string => id !== undefined);
    const watched = alarms
      .filter(([, a]) => a.Properties.Namespace === 'AWS/SQS' && a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible')
      .map(([, a]) => a.Properties.Dimensions[0].Value['Fn::GetAtt'][0] as string);
    expect(watched.sort()).toEqual(dlqs.sort());
  });

  it('the API has a 5xx alarm: one 5xx in a minute is a bug', () => {
    const api = alarms.filter(([, a]) => a.Properties.Namespace === 'AWS/ApiGateway');
    expect(api).toHaveLength(1);
    expect(metricOf(api[0]![1])).toEqual({ ns: 'AWS/ApiGateway', name: '5xx', dims: [{ Name: 'ApiId', Value: ref(stack.getLogicalId(stack.httpApi.node.defaultChild as never)) }] });
    expect(api[0]![1].Properties).toMatchObject({ Statistic: 'Sum', Period: 60, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it(`SMS failures: ${SMS_FAILURES_THRESHOLD} or more failed SMS in five minutes, from the notifications EMF metric`, () => {
    const sms = alarms.filter(([, a]) => a.Properties.MetricName === METRICS.smsFailed);
    expect(sms).toHaveLength(1);
    expect(metricOf(sms[0]![1])).toEqual({ ns: 'Liaison', name: 'SmsFailed', dims: [{ Name: 'Service', Value: 'notifications' }] });
    expect(sms[0]![1].Properties).toMatchObject({ Statistic: 'Sum', Period: 300, Threshold: SMS_FAILURES_THRESHOLD, ComparisonOperator: 'GreaterThanOrEqualToThreshold', EvaluationPeriods: 1 });
  });

  it('overdue critical tickets: the gauge of the feedback schedule at 1 or more in a minute', () => {
    const tickets = alarms.filter(([, a]) => a.Properties.MetricName === METRICS.ticketsOverdueCritical);
    expect(tickets).toHaveLength(1);
    expect(metricOf(tickets[0]![1])).toEqual({ ns: 'Liaison', name: 'TicketsOverdueCritical', dims: [{ Name: 'Service', Value: 'feedback' }] });
    expect(tickets[0]![1].Properties).toMatchObject({ Statistic: 'Maximum', Period: 60, Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold' });
  });

  it('there is no alarm the tests above do not account for', () => {
    const known = alarms.filter(([, a]) => {
      const p = a.Properties;
      return (
        (p.Namespace === 'AWS/Lambda' && p.MetricName === 'Errors') ||
        (p.Namespace === 'AWS/SQS' && p.MetricName === 'ApproximateNumberOfMessagesVisible') ||
        (p.Namespace === 'AWS/ApiGateway' && p.MetricName === '5xx') ||
        (p.Namespace === 'Liaison' && [METRICS.smsFailed, METRICS.ticketsOverdueCritical].includes(p.MetricName))
      );
    });
    expect(known.map(([id]) => id).sort()).toEqual(alarms.map(([id]) => id).sort());
    // Functions are named in the template by the service that owns them.
    expect(resources(json, 'AWS::Lambda::Function').every(([, r]) => typeof r.Metadata?.[STACK_METADATA.service] === 'string')).toBe(true);
  });
});
