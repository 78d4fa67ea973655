// Checks an HTTP answer against the OpenAPI document the API serves: the operation exists, the status is
// listed for it, the body matches the schema of its content type (JSON Schema 2020-12, ajv), and the
// headers the kit sets (ETag, Location, Idempotent-Replayed) are documented where they are sent. The e2e
// helper runs it on every answer, so the document cannot drift from what the server does.
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

type Json = Record<string, any>;

export interface CheckedAnswer {
  method: string;
  /** As requested, query string included. */
  path: string;
  status: number;
  headers: Headers;
  /** Parsed JSON for JSON answers, else the text; null when empty. */
  body: unknown;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  op: Json;
}

/** Headers our functions set that a client relies on: each must be documented where it is sent. */
const DOCUMENTED_HEADERS = ['etag', 'location', 'idempotent-replayed'];

const COMPONENTS_ID = 'urn:liaison:openapi:components';

/** `#/components/schemas/X` → the components schema ajv knows, so that each response schema compiles alone. */
function rewriteRefs(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(rewriteRefs);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/') ? `${COMPONENTS_ID}#/$defs/${v.slice('#/components/schemas/'.length)}` : rewriteRefs(v);
  }
  return out;
}

function headerNamed(headers: Json | undefined, name: string): Json | undefined {
  return Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === name)?.[1] as Json | undefined;
}

function explain(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 8).map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);
}

export class OpenApiCheck {
  private readonly ajv: Ajv2020;
  private readonly operations: Operation[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(readonly document: Json) {
    this.ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: COMPONENTS_ID, $defs: rewriteRefs(document.components?.schemas ?? {}) as Json });
    this.operations = Object.entries((document.paths ?? {}) as Record<string, Json>)
      .flatMap(([template, item]) =>
        Object.entries(item)
          .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'].includes(method))
          .map(([method, op]) => ({
            method: method.toUpperCase(),
            template,
            pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`),
            params: (template.match(/\{/g) ?? []).length,
            op: op as Json,
          })),
      )
      // The most specific route first, as API Gateway picks it: `/people/import` before `/people/{personId}`.
      .sort((a, b) => a.params - b.params || b.template.length - a.template.length);
  }

  /** The operation API Gateway would route `method path` to, if any. */
  operationFor(method: string, path: string): Operation | undefined {
    const bare = path.split('?')[0]!;
    return this.operations.find((o) => o.method === method.toUpperCase() && o.pattern.test(bare));
  }

  /** What the document does not describe about this answer; empty when it describes it all. */
  problems(answer: CheckedAnswer): string[] {
    const method = answer.method.toUpperCase();
    const found = this.operationFor(method, answer.path);
    if (!found) {
      // CORS preflight is no operation; the local runtime's own routes are not part of the stack's API.
      if (method === 'OPTIONS' || answer.path.startsWith('/_local/')) return [];
      // Where no route matches, API Gateway answers its own 404; anything else means a route is undocumented.
      const body = answer.body as Json | null;
      if (answer.status === 404 && body && Object.keys(body).length === 1 && body.message === 'Not Found') return [];
      return [`no operation in the document matches ${method} ${answer.path.split('?')[0]}`];
    }
    const { op } = found;
    const where = `${op.operationId} (${method} ${found.template})`;
    const responses = (op.responses ?? {}) as Record<string, Json>;
    const response = responses[String(answer.status)] ?? responses[`${String(answer.status)[0]}XX`] ?? responses.default;
    if (!response) return [`${where} does not list status ${answer.status} (it lists ${Object.keys(responses).join(', ')})`];

    const out: string[] = [];
    const content = (response.content ?? {}) as Record<string, Json>;
    const type = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const empty = answer.body === null || answer.body === '';
    if (empty) {
      if (Object.keys(content).length > 0) out.push(`${where} ${answer.status}: the answer has no body, the document describes ${Object.keys(content).join(', ')}`);
    } else if (!content[type]) {
      out.push(`${where} ${answer.status}: content type ${type || '(none)'} is not documented (documented: ${Object.keys(content).join(', ') || 'no body'})`);
    } else if (content[type].schema) {
      const validate = this.validator(`${found.method} ${found.template} ${answer.status} ${type}`, content[type].schema as Json);
      if (!validate(answer.body)) out.push(`${where} ${answer.status} ${type}: the body does not match the documented schema:`, ...explain(validate.errors).map((e) => `    ${e}`));
    }

    for (const name of DOCUMENTED_HEADERS) {
      if (answer.headers.has(name) && !headerNamed(response.headers as Json | undefined, name)) out.push(`${where} ${answer.status}: header ${name} is sent but not documented`);
    }
    for (const [name, header] of Object.entries((response.headers ?? {}) as Record<string, Json>)) {
      if (header.required === true && !answer.headers.has(name)) out.push(`${where} ${answer.status}: documented header ${name} is required but missing`);
    }
    return out;
  }

  /** Throws, naming every difference, when the document does not describe the answer. */
  assert(answer: CheckedAnswer): void {
    const problems = this.problems(answer);
    if (problems.length === 0) return;
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    throw new Error(
      `${answer.method.toUpperCase()} ${answer.path} answered ${answer.status}, which GET /openapi.json does not describe:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        `\n  body: ${body === undefined ? '(none)' : body.length > 600 ? `${body.slice(0, 600)}…` : body}`,
    );
  }

  private validator(key: string, schema: Json): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(rewriteRefs(schema) as Json);
      this.validators.set(key, validate);
    }
    return validate;
  }
}
