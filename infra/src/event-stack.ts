// One event's stack: the shared table, the domain-events topic, the user pool and the HTTP API, and one
// construct per service built from its own definition. Adding a service is one line in its `services` list.
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { ENV } from '@liaison/kit/config';
import { TABLE_DESIGN } from '@liaison/kit/ddb/design';
import { ROLES } from '@liaison/kit/http/route';
import type { ServiceDefinition } from '@liaison/kit/service';
import { addAlarm, addOperationsAlarms, ONE_MINUTE } from './alarms';
import { LiaisonDashboard } from './dashboard';
import { acknowledge } from './nag';
import { PLATFORM_SERVICE, PlatformConstruct, platformService } from './platform-construct';
import { pascal, ServiceConstruct } from './service-construct';
import { settingsForStage, type EventSettings, type Stage } from './settings';
import { countSenders, sizeEvent, type Sizing } from './sizing';
import type { StackResources } from './stack-resources';

export interface EventStackProps extends StackProps {
  settings: EventSettings;
  stage: Stage;
  services: readonly ServiceDefinition[];
}

/** Uploaded import files are work material, not records: gone after this many days. */
export const UPLOAD_EXPIRY_DAYS = 3;
export const PERSON_ID_ATTRIBUTE = 'personId';

/** `Liaison-<slug>-<stage>`: the construct id and the CloudFormation stack name. */
export function stackName(slug: string, stage: Stage): string {
  return `Liaison-${slug}-${stage}`;
}

export class EventStack extends Stack {
  readonly settings: EventSettings;
  readonly stage: Stage;
  readonly sizing: Sizing;
  readonly table: dynamodb.Table;
  readonly eventsTopic: sns.Topic;
  readonly alarmTopic: sns.Topic;
  readonly emailIdentity: ses.EmailIdentity;
  readonly uploadsBucket: s3.Bucket;
  readonly userPool: cognito.UserPool;
  readonly userPoolClient: cognito.UserPoolClient;
  readonly httpApi: apigwv2.HttpApi;
  readonly apiStage: apigwv2.HttpStage;
  readonly authorizer: HttpJwtAuthorizer;
  readonly issuer: string;
  readonly services: Record<string, ServiceConstruct> = {};
  readonly platform: PlatformConstruct;
  readonly dashboard: LiaisonDashboard;

