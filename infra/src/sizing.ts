// How big the stack is built for one event: the API throttle, the concurrency of the functions that send SMS
// and email (so that together they stay under the account's send rates), and how long a full broadcast
// takes. Pure: from the event's settings and the number of sending functions, nothing else.
// The peak it holds: a broadcast that makes everyone (guests and staff) open the app within a minute.
import { usesOf, type FunctionUses, type ServiceDefinition } from '@liaison/kit/service';

/** What sizing reads from the event's settings. */
export interface SizingInput {
  expectedGuests: number;
  expectedStaff: number;
  /** The account's SNS SMS rate (messages per second). */
  smsPerSecond: number;
  /** The account's SES send rate (messages per second). */
  emailPerSecond: number;
}

/** Requests the app makes when someone opens it after a broadcast (me, itinerary, messages, tickets). */
export const REQUESTS_PER_OPEN = 4;
/** Everyone who got the broadcast opens the app within this window. */
export const OPEN_WINDOW_SECONDS = 60;
/** The stage's burst (token bucket size) is this many seconds of its rate: the first second of the rush is not smooth. */
export const BURST_SECONDS = 2;
/** Never below the throttle every stack had before sizing. */
export const MIN_API_THROTTLE = { rateLimit: 100, burstLimit: 200 } as const;
/**
 * API Gateway's default account quota in Jakarta (ap-southeast-3) and the other newer regions: 2,500 requests/s,
 * burst 1,250, shared by every API of the account in the region. A stage limit above it would promise nothing.
 */
export const ACCOUNT_API_QUOTA = { rateLimit: 2500, burstLimit: 1250 } as const;

/** A sending process should have this many sends per second of work or more; fewer processes otherwise. */
export const TARGET_SENDS_PER_PROCESS = 5;
/** An SQS event source's maximum concurrency cannot be below 2: a sending consumer runs 2 processes. */
export const MIN_SENDER_CONCURRENCY = 2;
export const MAX_SENDER_CONCURRENCY = 50;
/** A sending schedule runs one process at a time. */
export const SCHEDULE_SENDER_CONCURRENCY = 1;
/**
 * The share of the account's rates that the sending workers (the broadcast path: the `sends` queue) hold at
 * least; the consumers and schedules that send (automatic messages, reminders, deferred sends) share the rest.
 */
export const BROADCAST_SHARE = 0.75;
/** A full broadcast that takes longer than this is worth a warning (guests hear of a change late). */
export const BROADCAST_WARN_SECONDS = 15 * 60;

export interface Sizing {
  /** The API stage's throttle. */
  api: { rateLimit: number; burstLimit: number };
  /** Requests per second at the peak, before rounding and limits. */
  peakRequestsPerSecond: number;
  /**
   * Processes of the functions that send SMS or email, each paced to the same share of the account's rates:
   * a sending worker runs `workerConcurrency` (reserved concurrency, and its event source's maximum), a sending
   * consumer 2, a sending schedule 1; `processes × smsPerProcess ≤ smsPerSecond`, and the same for email.
   */
  senders: {
    workers: number;
    consumers: number;
    schedules: number;
    workerConcurrency: number;
    processes: number;
    smsPerProcessPerSecond: number;
    emailPerProcessPerSecond: number;
  };
  /** How long a message to every guest takes through the sending workers' share of the rates. */
  fullBroadcastSeconds: { sms: number; email: number };
  /** What the ops team should know (a broadcast slower than BROADCAST_WARN_SECONDS, a throttle held by the account quota). */
  warnings: string[];
}

const roundUpTo = (value: number, step: number): number => Math.ceil(value / step) * step;
/** Rounded down to thousandths, so that a product never rounds above the rate it divides. */
const floor3 = (value: number): number => Math.floor(value * 1000) / 1000;

/** Functions that send SMS or email, by kind: workers (the `sends` queue), consumers (automatic messages), schedules. */
export interface SenderCount {
  worker: number;
  consumer: number;
  schedule: number;
}

/**
 * The stack's sizing for an event. The account's rates are shared evenly among every sending process; the
 * sending workers get enough processes to hold BROADCAST_SHARE of them, and at least one per TARGET_SENDS_PER_PROCESS.
 */
