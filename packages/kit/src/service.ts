// What a service is made of, as infra deploys it and the local runtime runs it: its HTTP function
// and route table, its queue consumers and their event filters, its work queues, its schedules, and
// what each function touches (grants are per function: a function's `uses` overrides its service's).
import type { EventType } from '@liaison/contracts';
import type { RouteTable } from './http/route';

/** What one function may touch; each entry is an environment variable and its grant. */
export interface FunctionUses {
  /** `none`: no table at all (a consumer still writes its own dedupe claims). */
  table?: 'none' | 'read' | 'readWrite';
  publishesEvents?: boolean;
  sendsSms?: boolean;
  sendsEmail?: boolean;
  /** Names of its service's work queues it sends to (sqs:SendMessage and the queue URL variable). */
  sendsWork?: readonly string[];
  /** The stack's upload bucket: `put` to presign uploads (and write objects), `get` to read them. */
  uploads?: readonly ('put' | 'get')[];
  /** The stack's user pool: `admin` creates, reads, moves, disables and signs out staff accounts (cognito-idp Admin* on the pool only). */
  userPool?: 'admin';
}

export interface FunctionSource {
  /** Absolute path of the TypeScript module that exports the handler. */
  entry: string;
  /** Exported name of the handler; default `handler`. */
  handler?: string;
  memoryMb?: number;
  timeoutSeconds?: number;
  /** What this function touches, when it differs from its service's `uses` (each key replaces the service's). */
  uses?: FunctionUses;
}

/**
 * A consumer as its handler module sees it: no entry, so that the module (bundled as ESM, without
 * `__dirname`) can import it and build its handler from the same object that infra filters on.
 */
export interface ConsumerSpec<T extends EventType = EventType> {
  /** Short name, unique in the service, e.g. `person-changes`. Also scopes the consumer's dedupe records. */
  name: string;
  /** Event types delivered to this consumer's queue (SNS filter policy on the `type` attribute). */
  eventTypes: readonly T[];
  batchSize?: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount?: number;
  timeoutSeconds?: number;
  memoryMb?: number;
}

export type ConsumerDefinition<T extends EventType = EventType> = ConsumerSpec<T> & FunctionSource;

/** Keeps the literal event types of a consumer spec: `consumerSpec({ name, eventTypes: ['person.created'] })`. */
export function consumerSpec<const T extends EventType>(spec: ConsumerSpec<T>): ConsumerSpec<T> {
  return spec;
}

/**
 * A queue a service sends work to itself (import chunks, fan-out), with its worker. Like a consumer
 * spec it has no entry, so that the worker module and the senders can import it.
 */
export interface WorkQueueSpec {
  /** Short name, unique in the service, e.g. `import-chunks`; names the queue URL variable too. */
  name: string;
  batchSize?: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount?: number;
  /** The worker's timeout; the queue's visibility timeout is six times it. */
  timeoutSeconds?: number;
  memoryMb?: number;
}

export type WorkQueueDefinition = WorkQueueSpec & FunctionSource;

export function workQueueSpec<const S extends WorkQueueSpec>(spec: S): S {
  return spec;
}

export interface ScheduleDefinition extends FunctionSource {
  /** Short name, unique in the stack, e.g. `outbox-relay`; `POST /_local/schedules/{name}/run` uses it. */
  name: string;
  /** EventBridge schedule expression, e.g. `rate(1 minute)`. */
  expression: string;
}

export interface ServiceUses extends FunctionUses {
  table: 'none' | 'read' | 'readWrite';
  publishesEvents: boolean;
}

export interface ServiceDefinition {
  name: string;
  http?: FunctionSource & { routes: RouteTable };
  consumers?: readonly ConsumerDefinition[];
  workQueues?: readonly WorkQueueDefinition[];
  schedules?: readonly ScheduleDefinition[];
  /** What every function of the service touches, unless its own `uses` says otherwise. */
  uses: ServiceUses;
}

/** What a function of `service` touches: its own `uses` over its service's. */
export function usesOf(service: ServiceDefinition, fn: FunctionSource): ServiceUses {
  return { ...service.uses, ...fn.uses };
}

export const DEFAULT_WORK_BATCH_SIZE = 1;
export const DEFAULT_MAX_RECEIVE_COUNT = 5;
