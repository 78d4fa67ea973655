// `pnpm cost -c event=<slug> [--guests 5000] [--days 5] [--stage prod|dev] [--usage model.json] [--set key=value]…
//  [--cdk-out [dir]] [--json]`: what the event's stack costs a month at rest and in the month of the event.
// The template is synthesized (no bundling) unless --cdk-out reads the one `cdk synth` left there.
import fs from 'node:fs';
import path from 'node:path';
import { METRICS } from '@liaison/kit/metrics';
import { synthesizeTemplate } from '../src/app';
import { parseArgs, flag, numberFlag } from '../src/cost/args';
import { estimate } from '../src/cost/estimate';
import { formatEstimate } from '../src/cost/format';
import { inventoryOf, type TemplateJson } from '../src/cost/inventory';
import { loadPrices } from '../src/cost/prices';
import { usageFrom } from '../src/cost/usage';
import { stackName } from '../src/event-stack';
import { loadEventSettings, parseStage } from '../src/settings';
import { sizeEvent } from '../src/sizing';

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const event = args.context.event ?? '';
  const settings = loadEventSettings(event);
  const stage = parseStage(flag(args, 'stage') ?? args.context.stage ?? 'prod');
  const guests = numberFlag(args, 'guests', settings.expectedGuests);
  const staff = numberFlag(args, 'staff', settings.expectedStaff);
  const days = numberFlag(args, 'days', 5);
  const usageFile = flag(args, 'usage');
  const usage = usageFrom(usageFile ? JSON.parse(fs.readFileSync(usageFile, 'utf8')) : undefined, args.flags.get('set') ?? []);

  const cdkOut = flag(args, 'cdk-out');
  let template: TemplateJson;
  if (cdkOut !== undefined) {
    const file = path.join(cdkOut === 'true' ? 'cdk.out' : cdkOut, `${stackName(settings.slug, stage)}.template.json`);
    template = JSON.parse(fs.readFileSync(file, 'utf8')) as TemplateJson;
  } else {
    template = synthesizeTemplate({ event, stage }) as TemplateJson;
  }
  const inventory = inventoryOf(template);
  const senders = {
    worker: inventory.functions.filter((f) => f.sender && f.kind === 'worker').length,
    consumer: inventory.functions.filter((f) => f.sender && f.kind === 'consumer').length,
    schedule: inventory.functions.filter((f) => f.sender && f.kind === 'schedule').length,
  };
  const sizing = sizeEvent({ ...settings, expectedGuests: guests, expectedStaff: staff }, senders);
  const result = estimate({
    inventory,
    usage,
    prices: loadPrices(),
    guests,
    staff,
    days,
    guestCountries: settings.guestCountries,
    smsPerProcessPerSecond: sizing.senders.smsPerProcessPerSecond,
    emailPerProcessPerSecond: sizing.senders.emailPerProcessPerSecond,
    customMetrics: Object.keys(METRICS).length,
  });
  if (flag(args, 'json') === 'true') {
    process.stdout.write(JSON.stringify({ event, stage, guests, staff, days, usage, ...result }, null, 2) + '\n');
    return;
  }
  const prices = loadPrices();
  const notes = [
    `Deployed (${cdkOut !== undefined ? 'read from cdk.out' : 'synthesized'}): ${inventory.functions.length} functions, ${inventory.queues} queues (${inventory.polledQueues} polled), ${inventory.schedules.length} schedules, ${inventory.alarms} alarms, ${inventory.dashboards} dashboards, ${inventory.logGroups} log groups, user pool ${inventory.userPoolPlan ?? 'none'}.`,
    `Sized: API throttle ${sizing.api.rateLimit}/s (burst ${sizing.api.burstLimit}); sending processes: ${senders.worker} worker(s) × ${sizing.senders.workerConcurrency}, ${senders.consumer} consumer(s) × 2, ${senders.schedule} schedule(s) × 1, each at ${sizing.senders.smsPerProcessPerSecond} SMS/s and ${sizing.senders.emailPerProcessPerSecond} emails/s; a broadcast to every guest takes ${sizing.fullBroadcastSeconds.sms} s by SMS, ${sizing.fullBroadcastSeconds.email} s by email.`,
    ...sizing.warnings.map((w) => `Warning: ${w}.`),
    'Usage model: infra/src/cost/usage.ts (override with --usage file.json or --set key=value). Not counted: data transfer out, S3 uploads, KMS requests of the AWS-managed SNS key, free tiers.',
  ];
  process.stdout.write(formatEstimate({ event, stage, guests, staff, days, asOf: prices.asOf, region: prices.region, priceWarning: prices.warning, notes }, result) + '\n');
}

try {
  main();
} catch (err) {
  process.stderr.write(`${(err as Error).message}\n`);
  process.exitCode = 1;
}
