// The estimate itself, pure: what the stack deploys (inventory) × how it is used (usage model) × what each
// unit costs (price list) = one line per priced item, for a month at rest and for the month of the event
// (that month's rest, plus the event's days, plus everyone who signs in counted once as a monthly user).
import type { Inventory } from './inventory';
import { smsPartPrice, type PriceList } from './prices';
import type { Usage } from './usage';

export interface EstimateInput {
  inventory: Inventory;
  usage: Usage;
  prices: PriceList;
  guests: number;
  staff: number;
  days: number;
  /** Shares by ISO country code (normalised here). */
  guestCountries: Readonly<Record<string, number>>;
  /** Each sending process's paced rates (sizing): the time a send waits is billed Lambda time. */
  smsPerProcessPerSecond: number;
  emailPerProcessPerSecond: number;
  /** Custom metrics the stack emits (embedded metric format), each billed a month. */
  customMetrics: number;
}

export interface Line {
  group: string;
  item: string;
  /** The natural unit of the quantities, e.g. `requests`, `GB-s`, `MAU`. */
  unit: string;
  /** `price` USD per `per` units. */
  price: number;
  per: number;
  /** Quantity in a month at rest, and in the month of the event (rest included). */
  rest: number;
  event: number;
  restUsd: number;
  eventUsd: number;
}

export interface Estimate {
  lines: Line[];
  restUsd: number;
  eventUsd: number;
  /** SMS and email in the event month, by far the largest part. */
  messages: { sms: number; smsParts: number; emails: number; smsUsd: number };
  /** Countries priced with the default guess (no price of their own in the list). */
  unpricedCountries: string[];
}

const SECONDS_PER_MONTH = 30 * 24 * 3600;
const KB_PER_GB = 1024 * 1024;
const DEFAULT_MEMORY_MB = 512;

function meanMemory(inventory: Inventory, pick: (f: Inventory['functions'][number]) => boolean): number {
  const fns = inventory.functions.filter(pick);
  return fns.length === 0 ? DEFAULT_MEMORY_MB : fns.reduce((sum, f) => sum + f.memoryMb, 0) / fns.length;
}

export function normaliseShares(shares: Readonly<Record<string, number>>): [string, number][] {
  const total = Object.values(shares).reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new Error('guestCountries must have a positive share');
  return Object.entries(shares).map(([country, share]) => [country, share / total]);
}

