// The price list the estimate reads: infra/data/prices.json, one dated file where every price names its
// source page. Validated here, so a mistyped price fails before it is multiplied.
import fs from 'node:fs';
import path from 'node:path';
import * as z from 'zod';

export const PRICES_FILE = path.resolve(__dirname, '../../data/prices.json');

const Price = z.strictObject({ usd: z.number().nonnegative(), source: z.url().optional(), note: z.string().optional() });
const Sourced = Price.extend({ source: z.url() });

export const PriceListSchema = z.strictObject({
  asOf: z.string().regex(/^\d{4}-\d{2}$/, { message: 'must be YYYY-MM' }),
  currency: z.literal('USD'),
  region: z.string(),
  warning: z.string(),
  prices: z.strictObject({
    lambda: z.strictObject({ requestsPerMillion: Sourced, gbSecondArm: Sourced }),
    apiGateway: z.strictObject({ httpRequestsPerMillion: Sourced }),
    dynamodb: z.strictObject({ writeRequestUnitsPerMillion: Sourced, readRequestUnitsPerMillion: Sourced, storageGbMonth: Sourced, pitrGbMonth: Sourced }),
    sns: z.strictObject({ publishesPerMillion: Sourced }),
    sqs: z.strictObject({ requestsPerMillion: Sourced }),
    cognito: z.strictObject({ essentialsMau: Sourced, plusMau: Sourced }),
    cloudwatch: z.strictObject({ logsIngestedGb: Sourced, logsStoredGbMonth: Sourced, alarmMonth: Sourced, dashboardMonth: Sourced, customMetricMonth: Sourced }),
    ses: z.strictObject({ emailsPerThousand: Sourced }),
    sms: z.strictObject({
      source: z.url(),
      note: z.string(),
      perMessagePart: z.record(z.string().regex(/^([A-Z]{2}|default)$/), Price).refine((p) => 'default' in p, { message: 'must have a default price' }),
    }),
  }),
});

export type PriceList = z.output<typeof PriceListSchema>;

export function loadPrices(file: string = PRICES_FILE): PriceList {
  const parsed = PriceListSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    throw new Error(`Price list ${file} is invalid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  return parsed.data;
}

/** Price of one SMS part to `country`, and whether it is the default guess. */
export function smsPartPrice(prices: PriceList, country: string): { usd: number; known: boolean } {
  const table = prices.prices.sms.perMessagePart;
  const own = table[country];
  return own ? { usd: own.usd, known: true } : { usd: table.default!.usd, known: false };
}
