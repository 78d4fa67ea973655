// Command-line arguments of `pnpm cost` and `pnpm preflight`, CDK style: `-c event=<slug>` (or `--context`),
// `--name value` or `--name=value`; a repeated flag keeps every value.
export interface Args {
  context: Record<string, string>;
  flags: Map<string, string[]>;
}

export function parseArgs(argv: readonly string[]): Args {
  const context: Record<string, string> = {};
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') continue;
    if (arg === '-c' || arg === '--context') {
      const pair = argv[++i] ?? '';
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new Error(`${arg} needs key=value, got "${pair}"`);
      context[pair.slice(0, eq)] = pair.slice(eq + 1);
      continue;
    }
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument "${arg}"`);
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const next = argv[i + 1];
    const value = eq > 0 ? arg.slice(eq + 1) : next !== undefined && !next.startsWith('-') ? (i++, next) : 'true';
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { context, flags };
}

export function flag(args: Args, name: string): string | undefined {
  return args.flags.get(name)?.at(-1);
}

/** A positive number flag, or the default; anything else names the flag. */
export function numberFlag(args: Args, name: string, fallback: number): number {
  const raw = flag(args, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return value;
}
