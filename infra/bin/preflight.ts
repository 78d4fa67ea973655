// `pnpm preflight -c event=<slug> [--stage prod] [--region ap-southeast-3] [--days 5] [--registered ID,SG]
//  [--usage model.json] [--set key=value]…`: with the ops engineer's AWS credentials, reads (never writes) what
// the account still lacks before the first SMS, and prints PASS / WARN / FAIL. Exit code 1 on any FAIL.
import fs from 'node:fs';
import { flag, numberFlag, parseArgs } from '../src/cost/args';
import { loadPrices } from '../src/cost/prices';
import { usageFrom } from '../src/cost/usage';
import { stackName } from '../src/event-stack';
import { awsPreflight } from '../src/preflight/aws';
import { formatChecks, runPreflight } from '../src/preflight/checks';
import { preflightContext } from '../src/preflight/context';
import { loadEventSettings, parseStage } from '../src/settings';

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const settings = loadEventSettings(args.context.event ?? '');
  const stage = parseStage(flag(args, 'stage') ?? args.context.stage ?? 'prod');
  const region = flag(args, 'region') ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'ap-southeast-3';
  const usageFile = flag(args, 'usage');
  const usage = usageFrom(usageFile ? JSON.parse(fs.readFileSync(usageFile, 'utf8')) : undefined, args.flags.get('set') ?? []);
  const registered = (args.flags.get('registered') ?? []).flatMap((v) => v.split(',')).map((c) => c.trim().toUpperCase()).filter(Boolean);
  const ctx = preflightContext(settings, usage, loadPrices(), { days: numberFlag(args, 'days', 5), registered });
  const checks = await runPreflight(awsPreflight(region), ctx);
  process.stdout.write(formatChecks(`Preflight: ${stackName(settings.slug, stage)} in ${region} (read-only)`, checks) + '\n');
  if (checks.some((c) => c.verdict === 'FAIL')) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 2;
});
