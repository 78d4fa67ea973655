// Environment variable names shared by infra (which sets them) and runtime code (which reads them),
// and the one reader that fails at cold start when a function is missing one it needs.

export const ENV = {
  /** The event's shared DynamoDB table. */
  tableName: 'LIAISON_TABLE_NAME',
  /** ARN of the stack's domain-events SNS topic. */
  eventsTopicArn: 'LIAISON_EVENTS_TOPIC_ARN',
  /** The event this stack serves, e.g. `jakarta-summit-2027`. */
  eventSlug: 'LIAISON_EVENT_SLUG',
  /** `dev` or `prod`. */
  stage: 'LIAISON_STAGE',
  /** IANA time zone that decides local days and quiet hours, e.g. `Asia/Jakarta`. */
  timeZone: 'LIAISON_TIME_ZONE',
  /** Comma-separated languages the event serves, first is the default, e.g. `id,en`. */
  languages: 'LIAISON_LANGUAGES',
  /** Sender id shown on SMS. */
  smsSenderId: 'LIAISON_SMS_SENDER_ID',
  /** From address of email. */
  emailFrom: 'LIAISON_EMAIL_FROM',
  /** The account's SMS send rate (SNS), messages a second; senders pace themselves to it. */
  smsPerSecond: 'LIAISON_SMS_PER_SECOND',
  /** The account's email send rate (SES), messages a second; senders pace themselves to it. */
  emailPerSecond: 'LIAISON_EMAIL_PER_SECOND',
  /** A sending process's share of the SMS rate (infra/src/sizing.ts: processes × share ≤ the account's rate). */
  smsPerProcessPerSecond: 'LIAISON_SMS_PER_PROCESS_PER_SECOND',
  /** A sending process's share of the email rate. */
  emailPerProcessPerSecond: 'LIAISON_EMAIL_PER_PROCESS_PER_SECOND',
  /** Comma-separated origins allowed by CORS, or `*`. */
  corsOrigins: 'LIAISON_CORS_ORIGINS',
  /** `debug`, `info`, `warn` or `error`. */
  logLevel: 'LIAISON_LOG_LEVEL',
  /** `off` stops the EMF metric lines (tests and the local runtime, where no CloudWatch reads them). */
  metrics: 'LIAISON_METRICS',
  /** Name of the stack's S3 bucket for uploaded files (import files). */
  uploadsBucket: 'LIAISON_UPLOADS_BUCKET',
  /** `1`: address S3 path-style (`<endpoint>/<bucket>/<key>`), as the local S3 emulator needs. */
  s3PathStyle: 'LIAISON_S3_PATH_STYLE',
  /** Id of the stack's Cognito user pool (sign-in accounts of staff, and of guests when the event gives them the app). */
  userPoolId: 'LIAISON_USER_POOL_ID',
  /** `1`: guests may have sign-in accounts (the event settings' `guestAccounts`); `0`: staff only. */
  guestAccounts: 'LIAISON_GUEST_ACCOUNTS',
} as const;

/** The variable holding the URL of a service's work queue: `import-chunks` → `LIAISON_WORK_QUEUE_IMPORT_CHUNKS_URL`. */
export function workQueueEnv(queueName: string): string {
  return `LIAISON_WORK_QUEUE_${queueName.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_URL`;
}

/** The URL of work queue `queueName`, read at cold start: a missing variable fails there, not on the first send. */
export function loadWorkQueueUrl(queueName: string, env: NodeJS.ProcessEnv = process.env): string {
  const name = workQueueEnv(queueName);
  const value = env[name];
  if (value === undefined || value.trim() === '') throw new ConfigError(`Missing environment variable(s): ${name}`);
  return value;
}

export type ConfigKey = keyof typeof ENV;
export type Config<K extends ConfigKey> = { readonly [P in K]: string };

export class ConfigError extends Error {}

/**
 * Reads the named settings from the environment, once, at module scope of a handler:
 * `const config = loadConfig(['tableName', 'eventsTopicArn'])`. A missing one throws at cold start,
 * naming every variable that is missing, instead of failing on the first request that needs it.
 */
export function loadConfig<K extends ConfigKey>(keys: readonly K[], env: NodeJS.ProcessEnv = process.env): Config<K> {
  const missing: string[] = [];
  const out: Record<string, string> = {};
  for (const key of keys) {
    const value = env[ENV[key]];
    if (value === undefined || value.trim() === '') missing.push(ENV[key]);
    else out[key] = value;
  }
  if (missing.length > 0) {
    throw new ConfigError(`Missing environment variable(s): ${missing.join(', ')}`);
  }
  return Object.freeze(out) as Config<K>;
}