export function sizeEvent(input: SizingInput, senderCount: SenderCount = { worker: 1, consumer: 0, schedule: 0 }): Sizing {
  const warnings: string[] = [];
  const people = input.expectedGuests + input.expectedStaff;

  const peak = (people * REQUESTS_PER_OPEN) / OPEN_WINDOW_SECONDS;
  let rateLimit = Math.max(MIN_API_THROTTLE.rateLimit, roundUpTo(peak, 50));
  let burstLimit = Math.max(MIN_API_THROTTLE.burstLimit, rateLimit * BURST_SECONDS);
  if (rateLimit > ACCOUNT_API_QUOTA.rateLimit || burstLimit > ACCOUNT_API_QUOTA.burstLimit) {
    if (rateLimit > ACCOUNT_API_QUOTA.rateLimit) {
      warnings.push(
        `the peak (${Math.ceil(peak)} requests/s) is above API Gateway's default account quota of ${ACCOUNT_API_QUOTA.rateLimit}/s in Jakarta: ask for a higher quota, or guests will get 429s after a broadcast`,
      );
    }
    rateLimit = Math.min(rateLimit, ACCOUNT_API_QUOTA.rateLimit);
    burstLimit = Math.min(burstLimit, ACCOUNT_API_QUOTA.burstLimit);
  }

  const workers = Math.max(1, senderCount.worker);
  const others = senderCount.consumer * MIN_SENDER_CONCURRENCY + senderCount.schedule * SCHEDULE_SENDER_CONCURRENCY;
  const forRate = Math.ceil(Math.max(input.smsPerSecond, input.emailPerSecond) / (workers * TARGET_SENDS_PER_PROCESS));
  const forShare = Math.ceil(((BROADCAST_SHARE / (1 - BROADCAST_SHARE)) * others) / workers);
  const workerConcurrency = Math.min(MAX_SENDER_CONCURRENCY, Math.max(MIN_SENDER_CONCURRENCY, forRate, forShare));
  const processes = workers * workerConcurrency + others;
  const smsPerProcessPerSecond = floor3(input.smsPerSecond / processes);
  const emailPerProcessPerSecond = floor3(input.emailPerSecond / processes);

  const fullBroadcastSeconds = {
    sms: Math.ceil(input.expectedGuests / (workers * workerConcurrency * smsPerProcessPerSecond)),
    email: Math.ceil(input.expectedGuests / (workers * workerConcurrency * emailPerProcessPerSecond)),
  };
  for (const [channel, seconds] of Object.entries(fullBroadcastSeconds)) {
    if (seconds > BROADCAST_WARN_SECONDS) {
      warnings.push(
        `a ${channel} broadcast to all ${input.expectedGuests} guests takes ${Math.round(seconds / 60)} min at the workers' share of the account's rate: raise ${channel === 'sms' ? 'the SNS SMS rate (smsPerSecond)' : 'the SES send rate (emailPerSecond)'}`,
      );
    }
  }

  return {
    api: { rateLimit, burstLimit },
    peakRequestsPerSecond: peak,
    senders: { workers, consumers: senderCount.consumer, schedules: senderCount.schedule, workerConcurrency, processes, smsPerProcessPerSecond, emailPerProcessPerSecond },
    fullBroadcastSeconds,
    warnings,
  };
}

const sends = (uses: FunctionUses): boolean => uses.sendsSms === true || uses.sendsEmail === true;

/**
 * How many processes a function that sends SMS or email may run (its reserved concurrency), or undefined when it
 * does not send or cannot be held to a count (an HTTP function: its callers would get throttled instead).
 */
export function senderConcurrency(sizing: Sizing, kind: string, uses: FunctionUses): number | undefined {
  if (!sends(uses)) return undefined;
  if (kind === 'worker') return sizing.senders.workerConcurrency;
  if (kind === 'consumer') return MIN_SENDER_CONCURRENCY;
  if (kind === 'schedule') return SCHEDULE_SENDER_CONCURRENCY;
  return undefined;
}

/** The functions of these services that send SMS or email, by kind. */
export function countSenders(services: readonly ServiceDefinition[]): SenderCount {
  const count: SenderCount = { worker: 0, consumer: 0, schedule: 0 };
  for (const service of services) {
    for (const fn of service.workQueues ?? []) if (sends(usesOf(service, fn))) count.worker += 1;
    for (const fn of service.consumers ?? []) if (sends(usesOf(service, fn))) count.consumer += 1;
    for (const fn of service.schedules ?? []) if (sends(usesOf(service, fn))) count.schedule += 1;
  }
  return count;
}
