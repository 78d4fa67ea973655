// The usage model: what one guest and one staff member cost per day of the event, and what the stack does
// at rest. Every number is a documented default that a JSON file (`--usage file.json`) or a flag
// (`--set smsPerGuestPerDay=3`) overrides; the README's cost section lists them.
import * as z from 'zod';

const n = (value: number) => z.number().nonnegative().default(value);

export const UsageSchema = z.strictObject({
  // Traffic per day of the event.
  /** Share of guests who sign in to the app (Cognito monthly active users, API requests). */
  guestAppShare: z.number().min(0).max(1).default(1),
  /** API requests per guest with the app per day: opening it, itinerary, messages, a ticket now and then. */
  apiRequestsPerGuestPerDay: n(30),
  /** API requests per staff member per day: LOs and organisers work in the app all day. */
  apiRequestsPerStaffPerDay: n(300),
  /** Share of API requests that write (the rest read). */
  writeShare: z.number().min(0).max(1).default(0.1),
  /** Tickets a guest opens per day (questions, requests, complaints); their work is in the staff requests. */
  ticketsPerGuestPerDay: n(0.2),
  /** Automatic messages per guest per day by SMS (trip changes, pick-up reminders) and by email. */
  smsPerGuestPerDay: n(1),
  emailsPerGuestPerDay: n(1),
  /** Broadcasts to every guest per day, and the share of guests each reaches by SMS and by email. */
  broadcastsPerDay: n(2),
  broadcastSmsShare: z.number().min(0).max(1).default(1),
  broadcastEmailShare: z.number().min(0).max(1).default(1),
  /** SMS per staff member per day (assignments, escalations), sent to `staffCountry`. */
  smsPerStaffPerDay: n(5),
  staffCountry: z.string().regex(/^[A-Z]{2}$/).default('ID'),
  /** SMS parts per message: 160 GSM-7 or 70 UCS-2 characters each; Indonesian with a name and a time is often 2. */
  smsPartsPerMessage: z.number().min(1).default(1.5),

  // What a request or a message does to the table, the bus and the logs.
  /** Read request units per API read (a query page of items up to 4 KB each, consistent reads). */
  readUnitsPerRead: n(4),
  /** Write request units per API write: items in a transaction (×2 for transactions), their index copies, the outbox. */
  writeUnitsPerWrite: n(12),
  /** Domain events per API write, and the consumer queues each one lands in. */
  eventsPerWrite: n(1.5),
  queuesPerEvent: n(1.5),
  /** Units a consumer spends on one event (its dedupe claim and its own writes; its reads). */
  writeUnitsPerConsumedEvent: n(4),
  readUnitsPerConsumedEvent: n(2),
  /** Units per message sent: the delivery record (put, then status), broadcast counters; reads of profile and template. */
  writeUnitsPerMessage: n(6),
  readUnitsPerMessage: n(3),
  /** Work-queue messages per message sent (broadcast chunks of 50 recipients, fan-out pages). */
  workMessagesPerMessage: n(0.04),
  /** Milliseconds billed per HTTP request and per consumed event; sending time is the pacing (see sizing). */
  httpMsPerRequest: n(80),
  consumerMsPerEvent: n(150),
  scheduleMsPerRun: n(200),
  /** Log kilobytes per invocation (structured lines, EMF) and per API access log line. */
  logKbPerInvocation: n(1.5),
  accessLogKbPerRequest: n(0.5),
  /** CloudWatch stores logs compressed: stored GB per ingested GB. */
  logCompression: z.number().min(0).max(1).default(0.15),

  // Data kept.
  /** Kilobytes per person (directory items, search tokens, travel, stays, needs) with their index copies. */
  kbPerPerson: n(30),
  kbPerMessage: n(2),
  kbPerTicket: n(8),

  // At rest.
  /** Lambda's SQS pollers per event source while a queue is empty, each a long poll of `idlePollSeconds`. */
  idlePollersPerQueue: n(5),
  idlePollSeconds: z.number().min(1).max(20).default(20),
});

export type Usage = z.output<typeof UsageSchema>;
export type UsageInput = z.input<typeof UsageSchema>;

export const DEFAULT_USAGE: Usage = UsageSchema.parse({});

/** The defaults, overridden by a file's object, then by `key=value` pairs (numbers, or a country code). */
export function usageFrom(file: unknown, pairs: readonly string[] = []): Usage {
  const merged: Record<string, unknown> = { ...(file as Record<string, unknown> | undefined) };
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`--set needs key=value, got "${pair}"`);
    const key = pair.slice(0, eq);
    const raw = pair.slice(eq + 1);
    merged[key] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
  }
  const parsed = UsageSchema.safeParse(merged);
  if (!parsed.success) {
    throw new Error(`Usage model is invalid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}
