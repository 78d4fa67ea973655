import { describe, expect, it } from '@jest/globals';
import { parseArgs } from '../src/cost/args';
import { estimate, type EstimateInput, type Line } from '../src/cost/estimate';
import { formatEstimate } from '../src/cost/format';
import { inventoryOf, runsPerMonth, type Inventory, type TemplateJson } from '../src/cost/inventory';
import { loadPrices, PriceListSchema, type PriceList } from '../src/cost/prices';
import { DEFAULT_USAGE, usageFrom } from '../src/cost/usage';
import { resources, synth } from './support/synth';

const src = 'https://aws.amazon.com/pricing/';
// Round prices, so that the arithmetic below can be checked by hand.
const prices: PriceList = PriceListSchema.parse({
  asOf: '2026-11',
  currency: 'USD',
  region: 'ap-southeast-3',
  warning: 'test prices',
  prices: {
    lambda: { requestsPerMillion: { usd: 0.2, source: src }, gbSecondArm: { usd: 0.00001, source: src } },
    apiGateway: { httpRequestsPerMillion: { usd: 1, source: src } },
    dynamodb: { writeRequestUnitsPerMillion: { usd: 1, source: src }, readRequestUnitsPerMillion: { usd: 0.25, source: src }, storageGbMonth: { usd: 0.25, source: src }, pitrGbMonth: { usd: 0.2, source: src } },
    sns: { publishesPerMillion: { usd: 0.5, source: src } },
    sqs: { requestsPerMillion: { usd: 0.4, source: src } },
    cognito: { essentialsMau: { usd: 0.015, source: src }, plusMau: { usd: 0.02, source: src } },
    cloudwatch: { logsIngestedGb: { usd: 0.5, source: src }, logsStoredGbMonth: { usd: 0.03, source: src }, alarmMonth: { usd: 0.1, source: src }, dashboardMonth: { usd: 3, source: src }, customMetricMonth: { usd: 0.3, source: src } },
    ses: { emailsPerThousand: { usd: 0.1, source: src } },
    sms: { source: src, note: 'test', perMessagePart: { ID: { usd: 0.04 }, SG: { usd: 0.05 }, default: { usd: 0.1 } } },
  },
});

const inventory: Inventory = {
  functions: [
    { id: 'Http', kind: 'http', service: 's', name: null, memoryMb: 512, sender: false },
    { id: 'Consumer', kind: 'consumer', service: 's', name: 'c', memoryMb: 256, sender: false },
    { id: 'Sends', kind: 'worker', service: 's', name: 'sends', memoryMb: 1024, sender: true },
    { id: 'Tick', kind: 'schedule', service: 's', name: 't', memoryMb: 128, sender: false },
  ],
  queues: 4,
  polledQueues: 2,
  schedules: [{ expression: 'rate(1 minute)', runsPerMonth: 43_200, memoryMb: 128 }],
  alarms: 10,
  dashboards: 1,
  logGroups: 4,
  userPoolPlan: 'PLUS',
  tables: [{ indexes: 3, pitr: true }],
  topics: 2,
};

const usage = usageFrom({
  guestAppShare: 0.5,
  apiRequestsPerGuestPerDay: 10,
  apiRequestsPerStaffPerDay: 100,
  writeShare: 0.2,
  ticketsPerGuestPerDay: 0.1,
  smsPerGuestPerDay: 1,
  emailsPerGuestPerDay: 1,
  broadcastsPerDay: 1,
  broadcastSmsShare: 1,
  broadcastEmailShare: 0.5,
  smsPerStaffPerDay: 2,
  staffCountry: 'ID',
  smsPartsPerMessage: 2,
  readUnitsPerRead: 2,
  writeUnitsPerWrite: 10,
  eventsPerWrite: 1,
  queuesPerEvent: 2,
  writeUnitsPerConsumedEvent: 3,
  readUnitsPerConsumedEvent: 1,
  writeUnitsPerMessage: 5,
  readUnitsPerMessage: 2,
  workMessagesPerMessage: 0.1,
  httpMsPerRequest: 100,
  consumerMsPerEvent: 200,
  scheduleMsPerRun: 100,
  logKbPerInvocation: 1,
  accessLogKbPerRequest: 0,
  logCompression: 0.1,
  kbPerPerson: 100,
  kbPerMessage: 1,
  kbPerTicket: 10,
  idlePollersPerQueue: 1,
  idlePollSeconds: 20,
});

