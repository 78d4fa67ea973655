// The stack's own functions: `api` (the OpenAPI document and CORS preflight, no authorizer) and the
// outbox relay, a schedule that publishes domain events whose inline publish did not happen.
import path from 'node:path';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Construct } from 'constructs';
import type { ScheduleDefinition, ServiceDefinition } from '@liaison/kit/service';
import { addAlarm, ONE_MINUTE } from './alarms';
import { LiaisonFunction, REPO_ROOT } from './function';
import { addHttpRoutes, ServiceConstruct } from './service-construct';
import type { StackResources } from './stack-resources';

export const PLATFORM_SERVICE = 'platform';

export const OUTBOX_RELAY: ScheduleDefinition = {
  name: 'outbox-relay',
  entry: path.join(REPO_ROOT, 'packages/kit/src/events/relay.ts'),
  handler: 'handler',
  expression: 'rate(1 minute)',
  timeoutSeconds: 50,
};

/** The relay as a service definition, so it is wired like any service's schedule. */
export const platformService: ServiceDefinition = {
  name: PLATFORM_SERVICE,
  schedules: [OUTBOX_RELAY],
  uses: { table: 'readWrite', publishesEvents: true },
};

export const API_ENTRY = path.join(REPO_ROOT, 'infra/src/functions/api.ts');

export class PlatformConstruct extends Construct {
  readonly apiFunction: LiaisonFunction;
  readonly routes: apigwv2.HttpRoute[];
  readonly outbox: ServiceConstruct;

  constructor(scope: Construct, id: string, shared: StackResources) {
    super(scope, id);
    // Reads nothing and writes nothing: no table, no topic.
    this.apiFunction = new LiaisonFunction(this, 'ApiFunction', {
      source: { entry: API_ENTRY, handler: 'handler', memoryMb: 512, timeoutSeconds: 10 },
      kind: 'openapi',
      service: PLATFORM_SERVICE,
      stage: shared.stage,
      environment: shared.environment,
    });
    this.routes = addHttpRoutes(
      this,
      this.apiFunction,
      [
        {
          id: 'getOpenApi',
          method: apigwv2.HttpMethod.GET,
          path: '/openapi.json',
          public: true,
          publicReason: 'API.md: the OpenAPI document is served without auth, so client developers can read it before they have an account.',
        },
        {
          id: 'corsPreflight',
          method: apigwv2.HttpMethod.OPTIONS,
          path: '/{proxy+}',
          public: true,
          publicReason: 'Browsers send CORS preflight without the Authorization header; behind the JWT authorizer every preflight would get 401.',
        },
      ],
      shared,
    );
    addAlarm(this, 'ApiErrorsAlarm', {
      metric: this.apiFunction.metricErrors({ period: ONE_MINUTE, statistic: 'Sum' }),
      description: 'platform api: the function threw or timed out',
      topic: shared.alarmTopic,
    });
    this.outbox = new ServiceConstruct(this, 'Outbox', { definition: platformService, shared });
  }
}
