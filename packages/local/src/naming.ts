// The local identity of each template resource, by resource type: the name, ARN, URL or id that
// `Ref` and `Fn::GetAtt` give, made the way AWS makes them but with a prefix, so that several
// isolated copies of one stack can live in the same emulators.
import { createHash } from 'node:crypto';
import { TemplateResolver, TemplateError, type CfnTemplate, type PhysicalResource, type PseudoParameters } from './template';

export interface NamingOptions extends PseudoParameters {
  /** Put before every generated name, e.g. `int-w1-`. */
  prefix: string;
  /** moto's endpoint, to build SQS queue URLs as it does; AWS-style URLs without it. */
  awsEndpoint?: string;
  /** Where the local API answers, for the HTTP API's `ApiEndpoint`. */
  apiUrl?: string;
  /** Ids moto gave the user pools, by logical id (it makes its own: see cognito.ts). */
  userPoolIds?: Readonly<Record<string, string>>;
}

/** A short stable token from the inputs: same prefix and stack, same ids across runs. */
export function stableId(parts: string[], length: number, alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789'): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let out = '';
  for (let i = 0; out.length < length; i++) out += alphabet[digest[i % digest.length]! % alphabet.length];
  return out;
}

/** A deterministic UUID-shaped id (for subscription ARNs, request ids of fixtures, subjects). */
export function stableUuid(parts: string[]): string {
  const h = createHash('sha256').update(parts.join('\u0000')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** `prefix + base`, cut to `max` characters with a hash so that long names stay unique. */
export function fitName(name: string, max: number, suffix = ''): string {
  const clean = name.replace(/[^\w.-]/g, '-');
  if (clean.length + suffix.length <= max) return clean + suffix;
  const hash = stableId([clean], 8);
  return `${clean.slice(0, max - suffix.length - 9)}-${hash}${suffix}`;
}

type Attributes = Record<string, string>;

interface Namer {
  logicalId: string;
  opts: NamingOptions;
  /** A property, resolved; undefined when absent. */
  prop(name: string): unknown;
  /** The explicit name property (prefixed) or `prefix + logicalId`, fitted to `max`. */
  name(property: string | null, max: number, suffix?: string): string;
  arn(service: string, resource: string, withRegion?: boolean): string;
}

type TypeNamer = (n: Namer) => { ref: string; attributes: Attributes };

const TYPES: Record<string, TypeNamer> = {
  'AWS::DynamoDB::Table': (n) => table(n),
  'AWS::DynamoDB::GlobalTable': (n) => table(n),
  'AWS::SNS::Topic': (n) => {
    const fifo = n.prop('FifoTopic') === true || n.prop('FifoTopic') === 'true';
    const name = n.name('TopicName', 256, fifo ? '.fifo' : '');
    const arn = n.arn('sns', name);
    return { ref: arn, attributes: { TopicArn: arn, TopicName: name } };
  },
  'AWS::SQS::Queue': (n) => {
    const fifo = n.prop('FifoQueue') === true || n.prop('FifoQueue') === 'true';
    const name = n.name('QueueName', 80, fifo ? '.fifo' : '');
    const base = n.opts.awsEndpoint ?? `https://sqs.${n.opts.region}.amazonaws.com`;
    const url = `${base}/${n.opts.accountId}/${name}`;
    return { ref: url, attributes: { Arn: n.arn('sqs', name), QueueName: name, QueueUrl: url } };
  },
  'AWS::SNS::Subscription': (n) => {
    const topic = String(n.prop('TopicArn') ?? 'topic');
    return { ref: `${topic}:${stableUuid([n.opts.prefix, n.opts.stackName, n.logicalId])}`, attributes: {} };
  },
  'AWS::Lambda::Function': (n) => {
    const name = n.name('FunctionName', 64);
    return { ref: name, attributes: { Arn: n.arn('lambda', `function:${name}`) } };
  },
  'AWS::Lambda::Alias': (n) => {
    const fn = String(n.prop('FunctionName'));
    const alias = String(n.prop('Name'));
    const arn = fn.startsWith('arn:') ? `${fn}:${alias}` : n.arn('lambda', `function:${fn}:${alias}`);
    return { ref: arn, attributes: { AliasArn: arn } };
  },
  'AWS::IAM::Role': (n) => {
    const name = n.name('RoleName', 64);
    return { ref: name, attributes: { Arn: `arn:${n.opts.partition ?? 'aws'}:iam::${n.opts.accountId}:role/${name}`, RoleId: `AROA${stableId([n.opts.prefix, n.logicalId], 17, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}` } };
  },
  'AWS::Events::Rule': (n) => {
    const name = n.name('Name', 64);
    return { ref: name, attributes: { Arn: n.arn('events', `rule/${name}`) } };
  },
  'AWS::Scheduler::Schedule': (n) => {
    const name = n.name('Name', 64);
    return { ref: name, attributes: { Arn: n.arn('scheduler', `schedule/default/${name}`) } };
  },
  'AWS::Logs::LogGroup': (n) => {
    const name = n.prop('LogGroupName') !== undefined ? String(n.prop('LogGroupName')) : `/aws/local/${n.name(null, 400)}`;
    return { ref: name, attributes: { Arn: n.arn('logs', `log-group:${name}:*`) } };
  },
  'AWS::Cognito::UserPool': (n) => {
    const id = n.opts.userPoolIds?.[n.logicalId] ?? `${n.opts.region}_${stableId([n.opts.prefix, n.opts.stackName, n.logicalId], 9, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789')}`;
    const provider = `cognito-idp.${n.opts.region}.${n.opts.urlSuffix ?? 'amazonaws.com'}/${id}`;
    return { ref: id, attributes: { Arn: n.arn('cognito-idp', `userpool/${id}`), ProviderName: provider, ProviderURL: `https://${provider}`, UserPoolId: id } };
  },
  'AWS::Cognito::UserPoolClient': (n) => {
    const id = stableId([n.opts.prefix, n.opts.stackName, n.logicalId], 26);
    return { ref: id, attributes: { ClientId: id, Name: String(n.prop('ClientName') ?? n.logicalId), ClientSecret: stableId(['secret', id], 52) } };
  },
  'AWS::Cognito::UserPoolGroup': (n) => ({ ref: String(n.prop('GroupName') ?? n.logicalId), attributes: {} }),
  'AWS::Cognito::UserPoolDomain': (n) => ({ ref: String(n.prop('Domain') ?? n.logicalId), attributes: { CloudFrontDistribution: 'local.cloudfront.net' } }),
  'AWS::ApiGatewayV2::Api': (n) => {
    const id = stableId([n.opts.prefix, n.opts.stackName, n.logicalId], 10);
    return { ref: id, attributes: { ApiId: id, ApiEndpoint: n.opts.apiUrl ?? `https://${id}.execute-api.${n.opts.region}.${n.opts.urlSuffix ?? 'amazonaws.com'}` } };
  },
  'AWS::ApiGatewayV2::Stage': (n) => ({ ref: String(n.prop('StageName') ?? '$default'), attributes: {} }),
  'AWS::SES::EmailIdentity': (n) => ({ ref: String(n.prop('EmailIdentity')), attributes: {} }),
  'AWS::SES::ConfigurationSet': (n) => ({ ref: n.name('Name', 64), attributes: {} }),
  'AWS::SSM::Parameter': (n) => ({ ref: String(n.prop('Name') ?? n.name(null, 1024)), attributes: { Type: String(n.prop('Type') ?? 'String'), Value: String(n.prop('Value') ?? '') } }),
  'AWS::KMS::Key': (n) => {
    const id = stableUuid([n.opts.prefix, n.opts.stackName, n.logicalId]);
    return { ref: id, attributes: { Arn: n.arn('kms', `key/${id}`), KeyId: id } };
  },
  'AWS::CloudWatch::Alarm': (n) => {
    const name = n.name('AlarmName', 255);
    return { ref: name, attributes: { Arn: n.arn('cloudwatch', `alarm:${name}`) } };
  },
  'AWS::S3::Bucket': (n) => {
    const name = n.name('BucketName', 63).toLowerCase().replace(/[^a-z0-9.-]/g, '-');
    return {
      ref: name,
      attributes: { Arn: `arn:${n.opts.partition ?? 'aws'}:s3:::${name}`, DomainName: `${name}.s3.amazonaws.com`, RegionalDomainName: `${name}.s3.${n.opts.region}.amazonaws.com`, WebsiteURL: `http://${name}.s3-website.${n.opts.region}.amazonaws.com` },
    };
  },
};

function table(n: Namer): { ref: string; attributes: Attributes } {
  const name = n.name('TableName', 255);
  const arn = n.arn('dynamodb', `table/${name}`);
  return { ref: name, attributes: { Arn: arn, StreamArn: `${arn}/stream/1970-01-01T00:00:00.000`, TableId: stableUuid([arn]) } };
}

/** Anything else: a prefixed name, and an ARN shaped after the resource type. */
function generic(n: Namer, type: string): { ref: string; attributes: Attributes } {
  const name = n.name(null, 255);
  const [, service = 'local', kind = 'resource'] = type.split('::');
  const arn = n.arn(service.toLowerCase(), `${kind.toLowerCase()}/${name}`);
  return { ref: name, attributes: { Arn: arn } };
}

/** Evaluates a template against local identities made with `opts`. */
export function localResolver(template: CfnTemplate, opts: NamingOptions): TemplateResolver {
  const cache = new Map<string, PhysicalResource>();
  const pending = new Set<string>();
  const partition = opts.partition ?? 'aws';

  const lookup = (logicalId: string): PhysicalResource => {
    const hit = cache.get(logicalId);
    if (hit) return hit;
    if (pending.has(logicalId)) throw new TemplateError(`${logicalId}: its name depends on itself`);
    pending.add(logicalId);
    try {
      const resource = template.Resources[logicalId]!;
      const props = resource.Properties ?? {};
      const namer: Namer = {
        logicalId,
        opts,
        prop: (name) => (props[name] === undefined ? undefined : resolver.resolve(props[name], `${logicalId}.${name}`)),
        name: (property, max, suffix = '') => {
          const explicit = property ? namer.prop(property) : undefined;
          let base = explicit === undefined ? logicalId : String(explicit);
          if (suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
          return fitName(`${opts.prefix}${base}`, max, suffix);
        },
        arn: (service, res, withRegion = true) => `arn:${partition}:${service}:${withRegion ? opts.region : ''}:${opts.accountId}:${res}`,
      };
      const made = (TYPES[resource.Type] ?? ((x: Namer) => generic(x, resource.Type)))(namer);
      const physical: PhysicalResource = {
        ref: made.ref,
        attribute: (name) => made.attributes[name] ?? (name === 'Arn' || name.endsWith('Arn') ? generic(namer, resource.Type).attributes.Arn : undefined),
      };
      cache.set(logicalId, physical);
      return physical;
    } finally {
      pending.delete(logicalId);
    }
  };

  const resolver = new TemplateResolver(template, opts, lookup);
  return resolver;
}
