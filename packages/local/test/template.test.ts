import { describe, expect, it } from '@jest/globals';
import { fitName, localResolver } from '../src/naming';
import { planStack } from '../src/stack';
import { TemplateError, type CfnTemplate } from '../src/template';
import { fixtureTemplate } from './fixture';

const opts = { prefix: 't1-', region: 'ap-southeast-3', accountId: '123456789012', stackName: 'Liaison-x-dev', awsEndpoint: 'http://127.0.0.1:5000' };

function resolverFor(resources: CfnTemplate['Resources'], extra: Partial<CfnTemplate> = {}) {
  return localResolver({ Resources: resources, ...extra }, opts);
}

describe('template references', () => {
  const resolver = resolverFor(
    {
      Table: { Type: 'AWS::DynamoDB::Table', Properties: {} },
      Named: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: { 'Fn::Sub': '${AWS::StackName}-named' } } },
      Topic: { Type: 'AWS::SNS::Topic' },
      Queue: { Type: 'AWS::SQS::Queue', Properties: { FifoQueue: true } },
      Fn: { Type: 'AWS::Lambda::Function', Properties: {} },
      Pool: { Type: 'AWS::Cognito::UserPool' },
      Client: { Type: 'AWS::Cognito::UserPoolClient', Properties: { UserPoolId: { Ref: 'Pool' } } },
      Api: { Type: 'AWS::ApiGatewayV2::Api' },
      Alarm: { Type: 'AWS::CloudWatch::Alarm' },
    },
    { Parameters: { Stage: { Type: 'String', Default: 'dev' }, Langs: { Type: 'CommaDelimitedList', Default: 'id,en' } }, Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Stage' }, 'dev'] } }, Mappings: { M: { dev: { Level: 'debug' } } } },
  );

  it('gives tables, topics, queues and functions their local names and ARNs', () => {
    expect(resolver.resolve({ Ref: 'Table' })).toBe('t1-Table');
    expect(resolver.resolve({ 'Fn::GetAtt': ['Table', 'Arn'] })).toBe('arn:aws:dynamodb:ap-southeast-3:123456789012:table/t1-Table');
    expect(resolver.resolve({ Ref: 'Named' })).toBe('t1-Liaison-x-dev-named');
    expect(resolver.resolve({ Ref: 'Topic' })).toBe('arn:aws:sns:ap-southeast-3:123456789012:t1-Topic');
    expect(resolver.resolve({ 'Fn::GetAtt': 'Topic.TopicName' })).toBe('t1-Topic');
    expect(resolver.resolve({ Ref: 'Queue' })).toBe('http://127.0.0.1:5000/123456789012/t1-Queue.fifo');
    expect(resolver.resolve({ 'Fn::GetAtt': ['Queue', 'Arn'] })).toBe('arn:aws:sqs:ap-southeast-3:123456789012:t1-Queue.fifo');
    expect(resolver.resolve({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe('arn:aws:lambda:ap-southeast-3:123456789012:function:t1-Fn');
    expect(resolver.resolve({ 'Fn::GetAtt': ['Alarm', 'Arn'] })).toBe('arn:aws:cloudwatch:ap-southeast-3:123456789012:alarm:t1-Alarm');
  });

  it('gives Cognito a local pool id and client id, and the HTTP API an id', () => {
    const pool = resolver.resolveString({ Ref: 'Pool' }, 'test');
    expect(pool).toMatch(/^ap-southeast-3_[A-Za-z0-9]{9}$/);
    expect(resolver.resolve({ 'Fn::GetAtt': ['Pool', 'ProviderURL'] })).toBe(`https://cognito-idp.ap-southeast-3.amazonaws.com/${pool}`);
    expect(resolver.resolve({ Ref: 'Client' })).toMatch(/^[a-z0-9]{26}$/);
    expect(resolver.resolve({ Ref: 'Api' })).toMatch(/^[a-z0-9]{10}$/);
    // Stable: the same prefix and stack give the same ids (tokens minted earlier stay valid).
    expect(resolverFor({ Pool: { Type: 'AWS::Cognito::UserPool' } }).resolve({ Ref: 'Pool' })).toBe(pool);
  });

  it('evaluates Join, Sub, Select, Split, If, FindInMap, parameters and pseudo parameters', () => {
    expect(resolver.resolve({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':x:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }]] })).toBe(
      'arn:aws:x:ap-southeast-3:123456789012',
    );
    expect(resolver.resolve({ 'Fn::Sub': '${AWS::StackName}/${Table}/${Topic.TopicName}/${!Literal}/${AWS::URLSuffix}' })).toBe(
      'Liaison-x-dev/t1-Table/t1-Topic/${Literal}/amazonaws.com',
    );
    expect(resolver.resolve({ 'Fn::Sub': ['${A}-${B}', { A: 'a', B: { Ref: 'Stage' } }] })).toBe('a-dev');
    expect(resolver.resolve({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('b');
    expect(resolver.resolve({ 'Fn::Select': [1, { Ref: 'Langs' }] })).toBe('en');
    expect(resolver.resolve({ 'Fn::If': ['IsDev', { 'Fn::FindInMap': ['M', 'dev', 'Level'] }, 'x'] })).toBe('debug');
  });

  it('drops values that are AWS::NoValue', () => {
    expect(resolver.resolve({ A: 1, B: { Ref: 'AWS::NoValue' }, C: ['x', { 'Fn::If': ['IsDev', { Ref: 'AWS::NoValue' }, 'y'] }] })).toEqual({ A: 1, C: ['x'] });
  });

  it('refuses references it cannot make true locally', () => {
    expect(() => resolver.resolve({ Ref: 'Nope' })).toThrow(TemplateError);
    expect(() => resolver.resolve({ 'Fn::GetAtt': ['Client', 'Unknown'] })).toThrow(/has no attribute Unknown/);
    expect(() => resolver.resolve({ 'Fn::ImportValue': 'other-stack-export' })).toThrow(/cross-stack/);
  });
});

describe('local names', () => {
  it('fits long names under the limit and keeps them unique', () => {
    const a = fitName('int-w1-NotificationsPersonChangesConsumerQueueDeadLetterQueue1A2B3C4D5E6F7A8B9C0D', 80);
    const b = fitName('int-w1-NotificationsPersonChangesConsumerQueueDeadLetterQueue1A2B3C4D5E6F7A8B9C0E', 80);
    expect(a.length).toBeLessThanOrEqual(80);
    expect(a).not.toBe(b);
    expect(fitName('x'.repeat(100), 80, '.fifo')).toMatch(/\.fifo$/);
    expect(fitName('x'.repeat(100), 80, '.fifo').length).toBe(80);
  });
});

describe('reading the stack', () => {
  const plan = planStack(fixtureTemplate(), { prefix: 'p-', stackName: 'Fixture-dev', endpoints: { aws: 'http://127.0.0.1:5000' }, repoRoot: '/repo' });

  it('finds only the functions infra marked with an entry, with their resolved environment', () => {
    const fns = [...plan.model.functions.values()];
    expect(fns.map((f) => f.logicalId).sort()).toEqual(['AuditConsumerFunctionB2B2B2B2', 'HttpFunction77D01D73', 'ThingsConsumerFunctionA1A1A1A1', 'TickFunctionC3C3C3C3']);
    const http = plan.model.functions.get('HttpFunction77D01D73')!;
    expect(http).toMatchObject({
      name: 'p-HttpFunction77D01D73',
      entry: '/repo/packages/local/test/fixtures/handlers/http.ts',
      handler: 'handler',
      kind: 'http',
      service: 'fixture',
      timeoutSeconds: 2,
      memoryMb: 256,
    });
    expect(http.environment).toEqual({
      LIAISON_EVENT_SLUG: 'fixture-event',
      LIAISON_STAGE: 'dev',
      LIAISON_TABLE_NAME: 'p-TableCD117FA1',
      LIAISON_EVENTS_TOPIC_ARN: 'arn:aws:sns:ap-southeast-3:123456789012:p-EventsTopic063726A1',
      FIXTURE_QUEUE_URL: 'http://127.0.0.1:5000/123456789012/p-ThingsQueue9A1F0C3D',
      FIXTURE_WHERE: 'ap-southeast-3/123456789012/p-ThingsQueue9A1F0C3D/${Literal}',
      FIXTURE_DEBUG: 'debug',
      NODE_OPTIONS: '--enable-source-maps',
    });
    expect(plan.model.functions.get('AuditConsumerFunctionB2B2B2B2')).toMatchObject({ timeoutSeconds: 5, memoryMb: 128, localName: 'audit', handler: 'audit' });
  });

  it('reads routes with their integration and authorizer, leaving out resources whose condition is false', () => {
    const routes = plan.model.routes.map((r) => r.routeKey).sort();
    expect(routes).toEqual(['ANY /fail/{how}', 'GET /clock', 'GET /files/{proxy+}', 'GET /things/{thingId}', 'POST /echo']);
    const get = plan.model.routes.find((r) => r.routeKey === 'GET /things/{thingId}')!;
    expect(get.function).toBe('HttpFunction77D01D73');
    const pool = plan.resolver.resolve({ Ref: 'UserPool6BA7E5F2' });
    expect(get.authorizer).toMatchObject({
      type: 'JWT',
      issuer: `https://cognito-idp.ap-southeast-3.amazonaws.com/${String(pool)}`,
      audience: [plan.resolver.resolve({ Ref: 'UserPoolAppClientDD0407EC' })],
      identitySource: ['$request.header.Authorization'],
    });
    expect(plan.model.routes.find((r) => r.routeKey === 'POST /echo')!.authorizer).toBeNull();
  });

  it('reads a queue consumer without a maximum concurrency as unbounded', () => {
    expect(plan.model.consumers[0]).not.toHaveProperty('maxConcurrency');
  });

  it('reads queue consumers and schedules', () => {
    expect(plan.model.consumers).toEqual([
      expect.objectContaining({ queueArn: 'arn:aws:sqs:ap-southeast-3:123456789012:p-ThingsQueue9A1F0C3D', function: 'ThingsConsumerFunctionA1A1A1A1', batchSize: 10, reportBatchItemFailures: true, enabled: true }),
      expect.objectContaining({ queueArn: 'arn:aws:sqs:ap-southeast-3:123456789012:p-AuditQueueE5F6A7B8', function: 'AuditConsumerFunctionB2B2B2B2', batchSize: 5, reportBatchItemFailures: false, maxConcurrency: 2 }),
    ]);
    expect(plan.model.schedules).toEqual([
      expect.objectContaining({ name: 'tick', expression: 'rate(1 minute)', function: 'TickFunctionC3C3C3C3', ruleArn: 'arn:aws:events:ap-southeast-3:123456789012:rule/p-TickRuleCA0539DF', enabled: true }),
    ]);
  });

  it('gives all functions one environment, without the functions that are not ours', () => {
    expect(plan.functionEnvironment.LIAISON_STAGE).toBe('dev');
    expect(plan.functionEnvironment.LIAISON_TABLE_NAME).toBe('p-TableCD117FA1');
  });

  it('refuses functions that disagree on a variable', () => {
    const template = fixtureTemplate();
    const audit = template.Resources.AuditConsumerFunctionB2B2B2B2!.Properties as { Environment: { Variables: Record<string, unknown> } };
    audit.Environment.Variables.LIAISON_STAGE = 'prod';
    expect(() => planStack(template, { prefix: 'p-' })).toThrow(/LIAISON_STAGE: .* sets "dev" but AuditConsumerFunctionB2B2B2B2 sets "prod"/);
  });
});
