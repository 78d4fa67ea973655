// The one Lambda function construct: runtime, architecture, log group, bundling and the metadata the
// local runtime reads are set here once; `bind*` helpers set an environment variable and its grant together.
import path from 'node:path';
import { AssetHashType, Aws, DockerImage, Duration, RemovalPolicy, type CfnElement, type ILocalBundling } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type * as sns from 'aws-cdk-lib/aws-sns';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { buildSync, type BuildOptions, type Metafile } from 'esbuild';
import { ENV, workQueueEnv } from '@liaison/kit/config';
import type { FunctionSource } from '@liaison/kit/service';
import { STACK_METADATA, type FunctionKind } from '@liaison/kit/stack-metadata';
import { acknowledge, arnFinding } from './nag';
import type { Stage } from './settings';

/** The repository root: entries in the metadata are relative to it, and esbuild runs from it. */
export const REPO_ROOT = path.resolve(__dirname, '../..');

/**
 * What the stores may do: item and query actions on the table and its indexes. No Scan (every request
 * path reads by key or index) and no stream or table-management actions, unlike CDK's grantReadData.
 * (Transactions are authorised per item: ConditionCheckItem, PutItem, UpdateItem, DeleteItem, GetItem.)
 */
export const TABLE_ACTIONS = {
  read: ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:ConditionCheckItem'],
  readWrite: [
    'dynamodb:GetItem',
    'dynamodb:BatchGetItem',
    'dynamodb:Query',
    'dynamodb:ConditionCheckItem',
    'dynamodb:PutItem',
    'dynamodb:UpdateItem',
    'dynamodb:DeleteItem',
  ],
} as const;

/** A consumer's dedupe claims: item writes, on its own `CONSUMED#<service>.<name>#` keys only. */
export const CLAIM_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'] as const;

/** What each upload mode allows, on the upload bucket's objects only. */
export const UPLOAD_ACTIONS = { put: ['s3:PutObject'], get: ['s3:GetObject'] } as const;

/** What the accounts code calls on the stack's user pool (services/directory/src/accounts): on that pool's ARN only. */
export const USER_POOL_ACTIONS = [
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminEnableUser',
  'cognito-idp:AdminGetUser',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminRemoveUserFromGroup',
  'cognito-idp:AdminSetUserMFAPreference',
  'cognito-idp:AdminUpdateUserAttributes',
  'cognito-idp:AdminUserGlobalSignOut',
] as const;

export const DEFAULT_MEMORY_MB = 512;
export const DEFAULT_TIMEOUT_SECONDS = 10;

/** ESM output still meets CommonJS dependencies that call `require`; give them one. */
const ESM_REQUIRE_BANNER = "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);";

/**
 * How every function is bundled; `pnpm bench cold-start` builds its baseline with these same options.
 * What is in a bundle and what its import costs: see test/bench/cold-start.ts (it prints zod, SDK and
 * own code per function). Source maps stay beside the chunks, so that stack traces in the logs name our
 * files; functions run without `--enable-source-maps`, which parses every chunk's map as it loads (about
 * a tenth of a cold start): @liaison/kit/stack reads a map only when a stack is rendered.
 *
 * Split ESM: `index.mjs` holds what every invocation needs, and each `import()` in the code (the HTTP
 * functions' route handlers, see `lazy` in @liaison/kit/http/service) becomes a chunk that loads with the
 * first invocation that needs it, so a cold start does not parse code its request never runs.
 */
export const BUNDLING = {
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'esm',
  splitting: true,
  minify: true,
  sourcemap: true,
  sourcesContent: false,
  // Code that behaves differently in a bundle reads this (@liaison/kit/stack maps stacks lazily there).
  define: { 'process.env.LIAISON_BUNDLE': '"true"' },
  // ESM builds of the SDK (dist-es) tree-shake; their CommonJS builds do not.
  mainFields: ['module', 'main'],
  banner: { js: ESM_REQUIRE_BANNER },
  entryNames: 'index',
  chunkNames: 'chunk-[hash]',
  outExtension: { '.js': '.mjs' },
  // Bundle the SDK too: one pinned version everywhere, not whatever the runtime ships.
  external: [],
  absWorkingDir: REPO_ROOT,
  logLevel: 'warning',
} as const satisfies BuildOptions;

/** Builds `entry` into `outdir` as the function's code: `index.mjs`, its chunks and their source maps. */
export function bundleFunction(entry: string, outdir: string, extra: Pick<BuildOptions, 'metafile' | 'nodePaths'> = {}): Metafile | undefined {
  const result = buildSync({ ...BUNDLING, banner: { ...BUNDLING.banner }, define: { ...BUNDLING.define }, external: [...BUNDLING.external], mainFields: [...BUNDLING.mainFields], entryPoints: [entry], outdir, ...extra });
  return result.metafile;
}

