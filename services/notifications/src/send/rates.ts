// How fast this process may send: its share of the account's SMS and email rates. Infra's sizing may
// set the share itself (LIAISON_*_PER_PROCESS_PER_SECOND); otherwise it is the account's rate
// (LIAISON_*_PER_SECOND, from the event settings) divided by the sends worker's concurrency.
import { ENV } from '@liaison/kit/config';
import type { Channel } from '../types';
import { SENDS_CONCURRENCY } from '../workers/sends-queue';

/** The settings' defaults (infra/src/settings.ts), for a process started without the variables. */
export const DEFAULT_ACCOUNT_RATES: Record<Channel, number> = { sms: 20, email: 14 };

const ACCOUNT_VAR: Record<Channel, string> = { sms: ENV.smsPerSecond, email: ENV.emailPerSecond };
const SHARE_VAR: Record<Channel, string> = { sms: ENV.smsPerProcessPerSecond, email: ENV.emailPerProcessPerSecond };

function positive(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new RangeError(`a send rate must be a number above 0, got "${value}"`);
  return n;
}

/** Messages a second this process may send on `channel`. */
export function processRate(channel: Channel, env: NodeJS.ProcessEnv = process.env): number {
  const share = positive(env[SHARE_VAR[channel]]);
  if (share !== null) return share;
  return (positive(env[ACCOUNT_VAR[channel]]) ?? DEFAULT_ACCOUNT_RATES[channel]) / SENDS_CONCURRENCY;
}
