import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { Match } from 'aws-cdk-lib/assertions';
import { ENV } from '@liaison/kit/config';
import { TABLE_DESIGN } from '@liaison/kit/ddb/design';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { directoryRoutes } from '@liaison/directory';
import { directoryService } from '@liaison/directory/service';
import { REPO_ROOT, TABLE_ACTIONS, USER_POOL_ACTIONS } from '../src/function';
import { asArray, functionId, resources, roleStatements, synth } from './support/synth';

// The stack's own shape, with the directory as its one service (other services have their own tests).
const dev = synth('dev', [directoryService]);
const prod = synth('prod', [directoryService]);
afterAll(() => {
  dev.cleanup();
  prod.cleanup();
});

const ref = (id: string) => ({ Ref: id });
const arn = (id: string) => ({ 'Fn::GetAtt': [id, 'Arn'] });
const only = (json: Record<string, any>, type: string) => {
  const found = resources(json, type);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('the shared table', () => {
  it('has the key design of TABLE_DESIGN: pk/sk strings, three GSIs projecting ALL, TTL, PITR, on-demand', () => {
    const [, table] = only(dev.json, 'AWS::DynamoDB::Table');
    const p = table.Properties;
    expect(p.KeySchema).toEqual([
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ]);
    expect(p.BillingMode).toBe('PAY_PER_REQUEST');
    expect(p.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(p.TimeToLiveSpecification).toEqual({ AttributeName: 'expiresAt', Enabled: true });
    expect(p.GlobalSecondaryIndexes).toEqual(
      TABLE_DESIGN.indexes.map((index) => ({
        IndexName: index.name,
        KeySchema: [
          { AttributeName: index.partitionKey, KeyType: 'HASH' },
          { AttributeName: index.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    );
    const attributes = ['pk', 'sk', 'gsi1pk', 'gsi1sk', 'gsi2pk', 'gsi2sk', 'gsi3pk', 'gsi3sk'];
    expect(p.AttributeDefinitions).toEqual(expect.arrayContaining(attributes.map((AttributeName) => ({ AttributeName, AttributeType: 'S' }))));
    expect(p.AttributeDefinitions).toHaveLength(attributes.length);
  });

  it('is destroyed with a dev stack, and retained and deletion-protected in prod', () => {
    const [, devTable] = only(dev.json, 'AWS::DynamoDB::Table');
    expect(devTable.DeletionPolicy).toBe('Delete');
    expect(devTable.Properties.DeletionProtectionEnabled).toBe(false);
    const [, prodTable] = only(prod.json, 'AWS::DynamoDB::Table');
    expect(prodTable.DeletionPolicy).toBe('Retain');
    expect(prodTable.UpdateReplacePolicy).toBe('Retain');
    expect(prodTable.Properties.DeletionProtectionEnabled).toBe(true);
  });
});

describe('topics', () => {
  it('encrypts the domain-events topic and refuses publishes without TLS', () => {
    const topicId = dev.stack.getLogicalId(dev.stack.eventsTopic.node.defaultChild as never);
    dev.template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('alias/aws/sns')])] }),
    });
    dev.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [ref(topicId)],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('mails alarms to alarmEmail', () => {
    const alarmTopicId = dev.stack.getLogicalId(dev.stack.alarmTopic.node.defaultChild as never);
    dev.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@jakarta-summit.example',
      TopicArn: ref(alarmTopicId),
    });
  });
});

