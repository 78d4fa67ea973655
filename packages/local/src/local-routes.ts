// The routes only the local runtime has (API.md, "Local runtime only"): health, tokens from the
// local issuer, the outbox of SMS and email, the movable clock, and running a schedule on demand.
import { GetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { clockControl, parseDuration } from '@liaison/kit/clock';
import { problemType } from '@liaison/kit/http/problem';
import { ROLES, type Role } from '@liaison/kit/http/route';
import type { HttpAnswer } from './http/response';
import type { LocalIssuer } from './jwt';
import { stableUuid } from './naming';
import type { SentMessages } from './sent-messages';
import { UnknownScheduleError, type Scheduler } from './schedules';

export interface LocalRouteDeps {
  isReady(): boolean;
  /** Set once the stack is provisioned and served. */
  issuer: LocalIssuer | null;
  scheduler: Scheduler | null;
  outbox: SentMessages | null;
  dynamodb: DynamoDBClient | null;
  tableName: string | null;
}

interface FieldError {
  path: string;
  message: string;
}

function json(status: number, body: unknown, contentType = 'application/json'): HttpAnswer {
  return { status, headers: [['content-type', contentType]], body: Buffer.from(JSON.stringify(body)) };
}

function problem(status: number, title: string, detail: string, errors: FieldError[] = []): HttpAnswer {
  return json(status, { type: problemType(status), title, status, detail, ...(errors.length > 0 ? { errors } : {}) }, 'application/problem+json');
}

function invalid(detail: string, errors: FieldError[]): HttpAnswer {
  return problem(422, 'Validation failed', detail, errors);
}

/** The JSON object body of a local route, or the 400/422 answer explaining why there is none. */
function readObject(body: Buffer): { ok: true; fields: Record<string, unknown> } | { ok: false; answer: HttpAnswer } {
  let value: unknown;
  try {
    value = JSON.parse(body.length === 0 ? '{}' : body.toString('utf8'));
  } catch (err) {
    return { ok: false, answer: problem(400, 'Malformed request', `The body is not valid JSON: ${(err as Error).message}`, [{ path: '', message: 'is not valid JSON' }]) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, answer: invalid('The body must be a JSON object', [{ path: '', message: 'must be an object' }]) };
  }
  return { ok: true, fields: value as Record<string, unknown> };
}

/** A person's directory role, as a sign-in role. */
const ROLE_OF_PERSON: Record<string, Role> = { organizer: 'organizer', lo: 'lo', guest: 'guest', contact: 'guest' };

async function token(body: Buffer, deps: LocalRouteDeps): Promise<HttpAnswer> {
  const input = readObject(body);
  if (!input.ok) return input.answer;
  const { fields } = input;
  const errors: FieldError[] = [];
  const unknownKeys = Object.keys(fields).filter((k) => k !== 'personId' && k !== 'role');
  for (const k of unknownKeys) errors.push({ path: k, message: 'is not a field of this request (personId, role)' });
  const { personId, role } = fields;
  if (personId !== undefined && (typeof personId !== 'string' || personId.trim() === '')) errors.push({ path: 'personId', message: 'must be a non-empty string' });
  if (role !== undefined && (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role))) errors.push({ path: 'role', message: `must be one of ${ROLES.join(', ')}` });
  if (personId === undefined && role === undefined) errors.push({ path: 'personId', message: 'send personId, role, or both' });
  if (errors.length > 0) return invalid('The token request is not valid', errors);
  if (!deps.issuer) return problem(503, 'Starting', 'The local runtime is still starting; try again when GET /_local/health says ready');

  let signInRole = role as Role | undefined;
  if (signInRole === undefined) {
    if (!deps.dynamodb || !deps.tableName) return problem(500, 'No table', 'The stack has no table to look the person up in');
    const out = await deps.dynamodb.send(
      new GetItemCommand({ TableName: deps.tableName, Key: { pk: { S: `PERSON#${String(personId)}` }, sk: { S: 'PERSON' } }, ConsistentRead: true }),
    );
    if (!out.Item) return problem(404, 'Not found', `There is no person ${String(personId)}`);
    const stored = out.Item.role?.S;
    signInRole = stored ? ROLE_OF_PERSON[stored] : undefined;
    if (!signInRole) return invalid(`Person ${String(personId)} has role ${stored ?? '(none)'}, which cannot sign in`, [{ path: 'personId', message: 'names a person without a sign-in role' }]);
  }
  const sub = stableUuid(['local-sub', typeof personId === 'string' ? `person:${personId}` : `role:${signInRole}`]);
  const jwt = await deps.issuer.sign({
    sub,
    ...(typeof personId === 'string' ? { personId } : {}),
    'cognito:groups': [signInRole],
    'cognito:username': typeof personId === 'string' ? personId : `local-${signInRole}`,
    token_use: 'id',
  });
  return json(200, { token: jwt });
}