/**
 * The local build of one function. CDK keys its asset cache on the bundling options as JSON, where a
 * function property vanishes: `entry` is a field so that each function's key, and so its code, is its own.
 */
class LocalBuild implements ILocalBundling {
  constructor(readonly entry: string) {}

  tryBundle(outputDir: string): boolean {
    bundleFunction(path.join(REPO_ROOT, this.entry), outputDir);
    return true;
  }
}

/**
 * The Node options every function runs with (the cold-start bench imports bundles with them): none.
 * Not `--enable-source-maps`: see BUNDLING and @liaison/kit/stack.
 */
export const NODE_OPTIONS = '';

export interface LiaisonFunctionProps {
  source: FunctionSource;
  kind: FunctionKind;
  /** Owning service, e.g. `directory` or `platform`. */
  service: string;
  /** Consumer or schedule name. */
  name?: string;
  stage: Stage;
  /**
   * Stack-level variables every function gets. A variable must have one value across the stack:
   * the local runtime runs every function in one process.
   */
  environment: Readonly<Record<string, string>>;
}

/** `services/directory/src/handlers/http.ts`: the entry as the metadata records it. */
export function repoRelative(file: string): string {
  const rel = path.relative(REPO_ROOT, path.resolve(file));
  if (rel.startsWith('..') || path.isAbsolute(rel)) throw new Error(`Handler entry ${file} is outside the repository ${REPO_ROOT}`);
  return rel.split(path.sep).join('/');
}

export class LiaisonFunction extends lambda.Function {
  readonly kind: FunctionKind;
  readonly service: string;
  readonly timeoutSeconds: number;
  private readonly bound = new Set<string>();

  constructor(scope: Construct, id: string, props: LiaisonFunctionProps) {
    const { source, kind, service, name, stage } = props;
    const timeoutSeconds = source.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    const removalPolicy = stage === 'prod' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    // Created before super() so that the role can only write to this function's own log group,
    // instead of the basic execution role's logs:CreateLogGroup on every group.
    const logGroup = new logs.LogGroup(scope, `${id}Logs`, {
      retention: stage === 'prod' ? logs.RetentionDays.THREE_MONTHS : logs.RetentionDays.ONE_WEEK,
      removalPolicy,
    });
    const role = new iam.Role(scope, `${id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Liaison ${service} ${kind}${name ? ` ${name}` : ''}`,
    });
    logGroup.grantWrite(role);

    super(scope, id, {
      code: lambda.Code.fromAsset(REPO_ROOT, {
        // The hash of what was built, not of the repository; a stack left out of bundling (`bundle: false`
        // in buildApp) gets a placeholder hash and no build.
        assetHashType: AssetHashType.OUTPUT,
        bundling: {
          // Never used: the build runs here, with esbuild (tryBundle answers true or throws).
          image: DockerImage.fromRegistry('public.ecr.aws/sam/build-nodejs22.x'),
          local: new LocalBuild(repoRelative(source.entry)),
        },
      }),
      handler: `index.${source.handler ?? 'handler'}`,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: source.memoryMb ?? DEFAULT_MEMORY_MB,
      timeout: Duration.seconds(timeoutSeconds),
      description: `Liaison ${service} ${kind}${name ? ` ${name}` : ''}`,
      role,
      logGroup,
      environment: { ...props.environment },
    });
    this.kind = kind;
    this.service = service;
    this.timeoutSeconds = timeoutSeconds;

    const cfn = this.node.defaultChild as lambda.CfnFunction;
    cfn.addMetadata(STACK_METADATA.entry, repoRelative(source.entry));
    cfn.addMetadata(STACK_METADATA.handler, source.handler ?? 'handler');
    cfn.addMetadata(STACK_METADATA.kind, kind);
    cfn.addMetadata(STACK_METADATA.service, service);
    if (name !== undefined) cfn.addMetadata(STACK_METADATA.name, name);