  constructor(scope: Construct, id: string, props: EventStackProps) {
    super(scope, id, props);
    const { stage } = props;
    const settings = settingsForStage(props.settings, stage);
    checkDefinitions(props.services);
    // Throttle, sender concurrency and rates follow from the event's size (infra/src/sizing.ts).
    const sizing = sizeEvent(settings, countSenders(props.services));
    this.sizing = sizing;
    this.settings = settings;
    this.stage = stage;
    const prod = stage === 'prod';
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: TABLE_DESIGN.ttlAttribute,
      deletionProtection: prod,
      removalPolicy,
    });
    for (const index of TABLE_DESIGN.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }

    // The AWS managed key: SNS delivers to the SQS subscriptions and functions publish without a key
    // grant, and there is no customer key to pay for and rotate.
    this.eventsTopic = new sns.Topic(this, 'EventsTopic', {
      displayName: `Liaison ${settings.slug} domain events`,
      masterKey: kms.Alias.fromAliasName(this, 'AwsManagedSnsKey', 'alias/aws/sns'),
      enforceSSL: true,
    });
    this.alarmTopic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Liaison ${settings.slug} ${stage} alarms`,
      enforceSSL: true,
    });
    this.alarmTopic.addSubscription(new EmailSubscription(settings.alarmEmail));

    this.uploadsBucket = new s3.Bucket(this, 'UploadsBucket', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-uploads', expiration: Duration.days(UPLOAD_EXPIRY_DAYS), abortIncompleteMultipartUploadAfter: Duration.days(1) }],
      // Browsers of the event's front ends PUT files to presigned URLs.
      cors: [{ allowedMethods: [s3.HttpMethods.PUT], allowedOrigins: [...settings.corsOrigins], allowedHeaders: ['content-type'], maxAge: 3000 }],
      removalPolicy,
    });
    acknowledge(
      this.uploadsBucket,
      'AwsSolutions-S1',
      `The bucket holds uploaded import files for ${UPLOAD_EXPIRY_DAYS} days; every upload is made through a presigned URL that the API hands out to an organiser (logged in the API access logs and the import job), so server access logs would add a second bucket that records nothing new.`,
    );

    this.emailIdentity = new ses.EmailIdentity(this, 'EmailIdentity', { identity: ses.Identity.email(settings.emailFrom) });

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `liaison-${settings.slug}-${stage}`,
      // Organisers create every account (imports, invitations): nobody signs themselves up.
      selfSignUpEnabled: false,
      // The username is the person id (POST /people/{personId}/account), so an account can be found
      // from its person; people sign in with their email, a verified alias.
      signInAliases: { username: true, email: true },
      autoVerify: { email: true },
      customAttributes: { [PERSON_ID_ATTRIBUTE]: new cognito.StringAttribute({ minLen: 1, maxLen: 64, mutable: true }) },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Plus adds threat protection (compromised credentials, risky sign-ins) for the accounts that
      // reach VIP contact data; a dev stack holds test data and stays on Essentials.
      featurePlan: prod ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(prod ? { standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION } : {}),
      // Invitations and email MFA codes go through the stack's SES identity (Cognito's own sender stops at 50 a day).
      // (The stack is region-agnostic: the identity is in the stack's own region, whatever it resolves to.)
      email: cognito.UserPoolEmail.withSES({ fromEmail: settings.emailFrom, fromName: settings.name, sesRegion: this.region }),
      userInvitation: {
        emailSubject: `${settings.name}: your Liaison account`,
        emailBody: `Your Liaison account for ${settings.name} is ready (account {username}). Sign in with this email address and the temporary password {####}; you will choose your own password, then enter the code we email you at every sign-in. / Akun Liaison Anda siap (akun {username}). Masuk dengan alamat email ini dan kata sandi sementara {####}.`,
      },
      // Pool-wide MFA stays optional (guests share the pool); staff accounts get email MFA per user (services/directory/src/accounts).
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false, email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      deletionProtection: prod,
      removalPolicy,
    });
    // Cognito checks the SES identity when the pool is created: make the identity first.
    this.userPool.node.addDependency(this.emailIdentity);
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'The pool\'s MFA setting is OPTIONAL because it is pool-wide and guests share the pool (they sign in once at the venue on a borrowed or new phone). Staff get MFA per user instead: every organiser and LO account that POST /people/{personId}/account or `pnpm accounts sync` creates or finds gets email MFA switched on and preferred (AdminSetUserMFAPreference), so Cognito asks for an emailed code at every sign-in (no device is remembered); a user may add TOTP. Not enforced: a staff member can switch their own MFA off with their own access token (SetUserMFAPreference) until the next account call or sync switches it on again; an account made by hand in the console has none until then; SMS MFA is off (no SNS role for Cognito); with email MFA Cognito refuses password recovery by email, so an organiser resets a staff password. Also: no self sign-up, 12-character passwords with all character classes, 1-hour tokens with revocation, a deleted or demoted person disabled and signed out by the directory, and in prod the Plus plan with threat protection in full-function mode; dev stacks hold test data only.',
    );
    if (!prod) {
      acknowledge(
        this.userPool,
        'AwsSolutions-COG8',
        'dev stacks hold test data only; the Plus plan (threat protection) is billed per active user with no free tier. prod stacks use Plus with threat protection enforced.',
      );
    }
    ROLES.forEach((role, precedence) => {
      new cognito.UserPoolGroup(this, `${pascal(role)}Group`, {
        userPool: this.userPool,
        groupName: role,
        precedence,
        description: `Liaison role ${role}`,
      });
    });
    this.userPoolClient = this.userPool.addClient('AppClient', {
      userPoolClientName: 'app',
      generateSecret: false,
      authFlows: { userSrp: true },
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      // Users may not write custom:personId (or anything that decides what they may see).
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
    });

    this.issuer = `https://cognito-idp.${this.region}.amazonaws.com/${this.userPool.userPoolId}`;
    this.authorizer = new HttpJwtAuthorizer('CognitoJwt', this.issuer, {
      authorizerName: 'cognito-jwt',
      jwtAudience: [this.userPoolClient.userPoolClientId],
    });

    this.httpApi = new apigwv2.HttpApi(this, 'HttpApi', {
      apiName: `liaison-${settings.slug}-${stage}`,
      description: `Liaison API of ${settings.name} (${stage})`,
      createDefaultStage: false,
    });
    const accessLogs = new logs.LogGroup(this, 'ApiAccessLogs', {
      retention: prod ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.ONE_WEEK,
      removalPolicy,
    });
    this.apiStage = new apigwv2.HttpStage(this, 'ApiStage', {
      httpApi: this.httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: sizing.api,
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(accessLogs),
        // No header, no body, no claim: nothing personal beyond the caller's IP.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            protocol: '$context.protocol',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationLatencyMs: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });
    addAlarm(this, 'Api5xxAlarm', {
      metric: this.httpApi.metricServerError({ period: ONE_MINUTE, statistic: 'Sum' }),
      description: 'The API answered 5xx: a 5xx is a bug',
      topic: this.alarmTopic,
    });

    const shared: StackResources = {
      settings,
      stage,
      environment: {
        [ENV.eventSlug]: settings.slug,
        [ENV.stage]: stage,
        [ENV.timeZone]: settings.timeZone,
        [ENV.languages]: settings.languages.join(','),
        [ENV.corsOrigins]: settings.corsOrigins.join(','),
      },
      table: this.table,
      eventsTopic: this.eventsTopic,
      alarmTopic: this.alarmTopic,
      emailIdentity: this.emailIdentity,
      uploadsBucket: this.uploadsBucket,
      userPool: this.userPool,
      httpApi: this.httpApi,
      authorizer: this.authorizer,
    };
    for (const definition of props.services) {
      this.services[definition.name] = new ServiceConstruct(this, pascal(definition.name), { definition, shared, sizing });
    }
    this.platform = new PlatformConstruct(this, 'Platform', shared);
    addOperationsAlarms(this, this.alarmTopic);
    this.dashboard = new LiaisonDashboard(this, 'Dashboard', {
      name: `liaison-${settings.slug}-${stage}`,
      title: `Liaison: ${settings.name} (${stage})`,
      httpApi: this.httpApi,
      accessLogs,
      services: [...Object.values(this.services), this.platform.outbox],
      functionsRoot: this,
      alarms: () => this.node.findAll().filter((c): c is cloudwatch.Alarm => c instanceof cloudwatch.Alarm),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.apiStage.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.userPoolClient.userPoolClientId });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'EventsTopicArn', { value: this.eventsTopic.topicArn });
    new CfnOutput(this, 'UploadsBucketName', { value: this.uploadsBucket.bucketName });

  }
}

