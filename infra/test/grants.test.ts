// Grants per function, checked against what each function's code does: every function entry of the
// stack is bundled (tree-shaken, SDK left out) and the AWS SDK commands its bundle still constructs
// say what it needs; its role must grant exactly that (the emulators have no IAM, so only this test
// finds a missing grant). A consumer's dedupe claims are writes on its own claim keys.
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { build, type Plugin } from 'esbuild';
import type { ServiceDefinition } from '@liaison/kit/service';
import { STACK_METADATA } from '@liaison/kit/stack-metadata';
import { REPO_ROOT } from '../src/function';
import { SERVICES } from '../src/services';
import { PERSON_AUDIT } from './fixtures/audit-spec';
import { asArray, resources, roleStatements, synth } from './support/synth';

/** A service whose consumer only reads events: its role may write nothing but its claims. */
const audit: ServiceDefinition = {
  name: 'audit',
  consumers: [{ ...PERSON_AUDIT, entry: path.join(__dirname, 'fixtures/claims-consumer.ts') }],
  uses: { table: 'none', publishesEvents: false },
};

const stack = synth('dev', [...SERVICES, audit]);
afterAll(() => stack.cleanup());

type Need = 'table:read' | 'table:write' | 'table:claims' | 'events:publish' | 'work:send' | 'uploads:put' | 'uploads:get' | 'sms' | 'email' | `cognito-idp:${string}`;

/** SDK command → what it needs. */
const COMMANDS: Record<string, Need> = {
  GetCommand: 'table:read',
  QueryCommand: 'table:read',
  BatchGetCommand: 'table:read',
  PutCommand: 'table:write',
  UpdateCommand: 'table:write',
  DeleteCommand: 'table:write',
  TransactWriteCommand: 'table:write',
  BatchWriteCommand: 'table:write',
  PublishCommand: 'events:publish',
  PublishBatchCommand: 'events:publish', // authorised by sns:Publish
  SendMessageCommand: 'work:send',
  SendMessageBatchCommand: 'work:send',
  PutObjectCommand: 'uploads:put',
  GetObjectCommand: 'uploads:get',
  HeadObjectCommand: 'uploads:get',
  SendEmailCommand: 'email',
  SendRawEmailCommand: 'email',
};

/** Cognito user-pool commands (`AdminCreateUserCommand`) need their own action, on the stack's pool only. */
const cognitoNeed = (command: string): Need | undefined => (/^Admin\w+Command$/.test(command) ? `cognito-idp:${command.slice(0, -'Command'.length)}` : undefined);

/**
 * Functions of the kit's hand-signed AWS calls (no SDK command: @liaison/kit/uploads for S3,
 * @liaison/kit/aws/* for SNS, SQS and SES) → the grant they need.
 */
const SIGNED_CALLS: Record<string, Need> = {
  presignUpload: 'uploads:put', // whoever signs must be allowed the PUT the URL makes
  putObject: 'uploads:put',
  headObject: 'uploads:get',
  streamObject: 'uploads:get',
  readObject: 'uploads:get',
  snsPublishBatch: 'events:publish',
  snsPublishSms: 'sms',
  sqsSendMessageBatch: 'work:send',
  sesSendEmail: 'email',
};
/** Where those functions are written (their own definitions are not calls). */
const SIGNED_MODULES = /^packages\/kit\/src\/(uploads|aws\/\w+)\.ts$/;
const SIGNED_CALL = new RegExp(`\\b(${Object.keys(SIGNED_CALLS).join('|')})\\d*\\(`, 'g');

/**
 * The kit's idempotency store: every HTTP bundle carries it, but it writes only for routes that take an
 * `Idempotency-Key`; a service without such routes (the read-only export) needs no write for it.
 */
const IDEMPOTENCY_MODULE = 'packages/kit/src/http/idempotency.ts';

/** Modules whose table writes are a consumer's claims on its own keys. */
const CLAIM_MODULES = ['packages/kit/src/events/consumer.ts'];

/** Bundles our code only (workspace packages in, npm packages out) so that the SDK commands stay named. */
const sdkOutside: Plugin = {
  name: 'npm-packages-outside',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@liaison/') ? undefined : { path: args.path, external: true }));
  },
};