    acknowledge(
      this,
      'AwsSolutions-L1',
      'Node.js 22 on purpose: the workspace pins Node 22 (engines, the local runtime runs every handler on it), so deployed and local code run on the same major; they move to 24 together.',
    );
  }

  /** LIAISON_TABLE_NAME and read, or read-write, on the table and its indexes. */
  bindTable(table: dynamodb.ITable, mode: 'read' | 'readWrite'): this {
    if (!this.once(`table:${mode}`)) return this;
    this.addEnvironment(ENV.tableName, table.tableName);
    table.grant(this, ...TABLE_ACTIONS[mode]);
    if (table instanceof dynamodb.Table) {
      acknowledge(
        this.role!,
        `AwsSolutions-IAM5[${arnFinding(table.node.defaultChild as dynamodb.CfnTable, '/index/*')}]`,
        'Table grants cover <table>/index/* so that queries reach the GSIs of the shared table (gsi1-3); the wildcard names this table\'s indexes only, with item and query actions only.',
      );
    }
    return this;
  }

  /**
   * Item writes on the consumer's own dedupe claims (`CONSUMED#<scope>#…` partition keys), for a
   * consumer whose service only reads: the claims are the only items it writes.
   */
  bindClaims(table: dynamodb.ITable, claimPrefix: string): this {
    if (!this.once('claims')) return this;
    this.addEnvironment(ENV.tableName, table.tableName);
    this.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'WriteOwnDedupeClaims',
        actions: [...CLAIM_ACTIONS],
        resources: [table.tableArn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${claimPrefix}*`] } },
      }),
    );
    return this;
  }

  /** The queue URL variable of work queue `name` and sqs:SendMessage on that queue. */
  bindWorkQueue(name: string, queue: sqs.IQueue): this {
    if (!this.once(`work:${name}`)) return this;
    this.addEnvironment(workQueueEnv(name), queue.queueUrl);
    // SendMessage only (grantSendMessages adds GetQueueAttributes and GetQueueUrl, which nothing uses).
    this.addToRolePolicy(new iam.PolicyStatement({ sid: `SendWork${name.replace(/[^A-Za-z0-9]/g, '')}`, actions: ['sqs:SendMessage'], resources: [queue.queueArn] }));
    return this;
  }

  /** LIAISON_UPLOADS_BUCKET and, per mode, s3:PutObject (presigned uploads) or s3:GetObject on its objects. */
  bindUploads(bucket: s3.IBucket, modes: readonly ('put' | 'get')[]): this {
    if (modes.length === 0 || !this.once('uploads')) return this;
    this.addEnvironment(ENV.uploadsBucket, bucket.bucketName);
    this.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'UploadObjects',
        actions: [...new Set(modes.flatMap((m) => UPLOAD_ACTIONS[m]))].sort(),
        resources: [bucket.arnForObjects('*')],
      }),
    );
    const cfn = bucket.node.defaultChild;
    if (cfn) {
      acknowledge(
        this.role!,
        `AwsSolutions-IAM5[${arnFinding(cfn as CfnElement, '/*')}]`,
        'Object actions on <uploads bucket>/*: the keys are made per upload (imports/<importId>/...), so they cannot be listed ahead; the bucket holds short-lived uploads only.',
      );
    }
    return this;
  }

  /** LIAISON_USER_POOL_ID, LIAISON_GUEST_ACCOUNTS and the Admin* actions of USER_POOL_ACTIONS on that pool only. */
  bindUserPool(pool: cognito.IUserPool, guestAccounts: boolean): this {
    if (!this.once('userPool')) return this;
    this.addEnvironment(ENV.userPoolId, pool.userPoolId);
    this.addEnvironment(ENV.guestAccounts, guestAccounts ? '1' : '0');
    this.addToRolePolicy(new iam.PolicyStatement({ sid: 'ManageAccountsInUserPool', actions: [...USER_POOL_ACTIONS], resources: [pool.userPoolArn] }));
    return this;
  }

  /** LIAISON_EVENTS_TOPIC_ARN and sns:Publish on that topic. */
  bindEventsTopic(topic: sns.ITopic): this {
    if (!this.once('eventsTopic')) return this;
    this.addEnvironment(ENV.eventsTopicArn, topic.topicArn);
    topic.grantPublish(this);
    return this;
  }

  /**
   * LIAISON_SMS_SENDER_ID, LIAISON_SMS_PER_SECOND (the account's SMS rate, which senders pace to) and
   * sns:Publish to phone numbers. Phone numbers have no ARN, so the grant is "publish to anything that
   * is not an SNS resource": no topic, no platform endpoint.
   */
  bindSms(senderId: string, perSecond: number): this {
    if (!this.once('sms')) return this;
    this.addEnvironment(ENV.smsSenderId, senderId);
    this.addEnvironment(ENV.smsPerSecond, String(perSecond));
    this.addToRolePolicy(
      new iam.PolicyStatement({
        sid: 'PublishSmsToPhoneNumbersOnly',
        actions: ['sns:Publish'],
        notResources: [`arn:${Aws.PARTITION}:sns:*:*:*`],
      }),
    );
    return this;
  }

  /** LIAISON_EMAIL_FROM, LIAISON_EMAIL_PER_SECOND (the account's SES rate) and ses:SendEmail/SendRawEmail from that identity only. */
  bindEmail(identity: ses.IEmailIdentity, from: string, perSecond: number): this {
    if (!this.once('email')) return this;
    this.addEnvironment(ENV.emailFrom, from);
    this.addEnvironment(ENV.emailPerSecond, String(perSecond));
    identity.grantSendEmail(this);
    return this;
  }

  private once(key: string): boolean {
    if (this.bound.has(key)) return false;
    this.bound.add(key);
    return true;
  }
}