export function estimate(input: EstimateInput): Estimate {
  const { inventory: inv, usage: u, prices, guests, staff, days } = input;
  const p = prices.prices;
  const lines: Line[] = [];
  const add = (group: string, item: string, unit: string, price: { usd: number }, per: number, rest: number, event: number): void => {
    lines.push({ group, item, unit, price: price.usd, per, rest, event, restUsd: (rest / per) * price.usd, eventUsd: (event / per) * price.usd });
  };

  // The event's traffic, over its days.
  const appGuests = guests * u.guestAppShare;
  const apiRequests = days * (appGuests * u.apiRequestsPerGuestPerDay + staff * u.apiRequestsPerStaffPerDay);
  const apiWrites = apiRequests * u.writeShare;
  const apiReads = apiRequests - apiWrites;
  const tickets = days * guests * u.ticketsPerGuestPerDay;
  const guestSms = days * guests * (u.smsPerGuestPerDay + u.broadcastsPerDay * u.broadcastSmsShare);
  const staffSms = days * staff * u.smsPerStaffPerDay;
  const emails = days * guests * (u.emailsPerGuestPerDay + u.broadcastsPerDay * u.broadcastEmailShare);
  const messages = guestSms + staffSms + emails;
  const events = apiWrites * u.eventsPerWrite;
  const consumed = events * u.queuesPerEvent;
  const workMessages = messages * u.workMessagesPerMessage;

  // Lambda.
  const scheduleRuns = inv.schedules.reduce((sum, s) => sum + s.runsPerMonth, 0);
  const scheduleGbS = inv.schedules.reduce((sum, s) => sum + s.runsPerMonth * (u.scheduleMsPerRun / 1000) * (s.memoryMb / 1024), 0);
  const eventInvocations = apiRequests + consumed + workMessages;
  const httpGbS = apiRequests * (u.httpMsPerRequest / 1000) * (meanMemory(inv, (f) => f.kind === 'http') / 1024);
  const consumerGbS = consumed * (u.consumerMsPerEvent / 1000) * (meanMemory(inv, (f) => f.kind === 'consumer') / 1024);
  const sendSeconds = (guestSms + staffSms) / input.smsPerProcessPerSecond + emails / input.emailPerProcessPerSecond;
  const sendGbS = sendSeconds * (meanMemory(inv, (f) => f.sender) / 1024);
  add('Lambda', 'requests', 'requests', p.lambda.requestsPerMillion, 1e6, scheduleRuns, scheduleRuns + eventInvocations);
  add('Lambda', 'duration (arm64; sends paced)', 'GB-s', p.lambda.gbSecondArm, 1, scheduleGbS, scheduleGbS + httpGbS + consumerGbS + sendGbS);

  add('API Gateway', 'HTTP API requests', 'requests', p.apiGateway.httpRequestsPerMillion, 1e6, 0, apiRequests);

  // DynamoDB: what the people loaded weeks before weigh at rest; the event adds its messages and tickets.
  const restGb = ((guests + staff) * u.kbPerPerson) / KB_PER_GB;
  const eventGb = restGb + (messages * u.kbPerMessage + tickets * u.kbPerTicket) / KB_PER_GB;
  const rru = apiReads * u.readUnitsPerRead + consumed * u.readUnitsPerConsumedEvent + messages * u.readUnitsPerMessage;
  const wru = apiWrites * u.writeUnitsPerWrite + consumed * u.writeUnitsPerConsumedEvent + messages * u.writeUnitsPerMessage;
  add('DynamoDB', 'write request units', 'WRU', p.dynamodb.writeRequestUnitsPerMillion, 1e6, 0, wru);
  add('DynamoDB', 'read request units', 'RRU', p.dynamodb.readRequestUnitsPerMillion, 1e6, 0, rru);
  add('DynamoDB', 'storage', 'GB-month', p.dynamodb.storageGbMonth, 1, restGb, eventGb);
  if (inv.tables.some((t) => t.pitr)) add('DynamoDB', 'point-in-time recovery', 'GB-month', p.dynamodb.pitrGbMonth, 1, restGb, eventGb);

  add('SNS', 'domain-event publishes', 'publishes', p.sns.publishesPerMillion, 1e6, 0, events);
  const idlePolls = inv.polledQueues * u.idlePollersPerQueue * (SECONDS_PER_MONTH / u.idlePollSeconds);
  // Each message: sent (by SNS or a sender), received, deleted.
  add('SQS', `requests (${inv.polledQueues} polled queues)`, 'requests', p.sqs.requestsPerMillion, 1e6, idlePolls, idlePolls + 3 * (consumed + workMessages));

  const plus = inv.userPoolPlan === 'PLUS';
  if (inv.userPoolPlan !== null) {
    add('Cognito', `monthly active users (${plus ? 'Plus' : 'Essentials'})`, 'MAU', plus ? p.cognito.plusMau : p.cognito.essentialsMau, 1, staff, staff + appGuests);
  }

  const restLogGb = (scheduleRuns * u.logKbPerInvocation) / KB_PER_GB;
  const eventLogGb = restLogGb + (eventInvocations * u.logKbPerInvocation + apiRequests * u.accessLogKbPerRequest) / KB_PER_GB;
  add('CloudWatch', 'logs ingested', 'GB', p.cloudwatch.logsIngestedGb, 1, restLogGb, eventLogGb);
  add('CloudWatch', 'logs stored', 'GB-month', p.cloudwatch.logsStoredGbMonth, 1, restLogGb * u.logCompression, eventLogGb * u.logCompression);
  add('CloudWatch', 'alarms', 'alarms', p.cloudwatch.alarmMonth, 1, inv.alarms, inv.alarms);
  add('CloudWatch', 'dashboards', 'dashboards', p.cloudwatch.dashboardMonth, 1, inv.dashboards, inv.dashboards);
  add('CloudWatch', 'custom metrics (EMF)', 'metrics', p.cloudwatch.customMetricMonth, 1, input.customMetrics, input.customMetrics);

  add('SES', 'email', 'emails', p.ses.emailsPerThousand, 1000, 0, emails);

  // SMS by destination: guests by their countries' shares, staff in theirs.
  const unpriced = new Set<string>();
  const smsParts = new Map<string, number>();
  for (const [country, share] of normaliseShares(input.guestCountries)) smsParts.set(country, (smsParts.get(country) ?? 0) + guestSms * share * u.smsPartsPerMessage);
  smsParts.set(u.staffCountry, (smsParts.get(u.staffCountry) ?? 0) + staffSms * u.smsPartsPerMessage);
  let smsUsd = 0;
  for (const [country, parts] of [...smsParts].sort((a, b) => b[1] - a[1])) {
    const price = smsPartPrice(prices, country);
    if (!price.known) unpriced.add(country);
    add('SMS', `to ${country}${price.known ? '' : ' (default price)'}`, 'parts', price, 1, 0, parts);
    smsUsd += parts * price.usd;
  }

  return {
    lines,
    restUsd: lines.reduce((sum, l) => sum + l.restUsd, 0),
    eventUsd: lines.reduce((sum, l) => sum + l.eventUsd, 0),
    messages: { sms: guestSms + staffSms, smsParts: [...smsParts.values()].reduce((a, b) => a + b, 0), emails, smsUsd },
    unpricedCountries: [...unpriced].sort(),
  };
}
