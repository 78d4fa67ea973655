// What a service is made of, as infra deploys it and the local runtime runs it: its HTTP function
// and route table, its queue consumers and their event filters, its schedules, and what it touches.
import type { RouteTable } from './http/route';

export interface FunctionSource {
  /** Absolute path of the TypeScript module that exports the handler. */
  entry: string;
  /** Exported name of the handler; default `handler`. */
  handler?: string;
  memoryMb?: number;
  timeoutSeconds?: number;
}

export interface ConsumerDefinition extends FunctionSource {
  /** Short name, unique in the service, e.g. `person-changes`. Also scopes the consumer's dedupe records. */
  name: string;
  /** Event types delivered to this consumer's queue (SNS filter policy on the `type` attribute). */
  eventTypes: readonly string[];
  batchSize?: number;
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount?: number;
}

export interface ScheduleDefinition extends FunctionSource {
  /** Short name, unique in the stack, e.g. `outbox-relay`; `POST /_local/schedules/{name}/run` uses it. */
  name: string;
  /** EventBridge schedule expression, e.g. `rate(1 minute)`. */
  expression: string;
}

export interface ServiceUses {
  table: 'read' | 'readWrite';
  publishesEvents: boolean;
  sendsSms?: boolean;
  sendsEmail?: boolean;
}

export interface ServiceDefinition {
  name: string;
  http?: FunctionSource & { routes: RouteTable };
  consumers?: readonly ConsumerDefinition[];
  schedules?: readonly ScheduleDefinition[];
  uses: ServiceUses;
}
