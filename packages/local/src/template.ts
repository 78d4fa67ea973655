// CloudFormation templates as the local runtime reads them, and the evaluator of their intrinsic
// functions (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, ...) against local names, ARNs and URLs.

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  Metadata?: Record<string, unknown>;
  Condition?: string;
  DependsOn?: string | string[];
}

export interface CfnTemplate {
  Resources: Record<string, CfnResource>;
  Parameters?: Record<string, { Type: string; Default?: unknown }>;
  Conditions?: Record<string, unknown>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Outputs?: Record<string, { Value: unknown }>;
  [key: string]: unknown;
}

/** What a resource is known by locally: its `Ref` value and its `Fn::GetAtt` attributes. */
export interface PhysicalResource {
  ref: string;
  attribute(name: string): string | undefined;
}

export interface PseudoParameters {
  region: string;
  accountId: string;
  stackName: string;
  partition?: string;
  urlSuffix?: string;
}

export class TemplateError extends Error {}

/** Marks a value that `AWS::NoValue` removed; dropped from the object or list that holds it. */
const NO_VALUE = Symbol('AWS::NoValue');

const INTRINSICS = new Set([
  'Ref',
  'Fn::GetAtt',
  'Fn::Join',
  'Fn::Sub',
  'Fn::Select',
  'Fn::Split',
  'Fn::If',
  'Fn::Equals',
  'Fn::And',
  'Fn::Or',
  'Fn::Not',
  'Condition',
  'Fn::FindInMap',
  'Fn::Base64',
  'Fn::GetAZs',
  'Fn::ImportValue',
  'Fn::ToJsonString',
  'Fn::Length',
  'Fn::Cidr',
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Evaluates intrinsic functions. `lookup(logicalId)` gives the local identity of a resource; it is
 * called lazily, so a resource's name may itself be computed from resolved properties.
 */
export class TemplateResolver {
  private readonly conditionCache = new Map<string, boolean>();

  constructor(
    readonly template: CfnTemplate,
    readonly pseudo: PseudoParameters,
    private readonly lookup: (logicalId: string) => PhysicalResource,
  ) {}

  /** Resolves every intrinsic in `value`; `AWS::NoValue` entries disappear. */
  resolve(value: unknown, where = ''): unknown {
    const out = this.walk(value, where);
    return out === NO_VALUE ? undefined : out;
  }

  /** Resolves `value` and insists on a string (names, ARNs, URLs). */
  resolveString(value: unknown, where: string): string {
    const out = this.resolve(value, where);
    if (typeof out === 'number' || typeof out === 'boolean') return String(out);
    if (typeof out !== 'string') throw new TemplateError(`${where}: expected a string, got ${JSON.stringify(out)}`);
    return out;
  }

  /** Whether a named condition holds. */
  condition(name: string): boolean {
    const cached = this.conditionCache.get(name);
    if (cached !== undefined) return cached;
    const expr = this.template.Conditions?.[name];
    if (expr === undefined) throw new TemplateError(`unknown condition ${name}`);
    const value = this.walk(expr, `Conditions.${name}`);
    if (typeof value !== 'boolean') throw new TemplateError(`condition ${name} is not a boolean`);
    this.conditionCache.set(name, value);
    return value;
  }

  /** Whether a resource exists in this deployment (its Condition, if any, holds). */
  exists(logicalId: string): boolean {
    const resource = this.template.Resources[logicalId];
    if (!resource) return false;
    return resource.Condition === undefined || this.condition(resource.Condition);
  }

  ref(name: string, where: string): unknown {
    switch (name) {
      case 'AWS::Region':
        return this.pseudo.region;
      case 'AWS::AccountId':
        return this.pseudo.accountId;
      case 'AWS::Partition':
        return this.pseudo.partition ?? 'aws';
      case 'AWS::URLSuffix':
        return this.pseudo.urlSuffix ?? 'amazonaws.com';
      case 'AWS::StackName':
        return this.pseudo.stackName;
      case 'AWS::StackId':
        return `arn:${this.pseudo.partition ?? 'aws'}:cloudformation:${this.pseudo.region}:${this.pseudo.accountId}:stack/${this.pseudo.stackName}/00000000-0000-4000-8000-000000000000`;
      case 'AWS::NotificationARNs':
        return [];
      case 'AWS::NoValue':
        return NO_VALUE;
    }
    const parameter = this.template.Parameters?.[name];
    if (parameter) {
      if (parameter.Default === undefined) throw new TemplateError(`${where}: parameter ${name} has no default`);
      if (parameter.Type.startsWith('AWS::SSM::Parameter::Value')) {
        return `local-ssm-value:${String(parameter.Default)}`;
      }
      return parameter.Type === 'CommaDelimitedList' || parameter.Type.startsWith('List<')
        ? String(parameter.Default).split(',')
        : parameter.Default;
    }
    if (!this.template.Resources[name]) throw new TemplateError(`${where}: Ref to unknown ${name}`);
    return this.lookup(name).ref;
  }

  getAtt(logicalId: string, attribute: string, where: string): string {
    if (!this.template.Resources[logicalId]) throw new TemplateError(`${where}: Fn::GetAtt of unknown ${logicalId}`);
    const value = this.lookup(logicalId).attribute(attribute);
    if (value === undefined) {
      throw new TemplateError(`${where}: ${logicalId} (${this.template.Resources[logicalId]!.Type}) has no attribute ${attribute} locally`);
    }
    return value;
  }

  private walk(value: unknown, where: string): unknown {
    if (Array.isArray(value)) {
      return value.map((v, i) => this.walk(v, `${where}[${i}]`)).filter((v) => v !== NO_VALUE);
    }
    if (!isPlainObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && INTRINSICS.has(keys[0]!)) return this.intrinsic(keys[0]!, value[keys[0]!], where);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      const v = this.walk(value[key], where ? `${where}.${key}` : key);
      if (v !== NO_VALUE) out[key] = v;
    }
    return out;
  }

  private intrinsic(fn: string, arg: unknown, where: string): unknown {
    const at = `${where} ${fn}`;
    switch (fn) {
      case 'Ref':
        return this.ref(String(arg), at);
      case 'Fn::GetAtt': {
        const [id, ...attr] = Array.isArray(arg) ? (this.walk(arg, at) as unknown[]).map(String) : String(arg).split('.');
        return this.getAtt(id!, attr.join('.'), at);
      }
      case 'Fn::Join': {
        const [sep, list] = this.args(arg, 2, at);
        const items = this.walk(list, at);
        if (!Array.isArray(items)) throw new TemplateError(`${at}: expects a list`);
        return items.map((i) => this.scalar(i, at)).join(String(sep));
      }
      case 'Fn::Sub':
        return this.sub(arg, at);
      case 'Fn::Select': {
        const [index, list] = this.args(arg, 2, at);
        const items = this.walk(list, at);
        const i = Number(this.walk(index, at));
        if (!Array.isArray(items) || !Number.isInteger(i) || i < 0 || i >= items.length) throw new TemplateError(`${at}: index ${i} out of range`);
        return items[i];
      }
      case 'Fn::Split': {
        const [sep, text] = this.args(arg, 2, at);
        return this.scalar(this.walk(text, at), at).split(String(sep));
      }
      case 'Fn::If': {
        const [name, whenTrue, whenFalse] = this.args(arg, 3, at);
        return this.condition(String(name)) ? this.walk(whenTrue, at) : this.walk(whenFalse, at);
      }
      case 'Fn::Equals': {
        const [a, b] = this.args(arg, 2, at);
        return JSON.stringify(this.walk(a, at)) === JSON.stringify(this.walk(b, at));
      }
      case 'Fn::And':
        return (arg as unknown[]).every((c) => this.walk(c, at) === true);
      case 'Fn::Or':
        return (arg as unknown[]).some((c) => this.walk(c, at) === true);
      case 'Fn::Not':
        return this.walk((arg as unknown[])[0], at) !== true;
      case 'Condition':
        return this.condition(String(arg));
      case 'Fn::FindInMap': {
        const [map, top, second] = (this.walk(arg, at) as unknown[]).map(String);
        const found = this.template.Mappings?.[map!]?.[top!]?.[second!];
        if (found === undefined) throw new TemplateError(`${at}: no ${map}.${top}.${second}`);
        return found;
      }
      case 'Fn::Base64':
        return Buffer.from(this.scalar(this.walk(arg, at), at), 'utf8').toString('base64');
      case 'Fn::GetAZs':
        return ['a', 'b', 'c'].map((z) => `${this.pseudo.region}${z}`);
      case 'Fn::ToJsonString':
        return JSON.stringify(this.walk(arg, at));
      case 'Fn::Length': {
        const items = this.walk(arg, at);
        return Array.isArray(items) ? items.length : 0;
      }
      case 'Fn::ImportValue':
        throw new TemplateError(`${at}: cross-stack imports are not available locally`);
      default:
        throw new TemplateError(`${at}: ${fn} is not supported locally`);
    }
  }

  private args(arg: unknown, count: number, at: string): unknown[] {
    if (!Array.isArray(arg) || arg.length !== count) throw new TemplateError(`${at}: expects ${count} arguments`);
    return arg;
  }

  private scalar(value: unknown, at: string): string {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    throw new TemplateError(`${at}: expected a string, got ${JSON.stringify(value)}`);
  }

  private sub(arg: unknown, at: string): string {
    const [text, vars] = Array.isArray(arg) ? (arg as [unknown, unknown]) : [arg, {}];
    if (typeof text !== 'string') throw new TemplateError(`${at}: expects a string`);
    const values = isPlainObject(vars) ? vars : {};
    return text.replace(/\$\{([^}]*)\}/g, (whole, name: string) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`; // ${!Literal} stays literal
      const key = name.trim();
      if (key in values) return this.scalar(this.walk(values[key], at), at);
      if (key.startsWith('AWS::') || !key.includes('.')) return this.scalar(this.ref(key, at), at);
      const dot = key.indexOf('.');
      return this.getAtt(key.slice(0, dot), key.slice(dot + 1), at);
    });
  }
}