/** Fails the synth on definitions that would collide at deploy time or in the local runtime. */
export function checkDefinitions(services: readonly ServiceDefinition[]): void {
  const problems: string[] = [];
  const all = [...services, platformService];
  const names = new Set<string>();
  const routeKeys = new Map<string, string>([
    ['GET /openapi.json', PLATFORM_SERVICE],
    ['OPTIONS /{proxy+}', PLATFORM_SERVICE],
  ]);
  const scheduleNames = new Map<string, string>();
  for (const service of all) {
    if (names.has(service.name)) problems.push(`service name "${service.name}" is used twice`);
    names.add(service.name);
    for (const spec of Object.values(service.http?.routes ?? {})) {
      const key = `${spec.method} ${spec.path}`;
      const owner = routeKeys.get(key);
      if (owner !== undefined) problems.push(`route ${key} of ${service.name} is already served by ${owner}`);
      routeKeys.set(key, service.name);
    }
    const consumerNames = new Set<string>();
    for (const consumer of service.consumers ?? []) {
      if (consumerNames.has(consumer.name)) problems.push(`consumer "${consumer.name}" appears twice in ${service.name}`);
      if (consumer.eventTypes.length === 0) problems.push(`consumer ${service.name}/${consumer.name} lists no eventTypes: its queue would receive nothing`);
      consumerNames.add(consumer.name);
    }
    const workNames = new Set<string>();
    for (const work of service.workQueues ?? []) {
      if (workNames.has(work.name)) problems.push(`work queue "${work.name}" appears twice in ${service.name}`);
      workNames.add(work.name);
    }
    const functions = [service.http, ...(service.consumers ?? []), ...(service.workQueues ?? []), ...(service.schedules ?? [])];
    for (const fn of functions) {
      for (const name of { ...service.uses, ...fn?.uses }.sendsWork ?? []) {
        if (fn && !workNames.has(name)) problems.push(`a function of ${service.name} sends work to "${name}", which is not one of its workQueues`);
      }
    }
    for (const schedule of service.schedules ?? []) {
      const owner = scheduleNames.get(schedule.name);
      if (owner !== undefined) problems.push(`schedule "${schedule.name}" of ${service.name} is already defined by ${owner}`);
      scheduleNames.set(schedule.name, service.name);
    }
  }
  if (problems.length > 0) throw new Error(`Service definitions clash:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
