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
/** An SQS event source's maximum concurrency cannot be below 2. */
export const MIN_SENDER_CONCURRENCY = 2;
export const MAX_SENDER_CONCURRENCY = 50;
/** A full broadcast that takes longer than this is worth a warning (guests hear of a change late). */
export const BROADCAST_WARN_SECONDS = 15 * 60;

export interface Sizing {
  /** The API stage's throttle. */
  api: { rateLimit: number; burstLimit: number };
  /** Requests per second at the peak, before rounding and limits. */
  peakRequestsPerSecond: number;
  /**
   * Every function that sends SMS or email from a queue (workers and consumers) gets `concurrency` reserved
   * processes (and the same maximum concurrency on its event source), every sending schedule one; each process
   * paces itself to the per-process rates: `processes × smsPerProcess ≤ smsPerSecond`, and the same for email.
   */
  senders: {
    functions: number;
    schedules: number;
    concurrency: number;
    processes: number;
    smsPerProcessPerSecond: number;
    emailPerProcessPerSecond: number;
  };
  /** How long a message to every guest takes at the account's rates. */
  fullBroadcastSeconds: { sms: number; email: number };
  /** What the ops team should know (a broadcast slower than BROADCAST_WARN_SECONDS, a throttle held by the account quota). */
  warnings: string[];
}

const roundUpTo = (value: number, step: number): number => Math.ceil(value / step) * step;
/** Rounded down to thousandths, so that a product never rounds above the rate it divides. */
const floor3 = (value: number): number => Math.floor(value * 1000) / 1000;

/** Functions that send SMS or email: queue-driven ones (the `sends` worker, the event consumer) and schedules. */
export interface SenderCount {
  queue: number;
  schedule: number;
}

/** A sending schedule runs one process at a time. */
export const SCHEDULE_SENDER_CONCURRENCY = 1;

/**
 * The stack's sizing for an event. Each queue-driven sender gets `senders.concurrency` processes, each sending
 * schedule one; the account's rates are shared evenly among all those processes.
 */
export function sizeEvent(input: SizingInput, senderCount: SenderCount = { queue: 1, schedule: 0 }): Sizing {
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

  const functions = Math.max(1, senderCount.queue);
  const wanted = Math.floor(Math.max(input.smsPerSecond, input.emailPerSecond) / (functions * TARGET_SENDS_PER_PROCESS));
  const concurrency = Math.min(MAX_SENDER_CONCURRENCY, Math.max(MIN_SENDER_CONCURRENCY, wanted));
  const processes = functions * concurrency + senderCount.schedule * SCHEDULE_SENDER_CONCURRENCY;

  const fullBroadcastSeconds = {
    sms: Math.ceil(input.expectedGuests / input.smsPerSecond),
    email: Math.ceil(input.expectedGuests / input.emailPerSecond),
  };
  for (const [channel, seconds] of Object.entries(fullBroadcastSeconds)) {
    if (seconds > BROADCAST_WARN_SECONDS) {
      warnings.push(
        `a ${channel} broadcast to all ${input.expectedGuests} guests takes ${Math.round(seconds / 60)} min at the account's rate: raise ${channel === 'sms' ? 'the SNS SMS rate (smsPerSecond)' : 'the SES send rate (emailPerSecond)'}`,
      );
    }
  }

  return {
    api: { rateLimit, burstLimit },
    peakRequestsPerSecond: peak,
    senders: {
      functions,
      schedules: senderCount.schedule,
      concurrency,
      processes,
      smsPerProcessPerSecond: floor3(input.smsPerSecond / processes),
      emailPerProcessPerSecond: floor3(input.emailPerSecond / processes),
    },
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
  if (kind === 'worker' || kind === 'consumer') return sizing.senders.concurrency;
  if (kind === 'schedule') return SCHEDULE_SENDER_CONCURRENCY;
  return undefined;
}

/** The functions of these services that send SMS or email, queue-driven and scheduled. */
export function countSenders(services: readonly ServiceDefinition[]): SenderCount {
  const count: SenderCount = { queue: 0, schedule: 0 };
  for (const service of services) {
    for (const fn of [...(service.consumers ?? []), ...(service.workQueues ?? [])]) if (sends(usesOf(service, fn))) count.queue += 1;
    for (const fn of service.schedules ?? []) if (sends(usesOf(service, fn))) count.schedule += 1;
  }
  return count;
}
