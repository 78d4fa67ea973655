// The estimate as the ops team reads it: one table, at rest and in the event month, then the totals and
// what the figures rest on.
import type { Estimate } from './estimate';

export interface Heading {
  event: string;
  stage: string;
  guests: number;
  staff: number;
  days: number;
  asOf: string;
  region: string;
  priceWarning: string;
  notes: readonly string[];
}

export const usd = (value: number): string => (value >= 100 ? `$${value.toFixed(0)}` : value >= 1 ? `$${value.toFixed(2)}` : `$${value.toFixed(3)}`);

function qty(value: number): string {
  if (value === 0) return '0';
  if (value >= 1e6) return `${(value / 1e6).toFixed(2)}M`;
  if (value >= 1e4) return `${(value / 1e3).toFixed(1)}k`;
  if (value >= 10) return value.toFixed(0);
  return value.toPrecision(2);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < 3 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()).join('\n');
}

export function formatEstimate(h: Heading, e: Estimate): string {
  const rows = [['service', 'item', 'unit', 'at rest', 'USD/month', 'event month', 'USD'], ...e.lines.map((l) => [l.group, l.item, l.unit, qty(l.rest), usd(l.restUsd), qty(l.event), usd(l.eventUsd)])];
  rows.push(['', 'total', '', '', usd(e.restUsd), '', usd(e.eventUsd)]);
  const smsShare = e.eventUsd > 0 ? Math.round((e.messages.smsUsd / e.eventUsd) * 100) : 0;
  return [
    `Cost estimate: ${h.event} (${h.stage}), ${h.guests} guests and ${h.staff} staff for ${h.days} day${h.days === 1 ? '' : 's'}; prices of ${h.asOf}, ${h.region}`,
    '',
    table(rows),
    '',
    `At rest: ${usd(e.restUsd)} a month. The month of the event: ${usd(e.eventUsd)}, of which SMS ${usd(e.messages.smsUsd)} (${smsShare} %: ${qty(e.messages.sms)} messages, ${qty(e.messages.smsParts)} parts) and ${qty(e.messages.emails)} emails.`,
    ...(e.unpricedCountries.length > 0 ? [`No SMS price of their own (the default guess is used): ${e.unpricedCountries.join(', ')}. Add them to infra/data/prices.json.`] : []),
    ...h.notes,
    `Prices: ${h.priceWarning}`,
  ].join('\n');
}