const input: EstimateInput = {
  inventory,
  usage,
  prices,
  guests: 1000,
  staff: 20,
  days: 2,
  guestCountries: { ID: 3, SG: 1, FR: 1 },
  smsPerProcessPerSecond: 5,
  emailPerProcessPerSecond: 2,
  customMetrics: 7,
};

const line = (lines: Line[], group: string, item: string): Line => {
  const found = lines.find((l) => l.group === group && l.item.startsWith(item));
  if (!found) throw new Error(`no line ${group} ${item}`);
  return found;
};

describe('estimate, against a hand-computed example (1,000 guests, 20 staff, 2 days)', () => {
  // Traffic:  app guests = 1,000 × 0.5 = 500
  //           API requests = 2 days × (500 × 10 + 20 × 100) = 14,000; writes 20 % = 2,800; reads 11,200
  //           tickets = 2 × 1,000 × 0.1 = 200
  //           guest SMS = 2 × 1,000 × (1 + 1 broadcast × 1) = 4,000; staff SMS = 2 × 20 × 2 = 80
  //           emails = 2 × 1,000 × (1 + 1 × 0.5) = 3,000; messages = 7,080
  //           domain events = 2,800 × 1 = 2,800; consumed = × 2 queues = 5,600; work messages = 7,080 × 0.1 = 708
  const result = estimate(input);
  const { lines } = result;

  it('prices Lambda requests and GB-seconds, the paced sends included', () => {
    // rest: the schedule runs 43,200 times → 43,200 × $0.2/M = $0.00864
    // event: + 14,000 + 5,600 + 708 = 63,508 requests → $0.0127016
    expect(line(lines, 'Lambda', 'requests')).toMatchObject({ rest: 43_200, event: 63_508 });
    expect(line(lines, 'Lambda', 'requests').eventUsd).toBeCloseTo(0.0127016, 7);
    // rest: 43,200 × 0.1 s × 0.125 GB = 540 GB-s
    // http 14,000 × 0.1 s × 0.5 GB = 700; consumers 5,600 × 0.2 s × 0.25 GB = 280;
    // sends (4,080 SMS / 5 per s + 3,000 emails / 2 per s) = 2,316 s × 1 GB = 2,316 → 3,836 GB-s × $0.00001 = $0.03836
    expect(line(lines, 'Lambda', 'duration')).toMatchObject({ rest: 540, event: 3836 });
    expect(line(lines, 'Lambda', 'duration').eventUsd).toBeCloseTo(0.03836, 8);
  });

  it('prices DynamoDB units and storage with point-in-time recovery', () => {
    // WRU = 2,800 × 10 + 5,600 × 3 + 7,080 × 5 = 80,200 → $0.0802; RRU = 11,200 × 2 + 5,600 × 1 + 7,080 × 2 = 42,160 → $0.01054
    expect(line(lines, 'DynamoDB', 'write')).toMatchObject({ rest: 0, event: 80_200 });
    expect(line(lines, 'DynamoDB', 'read').eventUsd).toBeCloseTo(0.01054, 8);
    // storage at rest: 1,020 people × 100 KB = 102,000 KB / 1,048,576 = 0.0972748 GB → × $0.25 = $0.0243187
    // event month: + 7,080 × 1 KB + 200 × 10 KB = 111,080 KB = 0.1059341 GB → $0.0264835; PITR × $0.2 = $0.0211868
    expect(line(lines, 'DynamoDB', 'storage').restUsd).toBeCloseTo(0.0243187, 6);
    expect(line(lines, 'DynamoDB', 'storage').eventUsd).toBeCloseTo(0.0264835, 6);
    expect(line(lines, 'DynamoDB', 'point-in-time').eventUsd).toBeCloseTo(0.0211868, 6);
  });

  it('prices the API, the bus, the queues (idle polling included) and Cognito users once a month', () => {
    expect(line(lines, 'API Gateway', 'HTTP API').eventUsd).toBeCloseTo(0.014, 8); // 14,000 × $1/M
    expect(line(lines, 'SNS', 'domain-event').eventUsd).toBeCloseTo(0.0014, 8); // 2,800 × $0.5/M
    // idle: 2 queues × 1 poller × 2,592,000 s / 20 s = 259,200 → $0.10368; event: + 3 × (5,600 + 708) = 278,124 → $0.1112496
    expect(line(lines, 'SQS', 'requests')).toMatchObject({ rest: 259_200, event: 278_124 });
    expect(line(lines, 'SQS', 'requests').eventUsd).toBeCloseTo(0.1112496, 7);
    // Plus: 20 staff at rest ($0.40); 20 + 500 app guests = 520 in the event month ($10.40)
    expect(line(lines, 'Cognito', 'monthly active users (Plus)')).toMatchObject({ rest: 20, event: 520 });
    expect(line(lines, 'Cognito', 'monthly').eventUsd).toBeCloseTo(10.4, 8);
  });

  it('prices CloudWatch logs, alarms, dashboards and custom metrics, and email', () => {
    // logs at rest: 43,200 runs × 1 KB = 0.0411987 GB × $0.5 = $0.0205994; event: 63,508 KB → $0.030283
    expect(line(lines, 'CloudWatch', 'logs ingested').restUsd).toBeCloseTo(0.0205994, 6);
    expect(line(lines, 'CloudWatch', 'logs ingested').eventUsd).toBeCloseTo(0.030283, 6);
    expect(line(lines, 'CloudWatch', 'alarms').restUsd).toBeCloseTo(1, 8); // 10 × $0.10
    expect(line(lines, 'CloudWatch', 'dashboards').restUsd).toBe(3);
    expect(line(lines, 'CloudWatch', 'custom metrics').restUsd).toBeCloseTo(2.1, 8); // 7 × $0.30
    expect(line(lines, 'SES', 'email').eventUsd).toBeCloseTo(0.3, 8); // 3,000 / 1,000 × $0.10
  });

  it('prices SMS parts by destination country, staff in theirs, an unknown country at the default', () => {
    // guest parts 4,000 × 2 = 8,000, shares 3:1:1 → ID 4,800 (+ staff 80 × 2 = 160) = 4,960 × $0.04 = $198.40;
    // SG 1,600 × $0.05 = $80; FR 1,600 × $0.10 (default) = $160 → $438.40
    expect(line(lines, 'SMS', 'to ID')).toMatchObject({ event: 4960 });
    expect(line(lines, 'SMS', 'to ID').eventUsd).toBeCloseTo(198.4, 8);
    expect(line(lines, 'SMS', 'to SG').eventUsd).toBeCloseTo(80, 8);
    expect(line(lines, 'SMS', 'to FR (default price)').eventUsd).toBeCloseTo(160, 8);
    expect(result.messages).toMatchObject({ sms: 4080, smsParts: 8160, emails: 3000 });
    expect(result.messages.smsUsd).toBeCloseTo(438.4, 8);
    expect(result.unpricedCountries).toEqual(['FR']);
  });

  it('adds up: $6.68 a month at rest, $455.55 in the month of the event', () => {
    // rest: 0.00864 + 0.0054 + 0.0243187 + 0.0194550 + 0.10368 + 0.4 + 0.0205994 + 0.0001236 (stored logs) + 1 + 3 + 2.1 = 6.6822167
    expect(result.restUsd).toBeCloseTo(6.6822, 3);
    // event: 0.0127016 + 0.03836 + 0.014 + 0.0802 + 0.01054 + 0.0264835 + 0.0211868 + 0.0014 + 0.1112496 + 10.4
    //        + 0.030283 + 0.0001817 + 1 + 3 + 2.1 + 0.3 + 438.4 = 455.5465862
    expect(result.eventUsd).toBeCloseTo(455.5466, 3);
  });

  it('prints one table with both columns and the totals', () => {
    const text = formatEstimate({ event: 'games', stage: 'prod', guests: 1000, staff: 20, days: 2, asOf: '2026-11', region: 'ap-southeast-3', priceWarning: 'check', notes: [] }, result);
    expect(text).toMatch(/^SMS\s+to ID\s+parts\s+0\s+\$0\.000\s+4960\s+\$198$/m);
    expect(text).toMatch(/At rest: \$6\.68 a month\. The month of the event: \$456, of which SMS \$438/);
    expect(text).toMatch(/No SMS price of their own .*: FR\./);
  });
});

