// What the stack shares with every service construct: the event's settings and the resources that
// functions bind to, plus the stack-level environment every function gets.
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type { ServiceUses } from '@liaison/kit/service';
import type { LiaisonFunction } from './function';
import type { EventSettings, Stage } from './settings';

export interface StackResources {
  readonly settings: EventSettings;
  readonly stage: Stage;
  /** LIAISON_EVENT_SLUG, LIAISON_STAGE, LIAISON_TIME_ZONE, LIAISON_LANGUAGES, LIAISON_CORS_ORIGINS. */
  readonly environment: Readonly<Record<string, string>>;
  readonly table: dynamodb.ITable;
  readonly eventsTopic: sns.ITopic;
  readonly alarmTopic: sns.ITopic;
  readonly emailIdentity: ses.IEmailIdentity;
  readonly httpApi: apigwv2.IHttpApi;
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
}

/** Gives a function what its service's `uses` says, each with its environment variable and grant. */
export function bindUses(fn: LiaisonFunction, uses: ServiceUses, shared: StackResources): void {
  fn.bindTable(shared.table, uses.table);
  if (uses.publishesEvents) fn.bindEventsTopic(shared.eventsTopic);
  if (uses.sendsSms) fn.bindSms(shared.settings.smsSenderId);
  if (uses.sendsEmail) fn.bindEmail(shared.emailIdentity, shared.settings.emailFrom);
}