describe('users and auth', () => {
  it('has a user pool without self sign-up, with the three role groups, personId, and a strong password policy', () => {
    const [poolId, pool] = only(dev.json, 'AWS::Cognito::UserPool');
    expect(pool.Properties.AdminCreateUserConfig).toMatchObject({ AllowAdminCreateUserOnly: true });
    expect(pool.Properties.Schema).toEqual(
      expect.arrayContaining([expect.objectContaining({ Name: 'personId', AttributeDataType: 'String', Mutable: true })]),
    );
    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
      MinimumLength: 12,
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    const groups = resources(dev.json, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties);
    expect(groups.map((g) => g.GroupName).sort()).toEqual(['guest', 'lo', 'organizer']);
    for (const group of groups) expect(group.UserPoolId).toEqual(ref(poolId));
  });

  it('lets the app client write neither custom:personId nor any attribute that decides access', () => {
    const [, client] = only(dev.json, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.GenerateSecret).toBe(false);
    expect(client.Properties.WriteAttributes).toEqual(['locale', 'name']);
  });

  it('protects the prod user pool (retain, deletion protection, Plus threat protection)', () => {
    const [, pool] = only(prod.json, 'AWS::Cognito::UserPool');
    expect(pool.DeletionPolicy).toBe('Retain');
    expect(pool.Properties.DeletionProtection).toBe('ACTIVE');
    expect(pool.Properties.UserPoolTier).toBe('PLUS');
    expect(pool.Properties.UserPoolAddOns).toEqual({ AdvancedSecurityMode: 'ENFORCED' });
  });

  it('names accounts by person id and signs them in by verified email; invitations and MFA codes go through the stack\'s SES identity', () => {
    const [, pool] = only(dev.json, 'AWS::Cognito::UserPool');
    expect(pool.Properties.AliasAttributes).toEqual(['email']);
    expect(pool.Properties.UsernameAttributes).toBeUndefined();
    expect(pool.Properties.AutoVerifiedAttributes).toEqual(['email']);
    expect(pool.Properties.EmailConfiguration).toMatchObject({ EmailSendingAccount: 'DEVELOPER', From: 'Jakarta Summit 2027 <liaison@jakarta-summit.example>' });
    expect(JSON.stringify(pool.Properties.EmailConfiguration.SourceArn)).toContain(':identity/liaison@jakarta-summit.example');
    expect(pool.DependsOn).toContain(dev.stack.getLogicalId(dev.stack.emailIdentity.node.defaultChild as never));
    expect(pool.Properties.AdminCreateUserConfig.InviteMessageTemplate.EmailMessage).toEqual(expect.stringMatching(/\{username\}[\s\S]*\{####\}/));
  });

  it('keeps MFA optional pool-wide and offers email codes and TOTP (staff get email MFA per user), no SMS', () => {
    for (const { json } of [dev, prod]) {
      const [, pool] = only(json, 'AWS::Cognito::UserPool');
      expect(pool.Properties.MfaConfiguration).toBe('OPTIONAL');
      expect([...pool.Properties.EnabledMfas].sort()).toEqual(['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA']);
      // Email MFA needs the Essentials plan or higher.
      expect(['ESSENTIALS', 'PLUS']).toContain(pool.Properties.UserPoolTier);
    }
  });

  it('gives the accounts consumer the user pool, a read of the table (the person as stored now) and its own dedupe claims, and the pool id and guest setting to both account functions', () => {
    const [poolId] = only(dev.json, 'AWS::Cognito::UserPool');
    const consumerId = functionId(dev.json, { [STACK_METADATA.service]: 'directory', [STACK_METADATA.kind]: 'consumer', [STACK_METADATA.name]: 'accounts' });
    const statements = roleStatements(dev.json, consumerId).statements.filter((st) => !asArray(st.Action as string | string[]).every((a) => a.startsWith('logs:') || a.startsWith('sqs:')));
    expect(statements.map((st) => ({ sid: st.Sid, actions: asArray(st.Action as string | string[]).sort(), resource: st.Resource }))).toEqual(
      expect.arrayContaining([
        { sid: 'WriteOwnDedupeClaims', actions: ['dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'], resource: expect.anything() },
        { sid: 'ManageAccountsInUserPool', actions: [...USER_POOL_ACTIONS].sort(), resource: { 'Fn::GetAtt': [poolId, 'Arn'] } },
        { sid: undefined, actions: ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'], resource: expect.anything() },
      ]),
    );
    expect(statements).toHaveLength(3);
    for (const kind of ['http', 'consumer']) {
      const fn = dev.json.Resources[functionId(dev.json, { [STACK_METADATA.service]: 'directory', [STACK_METADATA.kind]: kind })];
      expect(fn.Properties.Environment.Variables).toMatchObject({ [ENV.userPoolId]: { Ref: poolId }, [ENV.guestAccounts]: '0' });
    }
  });

  it('verifies JWTs from the stack user pool for the app client', () => {
    const [poolId] = only(dev.json, 'AWS::Cognito::UserPool');
    const [clientId] = only(dev.json, 'AWS::Cognito::UserPoolClient');
    const [, authorizer] = only(dev.json, 'AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    expect(authorizer.Properties.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(authorizer.Properties.JwtConfiguration).toEqual({
      Audience: [ref(clientId)],
      Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', ref('AWS::Region'), '.amazonaws.com/', ref(poolId)]] },
    });
  });
});

describe('the HTTP API', () => {
  const routes = new Map(resources(dev.json, 'AWS::ApiGatewayV2::Route').map(([, r]) => [r.Properties.RouteKey as string, r.Properties]));
  const [authorizerId] = only(dev.json, 'AWS::ApiGatewayV2::Authorizer');

  /** The function a route invokes, through its integration. */
  function target(routeKey: string): Record<string, any> {
    const integrationId = (routes.get(routeKey)!.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
    const integration = dev.json.Resources[integrationId.Ref];
    expect(integration.Properties).toMatchObject({ IntegrationType: 'AWS_PROXY', PayloadFormatVersion: '2.0' });
    const fnId = integration.Properties.IntegrationUri['Fn::GetAtt'][0] as string;
    return dev.json.Resources[fnId];
  }

  it('routes every directory route to the directory function, behind the JWT authorizer', () => {
    const specs = Object.values(directoryRoutes);
    expect(specs.length).toBeGreaterThan(10);
    for (const spec of specs) {
      const key = `${spec.method} ${spec.path}`;
      expect({ key, route: routes.get(key) }).toEqual({
        key,
        route: expect.objectContaining({ AuthorizationType: 'JWT', AuthorizerId: ref(authorizerId) }),
      });
      expect(target(key).Metadata).toMatchObject({ [STACK_METADATA.service]: 'directory', [STACK_METADATA.kind]: 'http' });
    }
    expect(routes.size).toBe(specs.length + 2);
  });

  it('serves /openapi.json and CORS preflight without auth, from the api function', () => {
    for (const key of ['GET /openapi.json', 'OPTIONS /{proxy+}']) {
      expect(routes.get(key)).toMatchObject({ AuthorizationType: 'NONE' });
      expect(routes.get(key)!.AuthorizerId).toBeUndefined();
      expect(target(key).Metadata).toMatchObject({
        [STACK_METADATA.entry]: 'infra/src/functions/api.ts',
        [STACK_METADATA.handler]: 'handler',
        [STACK_METADATA.kind]: 'openapi',
        [STACK_METADATA.service]: 'platform',
      });
    }
  });

  it('has one $default stage with access logs and throttling', () => {
    const [, stage] = only(dev.json, 'AWS::ApiGatewayV2::Stage');
    expect(stage.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      // From the event's size (the summit: 5,120 people opening the app within a minute of a broadcast).
      DefaultRouteSettings: { ThrottlingRateLimit: dev.stack.sizing.api.rateLimit, ThrottlingBurstLimit: dev.stack.sizing.api.burstLimit },
      AccessLogSettings: { DestinationArn: expect.anything(), Format: expect.stringContaining('$context.requestId') },
    });
  });

  it('alarms on API 5xx', () => {
    dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [ref(dev.stack.getLogicalId(dev.stack.alarmTopic.node.defaultChild as never))],
    });
  });
});

describe('functions', () => {
  const fns = resources(dev.json, 'AWS::Lambda::Function');

  it('all run Node.js 22 on arm64 without --enable-source-maps (stacks are mapped when read), and name their handler module relative to the repo root', () => {
    // directory: http, import-chunks worker, accounts consumer, retention purge; platform: openapi, outbox relay.
    expect(fns.length).toBe(6);
    for (const [, fn] of fns) {
      expect(fn.Properties).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], Handler: `index.${fn.Metadata![STACK_METADATA.handler]}` });
      expect(fn.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
      const entry = fn.Metadata![STACK_METADATA.entry] as string;
      expect(path.isAbsolute(entry)).toBe(false);
      expect(fs.existsSync(path.join(REPO_ROOT, entry))).toBe(true);
      expect(['http', 'consumer', 'worker', 'schedule', 'openapi']).toContain(fn.Metadata![STACK_METADATA.kind]);
    }
  });

  it('gives the directory its definition memory and timeout', () => {
    const fn = dev.json.Resources[functionId(dev.json, { [STACK_METADATA.service]: 'directory', [STACK_METADATA.kind]: 'http' })];
    expect(fn.Metadata[STACK_METADATA.entry]).toBe('services/directory/src/handlers/http.ts');
    expect(fn.Properties).toMatchObject({ MemorySize: 1024, Timeout: 29 });
  });

  it('logs to its own log group: a week in dev, three months in prod', () => {
    for (const [synthd, days] of [
      [dev, 7],
      [prod, 90],
    ] as const) {
      for (const [, fn] of resources(synthd.json, 'AWS::Lambda::Function')) {
        const groupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
        expect(synthd.json.Resources[groupId].Properties.RetentionInDays).toBe(days);
      }
    }
  });

  it('all get the stack settings, and each variable has one value across the stack', () => {
    const values = new Map<string, Set<string>>();
    for (const [, fn] of fns) {
      const vars = fn.Properties.Environment.Variables as Record<string, unknown>;
      expect(vars).toMatchObject({
        [ENV.eventSlug]: 'jakarta-summit-2027',
        [ENV.stage]: 'dev',
        [ENV.timeZone]: 'Asia/Jakarta',
        [ENV.languages]: 'id,en',
        [ENV.corsOrigins]: '*',
      });
      for (const [name, value] of Object.entries(vars)) {
        if (!values.has(name)) values.set(name, new Set());
        values.get(name)!.add(JSON.stringify(value));
      }
    }
    for (const [name, seen] of values) expect({ name, values: seen.size }).toEqual({ name, values: 1 });
  });

  it('runs the outbox relay every minute', () => {
    const relayId = functionId(dev.json, { [STACK_METADATA.name]: 'outbox-relay' });
    expect(dev.json.Resources[relayId].Metadata).toMatchObject({
      [STACK_METADATA.entry]: 'packages/kit/src/events/relay.ts',
      [STACK_METADATA.handler]: 'handler',
      [STACK_METADATA.kind]: 'schedule',
      [STACK_METADATA.service]: 'platform',
    });
    const rules = resources(dev.json, 'AWS::Events::Rule').filter(([, r]) => r.Metadata?.[STACK_METADATA.name] === 'outbox-relay');
    expect(rules).toHaveLength(1);
    const [, rule] = rules[0]!;
    expect(rule.Metadata).toMatchObject({ [STACK_METADATA.name]: 'outbox-relay' });
    expect(rule.Properties.ScheduleExpression).toBe('rate(1 minute)');
    expect(rule.Properties.Targets).toEqual([expect.objectContaining({ Arn: arn(relayId) })]);
  });

  it('raises an alarm on errors of every function', () => {
    for (const [id] of fns) {
      dev.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: ref(id) }],
      });
    }
  });
});

