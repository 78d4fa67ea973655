// What the stack shares with every service construct: the event's settings and the resources that
// functions bind to, plus the stack-level environment every function gets.
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
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
  /** Uploaded files (import files): short-lived, private, written through presigned URLs. */
  readonly uploadsBucket: s3.IBucket;
  /** Sign-in accounts: functions with `userPool: 'admin'` manage them. */
  readonly userPool: cognito.IUserPool;
  readonly httpApi: apigwv2.IHttpApi;
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
}

/**
 * Gives a function what its `uses` says (its own over its service's), each with its environment
 * variable and grant. `workQueues` are the queues of its service, by name.
 */
export function bindUses(fn: LiaisonFunction, uses: ServiceUses, shared: StackResources, workQueues: ReadonlyMap<string, sqs.IQueue> = new Map()): void {
  if (uses.table !== 'none') fn.bindTable(shared.table, uses.table);
  if (uses.publishesEvents) fn.bindEventsTopic(shared.eventsTopic);
  if (uses.sendsSms) fn.bindSms(shared.settings.smsSenderId, shared.settings.smsPerSecond);
  if (uses.sendsEmail) fn.bindEmail(shared.emailIdentity, shared.settings.emailFrom, shared.settings.emailPerSecond);
  for (const name of uses.sendsWork ?? []) {
    const queue = workQueues.get(name);
    if (!queue) throw new Error(`${fn.service}: a function sends work to "${name}", which is not one of its service's workQueues`);
    fn.bindWorkQueue(name, queue);
  }
  if (uses.uploads && uses.uploads.length > 0) fn.bindUploads(shared.uploadsBucket, uses.uploads);
  if (uses.userPool === 'admin') fn.bindUserPool(shared.userPool, shared.settings.guestAccounts);
}
