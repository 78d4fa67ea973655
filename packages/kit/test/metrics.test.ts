import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import '@liaison/contracts/locale';
import * as z from 'zod/mini';
import { clockControl } from '../src/clock';
import { emitMetrics, METRICS, METRICS_NAMESPACE } from '../src/metrics';

// CloudWatch's embedded metric format, as its specification puts it (CloudWatch User Guide, "Specification:
// Embedded metric format"): the log event is one JSON object; `_aws` holds `Timestamp` (milliseconds since
// the epoch) and `CloudWatchMetrics`, an array of metric directives, each with a `Namespace`, `Dimensions`
// (an array of dimension sets, each an array of at most 30 names of root members) and `Metrics` (at most
// 100 definitions, each a `Name` and an optional `Unit` of CloudWatch's units and `StorageResolution` 1 or 60).
// Every name a directive references must be a root member: dimensions strings, metrics numbers (or arrays
// of at most 100 numbers). Objects of the specification carry no other members.
const UNITS = [
  'Seconds', 'Microseconds', 'Milliseconds', 'Bytes', 'Kilobytes', 'Megabytes', 'Gigabytes', 'Terabytes', 'Bits', 'Kilobits', 'Megabits', 'Gigabits',
  'Terabits', 'Percent', 'Count', 'Bytes/Second', 'Kilobytes/Second', 'Megabytes/Second', 'Gigabytes/Second', 'Terabytes/Second', 'Bits/Second',
  'Kilobits/Second', 'Megabits/Second', 'Gigabits/Second', 'Terabits/Second', 'Count/Second', 'None',
] as const;

const Name = z.string().check(z.minLength(1), z.maxLength(255));
const MetricDefinition = z.strictObject({ Name, Unit: z.optional(z.enum(UNITS)), StorageResolution: z.optional(z.union([z.literal(1), z.literal(60)])) });
const MetricDirective = z.strictObject({
  Namespace: z.string().check(z.minLength(1), z.maxLength(255), z.regex(/^[^:]/)),
  Dimensions: z.array(z.array(Name).check(z.maxLength(30))),
  Metrics: z.array(MetricDefinition).check(z.minLength(1), z.maxLength(100)),
});
const Emf = z.looseObject({
  _aws: z.strictObject({ Timestamp: z.number().check(z.int(), z.nonnegative()), CloudWatchMetrics: z.array(MetricDirective).check(z.minLength(1)) }),
});

/** The specification's rules on one log line; an empty list means CloudWatch extracts its metrics. */
function emfProblems(line: string): string[] {
  if (!line.endsWith('\n') || line.indexOf('\n') !== line.length - 1) return ['a log event is one line'];
  let root: unknown;
  try {
    root = JSON.parse(line);
  } catch {
    return ['not JSON'];
  }
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return ['root is not an object'];
  const parsed = Emf.safeParse(root);
  if (!parsed.success) return parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const members = root as Record<string, unknown>;
  const problems: string[] = [];
  for (const directive of parsed.data._aws.CloudWatchMetrics) {
    const dimensionNames = new Set(directive.Dimensions.flat());
    for (const name of dimensionNames) {
      if (typeof members[name] !== 'string') problems.push(`dimension ${name} is not a string member of the root`);
    }
    for (const { Name: name } of directive.Metrics) {
      const v = members[name];
      const numeric = typeof v === 'number' || (Array.isArray(v) && v.length <= 100 && v.every((x) => typeof x === 'number'));
      if (!numeric) problems.push(`metric ${name} is not a number member of the root`);
      if (dimensionNames.has(name)) problems.push(`${name} is both a dimension and a metric`);
    }
  }
  return problems;
}

describe('emitMetrics', () => {
  let written: string[];
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    clockControl.freeze(new Date('2027-03-02T02:00:00.000Z'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    clockControl.reset();
  });

  it('writes one valid EMF line with every metric given, in the Liaison namespace and the service dimension', () => {
    emitMetrics('notifications', { [METRICS.smsSent]: 12, [METRICS.smsFailed]: 1 });
    expect(written).toHaveLength(1);
    expect(emfProblems(written[0]!)).toEqual([]);
    expect(JSON.parse(written[0]!)).toEqual({
      _aws: {
        Timestamp: Date.parse('2027-03-02T02:00:00.000Z'),
        CloudWatchMetrics: [{ Namespace: METRICS_NAMESPACE, Dimensions: [['Service']], Metrics: [{ Name: 'SmsSent', Unit: 'Count' }, { Name: 'SmsFailed', Unit: 'Count' }] }],
      },
      Service: 'notifications',
      SmsSent: 12,
      SmsFailed: 1,
    });
  });

  it('writes nothing when metrics are off (tests and the local runtime)', () => {
    process.env.LIAISON_METRICS = 'off';
    try {
      emitMetrics('notifications', { [METRICS.smsSent]: 1 });
    } finally {
      delete process.env.LIAISON_METRICS;
    }
    expect(written).toEqual([]);
    emitMetrics('notifications', { [METRICS.smsSent]: 1 });
    expect(written).toHaveLength(1);
  });

  it('takes its timestamp from the clock module, so a moved clock moves the metric', () => {
    clockControl.advance(90_000);
    emitMetrics('feedback', { [METRICS.ticketsOpen]: 3 });
    expect(JSON.parse(written[0]!)._aws.Timestamp).toBe(Date.parse('2027-03-02T02:01:30.000Z'));
  });

  it('is valid EMF for every metric name the stack reads, alone and all together, with each unit it offers', () => {
    const all = Object.values(METRICS);
    for (const unit of ['Count', 'Milliseconds', 'None'] as const) {
      for (const name of all) emitMetrics('feedback', { [name]: 0 }, unit);
      emitMetrics('feedback', Object.fromEntries(all.map((n, i) => [n, i])), unit);
    }
    expect(written).toHaveLength(3 * (all.length + 1));
    for (const line of written) expect(emfProblems(line)).toEqual([]);
  });

  it('writes nothing when given no values (an empty directive is not EMF)', () => {
    emitMetrics('feedback', {});
    expect(written).toEqual([]);
  });

  it('the checker above refuses what CloudWatch would refuse', () => {
    const good = { _aws: { Timestamp: 1, CloudWatchMetrics: [{ Namespace: 'Liaison', Dimensions: [['Service']], Metrics: [{ Name: 'SmsSent', Unit: 'Count' }] }] }, Service: 'x', SmsSent: 1 };
    const line = (o: unknown) => `${JSON.stringify(o)}\n`;
    expect(emfProblems(line(good))).toEqual([]);
    expect(emfProblems(line({ ...good, SmsSent: '1' }))).not.toEqual([]);
    expect(emfProblems(line({ ...good, Service: 5 }))).not.toEqual([]);
    expect(emfProblems(line({ ...good, _aws: { ...good._aws, Timestamp: '2027' } }))).not.toEqual([]);
    expect(emfProblems(line({ ...good, _aws: { CloudWatchMetrics: good._aws.CloudWatchMetrics } }))).not.toEqual([]);
    expect(emfProblems(line({ ...good, _aws: { ...good._aws, CloudWatchMetrics: [{ ...good._aws.CloudWatchMetrics[0], Metrics: [{ Name: 'SmsSent', Unit: 'Things' }] }] } }))).not.toEqual([]);
    expect(emfProblems(JSON.stringify(good))).not.toEqual([]);
  });
});
