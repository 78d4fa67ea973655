// What a stack deploys that costs money, read from its CloudFormation template: functions and their memory,
// queues and the event sources that poll them, schedules, alarms, dashboards, log groups, the user pool's
// feature plan, the table. The estimate multiplies usage by these, so it follows the stack as it grows.
import { ENV } from '@liaison/kit/config';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';

type Resource = { Type: string; Properties?: Record<string, unknown>; Metadata?: Record<string, unknown> };
export type TemplateJson = { Resources: Record<string, Resource> };

export interface FunctionInfo {
  id: string;
  kind: string;
  service: string;
  name: string | null;
  memoryMb: number;
  /** It paces SMS/email sends (sizing gave it a share of the account's send rates). */
  sender: boolean;
}

export interface Inventory {
  functions: FunctionInfo[];
  queues: number;
  /** Queues that a Lambda event source polls (long polling costs requests even when idle). */
  polledQueues: number;
  /** Runs a month of each schedule, with the memory of the function it runs. */
  schedules: { expression: string; runsPerMonth: number; memoryMb: number }[];
  alarms: number;
  dashboards: number;
  logGroups: number;
  userPoolPlan: 'LITE' | 'ESSENTIALS' | 'PLUS' | null;
  tables: { indexes: number; pitr: boolean }[];
  topics: number;
}

export const MINUTES_PER_MONTH = 30 * 24 * 60;
const DEFAULT_MEMORY_MB = 128; // CloudFormation's default when MemorySize is absent

const ofType = (t: TemplateJson, type: string): [string, Resource][] => Object.entries(t.Resources).filter(([, r]) => r.Type === type);

/** Runs a month of an EventBridge schedule expression: `rate(…)` exactly; `cron(…)` by its minute and hour fields. */
export function runsPerMonth(expression: string): number {
  const rate = /^rate\((\d+)\s+(minute|minutes|hour|hours|day|days)\)$/.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2]!.startsWith('minute') ? 1 : rate[2]!.startsWith('hour') ? 60 : 1440;
    return Math.floor(MINUTES_PER_MONTH / (n * unit));
  }
  const cron = /^cron\((.+)\)$/.exec(expression.trim());
  if (cron) {
    const [minute = '0', hour = '0'] = cron[1]!.trim().split(/\s+/);
    const perHour = minute === '*' ? 60 : /^(\*|0)\/(\d+)$/.test(minute) ? Math.ceil(60 / Number(minute.split('/')[1])) : minute.split(',').length;
    const hours = hour === '*' ? 24 : /^(\*|0)\/(\d+)$/.test(hour) ? Math.ceil(24 / Number(hour.split('/')[1])) : hour.split(',').length;
    return perHour * hours * 30;
  }
  throw new Error(`Unknown schedule expression: ${expression}`);
}

export function inventoryOf(template: TemplateJson): Inventory {
  const memoryById = new Map<string, number>();
  const functions: FunctionInfo[] = ofType(template, 'AWS::Lambda::Function').map(([id, r]) => {
    const props = r.Properties ?? {};
    const memoryMb = typeof props.MemorySize === 'number' ? props.MemorySize : DEFAULT_MEMORY_MB;
    memoryById.set(id, memoryMb);
    const vars = ((props.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {}) as Record<string, unknown>;
    const meta = r.Metadata ?? {};
    return {
      id,
      kind: String(meta[STACK_METADATA.kind] ?? 'other'),
      service: String(meta[STACK_METADATA.service] ?? 'other'),
      name: meta[STACK_METADATA.name] === undefined ? null : String(meta[STACK_METADATA.name]),
      memoryMb,
      sender: ENV.smsPerProcessPerSecond in vars || ENV.emailPerProcessPerSecond in vars,
    };
  });
  const schedules = ofType(template, 'AWS::Events::Rule')
    .filter(([, r]) => typeof r.Properties?.ScheduleExpression === 'string')
    .map(([, r]) => {
      const expression = r.Properties!.ScheduleExpression as string;
      const target = (r.Properties!.Targets as { Arn?: { 'Fn::GetAtt'?: [string, string] } }[] | undefined)?.[0]?.Arn?.['Fn::GetAtt']?.[0];
      return { expression, runsPerMonth: runsPerMonth(expression), memoryMb: (target === undefined ? undefined : memoryById.get(target)) ?? DEFAULT_MEMORY_MB };
    });
  const polled = new Set(
    ofType(template, 'AWS::Lambda::EventSourceMapping').map(([, r]) => JSON.stringify(r.Properties?.EventSourceArn ?? null)),
  );
  const pools = ofType(template, 'AWS::Cognito::UserPool');
  const plan = pools[0]?.[1].Properties?.UserPoolTier;
  return {
    functions,
    queues: ofType(template, 'AWS::SQS::Queue').length,
    polledQueues: polled.size,
    schedules,
    alarms: ofType(template, 'AWS::CloudWatch::Alarm').length,
    dashboards: ofType(template, 'AWS::CloudWatch::Dashboard').length,
    logGroups: ofType(template, 'AWS::Logs::LogGroup').length,
    userPoolPlan: pools.length === 0 ? null : plan === 'PLUS' || plan === 'LITE' ? plan : 'ESSENTIALS',
    tables: ofType(template, 'AWS::DynamoDB::Table').map(([, r]) => ({
      indexes: ((r.Properties?.GlobalSecondaryIndexes as unknown[] | undefined) ?? []).length,
      pitr: (r.Properties?.PointInTimeRecoverySpecification as { PointInTimeRecoveryEnabled?: boolean } | undefined)?.PointInTimeRecoveryEnabled === true,
    })),
    topics: ofType(template, 'AWS::SNS::Topic').length,
  };
}