describe('the usage model', () => {
  it('is overridden by a file, then by key=value pairs, and names a bad key', () => {
    expect(usageFrom({ broadcastsPerDay: 4 }, ['broadcastsPerDay=6', 'staffCountry=SG'])).toMatchObject({ broadcastsPerDay: 6, staffCountry: 'SG', smsPerGuestPerDay: DEFAULT_USAGE.smsPerGuestPerDay });
    expect(() => usageFrom({}, ['smsPerGuest=3'])).toThrow(/Unrecognized key.*smsPerGuest/s);
    expect(() => usageFrom({}, ['writeShare=2'])).toThrow(/writeShare/);
  });

  it('reads CDK-style arguments', () => {
    const args = parseArgs(['-c', 'event=jakarta-summit-2027', '--guests', '5000', '--set', 'a=1', '--set=b=2', '--json']);
    expect(args.context).toEqual({ event: 'jakarta-summit-2027' });
    expect(args.flags.get('set')).toEqual(['a=1', 'b=2']);
    expect(args.flags.get('json')).toEqual(['true']);
  });
});

describe('the price list', () => {
  it('is dated, names a source for every price, and prices SMS to Indonesia', () => {
    const list = loadPrices();
    expect(list.asOf).toMatch(/^\d{4}-\d{2}$/);
    expect(list.region).toBe('ap-southeast-3');
    expect(list.warning).toMatch(/CHECK EVERY PRICE/);
    expect(list.prices.sms.perMessagePart.ID!.usd).toBeGreaterThan(0);
  });
});