async function needsOf(entry: string, idempotentRoutes = true): Promise<Set<Need>> {
  const out = await build({
    entryPoints: [path.join(REPO_ROOT, entry)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    treeShaking: true,
    logLevel: 'silent',
    absWorkingDir: REPO_ROOT,
    plugins: [sdkOutside],
  });
  const text = out.outputFiles[0]!.text;
  const needs = new Set<Need>();
  // esbuild marks where each module's code starts with a `// <path>` line.
  let module = '';
  for (const line of text.split('\n')) {
    const marker = /^\/\/ ((?:packages|services|infra)\/\S+\.ts)$/.exec(line);
    if (marker) module = marker[1]!;
    for (const m of line.matchAll(/new (\w+?Command)\d*\(/g)) {
      const need = COMMANDS[m[1]!] ?? cognitoNeed(m[1]!);
      if (!need) continue;
      if (need === 'table:write' && module === IDEMPOTENCY_MODULE && !idempotentRoutes) continue;
      if (need === 'table:write' && CLAIM_MODULES.includes(module)) needs.add('table:claims');
      else needs.add(need);
    }
    if (!SIGNED_MODULES.test(module)) {
      for (const m of line.matchAll(SIGNED_CALL)) needs.add(SIGNED_CALLS[m[1]!]!);
    }
  }
  return needs;
}

/** What the role of the function grants, in the same terms (logs and the event source's receive left out). */
function grantsOf(fnId: string): Set<Need> {
  const got = new Set<Need>();
  const { statements, managed } = roleStatements(stack.json, fnId);
  expect(managed).toEqual([]);
  for (const s of statements) {
    const actions = asArray(s.Action as string | string[]);
    if (s.Sid === 'WriteOwnDedupeClaims') got.add('table:claims');
    else if (actions.includes('dynamodb:PutItem')) got.add('table:write');
    if (actions.includes('dynamodb:GetItem')) got.add('table:read');
    if (actions.includes('sns:Publish')) got.add(s.NotResource ? 'sms' : 'events:publish');
    if (actions.includes('sqs:SendMessage')) got.add('work:send');
    if (actions.includes('s3:PutObject')) got.add('uploads:put');
    if (actions.includes('s3:GetObject')) got.add('uploads:get');
    if (actions.includes('ses:SendEmail')) got.add('email');
    const poolActions = actions.filter((a) => a.startsWith('cognito-idp:'));
    if (poolActions.length > 0) {
      // On the stack's user pool only.
      expect(s.Resource).toEqual({ 'Fn::GetAtt': [userPoolId, 'Arn'] });
      for (const a of poolActions) got.add(a as Need);
    }
    const known = /^(logs:|cognito-idp:Admin\w+$|dynamodb:(GetItem|BatchGetItem|Query|ConditionCheckItem|PutItem|UpdateItem|DeleteItem)$|sns:Publish$|sqs:(SendMessage|ReceiveMessage|DeleteMessage|ChangeMessageVisibility|GetQueueAttributes|GetQueueUrl)$|s3:(PutObject|GetObject)$|ses:Send(Raw)?Email$)/;
    for (const a of actions) expect(`${a} ${known.test(a) ? 'is known' : 'is not a grant this test understands'}`).toBe(`${a} is known`);
  }
  // A role that may write any item may write claims too.
  if (got.has('table:write')) got.add('table:claims');
  return got;
}

const userPoolId = resources(stack.json, 'AWS::Cognito::UserPool')[0]![0];
const functions = resources(stack.json, 'AWS::Lambda::Function').filter(([, f]) => typeof f.Metadata?.[STACK_METADATA.entry] === 'string');

describe('every function', () => {
  it('is checked: every deployed service, the platform functions and a claims-only consumer', () => {
    expect(functions.map(([, f]) => `${f.Metadata![STACK_METADATA.service]}/${f.Metadata![STACK_METADATA.kind]}`)).toEqual(
      expect.arrayContaining(['audit/consumer', 'directory/consumer', 'directory/http', 'directory/worker', 'platform/openapi', 'platform/schedule']),
    );
  });

  it('lets only the directory\'s HTTP function and its accounts consumer touch the user pool, with Admin* actions on the pool only', () => {
    const withPool = functions
      .filter(([id]) => roleStatements(stack.json, id).statements.some((st) => asArray(st.Action as string | string[]).some((a) => a.startsWith('cognito-idp:'))))
      .map(([, f]) => `${f.Metadata![STACK_METADATA.service]}/${f.Metadata![STACK_METADATA.kind]}/${f.Metadata![STACK_METADATA.name] ?? ''}`)
      .sort();
    expect(withPool).toEqual(['directory/consumer/accounts', 'directory/http/']);
  });

  it.each(functions.map(([id, f]) => [`${f.Metadata![STACK_METADATA.service]} ${f.Metadata![STACK_METADATA.kind]} (${f.Metadata![STACK_METADATA.entry]})`, id, f.Metadata![STACK_METADATA.entry] as string]))(
    'has the grants its code needs, and no other: %s',
    async (_name, fnId, entry) => {
      const http = SERVICES.find((svc) => svc.http && path.join(REPO_ROOT, entry) === svc.http.entry)?.http;
      const needs = await needsOf(entry, !http || Object.values(http.routes).some((r) => r.idempotent));
      const grants = grantsOf(fnId);
      if (grants.has('table:write') && needs.has('table:claims')) needs.delete('table:claims');
      if (grants.has('table:write') && !needs.has('table:claims')) grants.delete('table:claims');
      expect({ missing: [...needs].filter((n) => !grants.has(n)).sort(), unused: [...grants].filter((g) => !needs.has(g)).sort() }).toEqual({ missing: [], unused: [] });
    },
  );
});