function moveClock(body: Buffer): HttpAnswer {
  const input = readObject(body);
  if (!input.ok) return input.answer;
  const { fields } = input;
  const given = ['advance', 'now', 'reset'].filter((k) => fields[k] !== undefined);
  const extra = Object.keys(fields).filter((k) => !['advance', 'now', 'reset'].includes(k));
  if (extra.length > 0) return invalid('Unknown fields', extra.map((k) => ({ path: k, message: 'is not a field of this request (advance, now, reset)' })));
  if (given.length !== 1) {
    return invalid('Send exactly one of advance, now or reset', [{ path: given[1] ?? 'advance', message: 'send exactly one of advance (ISO 8601 duration), now (ISO time) or reset: true' }]);
  }
  if (fields.advance !== undefined) {
    const ms = typeof fields.advance === 'string' ? parseDuration(fields.advance) : null;
    if (ms === null) return invalid('advance is not an ISO 8601 duration', [{ path: 'advance', message: 'must be an ISO 8601 duration such as PT2H or P1DT30M' }]);
    clockControl.advance(ms);
  } else if (fields.now !== undefined) {
    const at = typeof fields.now === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(fields.now) ? new Date(fields.now) : null;
    if (!at || Number.isNaN(at.getTime())) return invalid('now is not an ISO time', [{ path: 'now', message: 'must be an ISO 8601 time such as 2027-03-02T09:00:00+07:00' }]);
    clockControl.set(at);
  } else {
    if (fields.reset !== true) return invalid('reset must be true', [{ path: 'reset', message: 'must be true' }]);
    clockControl.reset();
  }
  return json(200, clockControl.state());
}

async function runSchedule(name: string, deps: LocalRouteDeps): Promise<HttpAnswer> {
  if (!deps.scheduler) return problem(503, 'Starting', 'The local runtime is still starting');
  try {
    const run = await deps.scheduler.runNow(name);
    if (!run.ok) return json(500, { type: problemType(500), title: 'Schedule failed', status: 500, detail: run.error ?? 'failed', name: run.name, ms: run.ms }, 'application/problem+json');
    return json(200, { name: run.name, ms: run.ms });
  } catch (err) {
    if (err instanceof UnknownScheduleError) {
      return problem(404, 'Not found', `There is no schedule ${name}; the stack has: ${deps.scheduler.names().join(', ') || 'none'}`);
    }
    throw err;
  }
}

/** Answers a `/_local/...` request. */
export async function handleLocalRoute(method: string, path: string, body: Buffer, deps: LocalRouteDeps): Promise<HttpAnswer> {
  const route = `${method} ${path}`;
  if (route === 'GET /_local/health') return deps.isReady() ? json(200, { status: 'ready' }) : json(503, { status: 'starting' });
  if (route === 'POST /_local/tokens') return token(body, deps);
  if (route === 'POST /_local/clock') return moveClock(body);
  if (route === 'GET /_local/clock') return json(200, clockControl.state());
  // The path is API (API.md fixes it); what it lists is the record of sent messages, not an outbox.
  if (route === 'GET /_local/outbox') {
    if (!deps.outbox) return problem(503, 'Starting', 'The local runtime is still starting');
    return json(200, await deps.outbox.list());
  }
  if (route === 'GET /_local/schedules') return json(200, { names: deps.scheduler?.names() ?? [] });
  const schedule = /^\/_local\/schedules\/([^/]+)\/run$/.exec(path);
  if (schedule) {
    if (method !== 'POST') return problem(405, 'Method not allowed', `Use POST ${path}`);
    return runSchedule(decodeURIComponent(schedule[1]!), deps);
  }
  const known = ['/_local/health', '/_local/tokens', '/_local/clock', '/_local/outbox', '/_local/schedules'];
  if (known.includes(path)) return problem(405, 'Method not allowed', `${method} is not served on ${path}`);
  return problem(404, 'Not found', `There is no local route ${path}`);
}
