// Metadata keys that infra writes on synthesized resources and the local runtime reads back, so the
// local runtime serves exactly what CDK deploys (routes, functions, queues, schedules) from the template.

export const STACK_METADATA = {
  /** On AWS::Lambda::Function: the handler module, relative to the repository root. */
  entry: 'liaison:entry',
  /** On AWS::Lambda::Function: the exported handler name. */
  handler: 'liaison:handler',
  /** On AWS::Lambda::Function: `http`, `consumer`, `worker` (of a work queue), `schedule` or `openapi`. */
  kind: 'liaison:kind',
  /** On AWS::Lambda::Function: the owning service (`directory`, `platform`, ...). */
  service: 'liaison:service',
  /** On consumer, worker and schedule functions, and on AWS::Events::Rule: the consumer, work queue or schedule name. */
  name: 'liaison:name',
} as const;

export type FunctionKind = 'http' | 'consumer' | 'worker' | 'schedule' | 'openapi';