describe('the upload bucket', () => {
  const [bucketId, bucket] = only(dev.json, 'AWS::S3::Bucket');

  it('is private, encrypted, owner-enforced, and lets browsers of the event PUT only', () => {
    expect(bucket.Properties).toMatchObject({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      CorsConfiguration: { CorsRules: [{ AllowedMethods: ['PUT'], AllowedOrigins: ['*'], AllowedHeaders: ['content-type'] }] },
    });
  });

  it('expires uploads after a few days and drops unfinished multipart uploads', () => {
    expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual([
      expect.objectContaining({ Status: 'Enabled', ExpirationInDays: 3, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
    ]);
  });

  it('refuses requests without TLS', () => {
    const [, policy] = resources(dev.json, 'AWS::S3::BucketPolicy').find(([, p]) => JSON.stringify(p.Properties.Bucket) === JSON.stringify(ref(bucketId)))!;
    expect(policy.Properties.PolicyDocument.Statement).toEqual(
      expect.arrayContaining([expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
    );
  });

  it('is named to the functions that use it, and only to them', () => {
    const uses = resources(dev.json, 'AWS::Lambda::Function')
      .filter(([, f]) => f.Properties.Environment?.Variables?.[ENV.uploadsBucket] !== undefined)
      .map(([, f]) => `${f.Metadata?.[STACK_METADATA.service]}/${f.Metadata?.[STACK_METADATA.kind]}`);
    expect(uses.sort()).toEqual(['directory/http', 'directory/worker']);
  });

  it('is kept in prod and removed with a dev stack', () => {
    const [, prodBucket] = only(prod.json, 'AWS::S3::Bucket');
    expect(prodBucket.DeletionPolicy).toBe('Retain');
    expect(bucket.DeletionPolicy).toBe('Delete');
  });
});

describe('least privilege', () => {
  const [tableId] = only(dev.json, 'AWS::DynamoDB::Table');
  const topicId = dev.stack.getLogicalId(dev.stack.eventsTopic.node.defaultChild as never);
  const tableResources = [arn(tableId), { 'Fn::Join': ['', [arn(tableId), '/index/*']] }];

  function grants(fnId: string): { actions: string[]; resource: unknown }[] {
    const { statements, managed } = roleStatements(dev.json, fnId);
    expect(managed).toEqual([]);
    for (const s of statements) {
      expect(s.Effect).toBe('Allow');
      expect(s.NotAction).toBeUndefined();
    }
    return statements.map((s) => ({ actions: asArray(s.Action as string | string[]).sort(), resource: s.Resource ?? { NotResource: s.NotResource } }));
  }

  function ownLogGroup(fnId: string) {
    return { actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resource: arn(dev.json.Resources[fnId].Properties.LoggingConfig.LogGroup.Ref) };
  }

  it('lets the directory function read and write the table (no Scan), publish to the topic, queue import chunks, use the upload bucket and manage accounts in the user pool, and nothing else', () => {
    const fnId = functionId(dev.json, { [STACK_METADATA.service]: 'directory', [STACK_METADATA.kind]: 'http' });
    const queueId = dev.stack.getLogicalId(dev.stack.services.directory!.workQueues['import-chunks']!.queue.node.defaultChild as never);
    const bucketId = dev.stack.getLogicalId(dev.stack.uploadsBucket.node.defaultChild as never);
    const got = grants(fnId);
    const [poolId] = only(dev.json, 'AWS::Cognito::UserPool');
    expect(got).toHaveLength(6);
    expect(got).toEqual(
      expect.arrayContaining([
        ownLogGroup(fnId),
        { actions: [...USER_POOL_ACTIONS].sort(), resource: arn(poolId) },
        { actions: [...TABLE_ACTIONS.readWrite].sort(), resource: tableResources },
        { actions: ['sns:Publish'], resource: ref(topicId) },
        { actions: ['sqs:SendMessage'], resource: arn(queueId) },
        { actions: ['s3:GetObject', 's3:PutObject'], resource: { 'Fn::Join': ['', [arn(bucketId), '/*']] } },
      ]),
    );
    expect(got.flatMap((g) => g.actions)).not.toContain('dynamodb:Scan');
  });

  it('gives the api function no grant beyond its own logs', () => {
    const fnId = functionId(dev.json, { [STACK_METADATA.kind]: 'openapi' });
    expect(grants(fnId)).toEqual([ownLogGroup(fnId)]);
  });

  it('lets only API Gateway of this API invoke the HTTP functions', () => {
    const [apiId] = only(dev.json, 'AWS::ApiGatewayV2::Api');
    const permissions = resources(dev.json, 'AWS::Lambda::Permission').filter(([, p]) => p.Properties.Principal === 'apigateway.amazonaws.com');
    expect(permissions).toHaveLength(2);
    for (const [, p] of permissions) expect(JSON.stringify(p.Properties.SourceArn)).toContain(JSON.stringify(ref(apiId)));
  });
});

describe('email and outputs', () => {
  it('declares the SES identity of emailFrom', () => {
    dev.template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: 'liaison@jakarta-summit.example' });
  });

  it('outputs the API URL, user pool, client, table, topic and upload bucket, with no cross-stack export', () => {
    const outputs = dev.json.Outputs as Record<string, { Value: unknown; Export?: unknown }>;
    expect(Object.keys(outputs).sort()).toEqual(['ApiUrl', 'EventsTopicArn', 'TableName', 'UploadsBucketName', 'UserPoolClientId', 'UserPoolId']);
    for (const output of Object.values(outputs)) expect(output.Export).toBeUndefined();
    expect(outputs.TableName!.Value).toEqual(ref(only(dev.json, 'AWS::DynamoDB::Table')[0]));
  });
});