describe('the inventory, read from a template', () => {
  it('counts runs a month of rate and cron schedules', () => {
    expect(runsPerMonth('rate(1 minute)')).toBe(43_200);
    expect(runsPerMonth('rate(5 minutes)')).toBe(8640);
    expect(runsPerMonth('rate(1 day)')).toBe(30);
    expect(runsPerMonth('cron(0/15 * * * ? *)')).toBe(4 * 24 * 30);
    expect(runsPerMonth('cron(0 2 * * ? *)')).toBe(30);
  });

  it('finds what the synthesized prod stack deploys', () => {
    const prod = synth('prod');
    try {
      const inv = inventoryOf(prod.json as TemplateJson);
      expect(inv.functions).toHaveLength(resources(prod.json, 'AWS::Lambda::Function').length);
      expect(inv.functions.every((f) => f.memoryMb >= 128)).toBe(true);
      expect(inv.userPoolPlan).toBe('PLUS');
      expect(inv.tables).toEqual([{ indexes: 3, pitr: true }]);
      expect(inv.alarms).toBe(resources(prod.json, 'AWS::CloudWatch::Alarm').length);
      expect(inv.alarms).toBeGreaterThan(0);
      const relay = inv.functions.find((f) => f.name === 'outbox-relay');
      expect(relay).toMatchObject({ kind: 'schedule', service: 'platform' });
      expect(inv.schedules).toContainEqual({ expression: 'rate(1 minute)', runsPerMonth: 43_200, memoryMb: relay!.memoryMb });
      expect(inv.polledQueues).toBe(resources(prod.json, 'AWS::Lambda::EventSourceMapping').length);
    } finally {
      prod.cleanup();
    }
  });
});

