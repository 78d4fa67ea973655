// What preflight measures the account against, from the same settings, usage model and prices as `pnpm cost`.
import { estimate } from '../cost/estimate';
import type { Inventory } from '../cost/inventory';
import type { PriceList } from '../cost/prices';
import type { Usage } from '../cost/usage';
import type { EventSettings } from '../settings';
import type { PreflightContext } from './checks';

/** SMS cost depends on people, days, countries and prices only: no template needed. */
const NOTHING_DEPLOYED: Inventory = { functions: [], queues: 0, polledQueues: 0, schedules: [], alarms: 0, dashboards: 0, logGroups: 0, userPoolPlan: null, tables: [], topics: 0 };

export function preflightContext(settings: EventSettings, usage: Usage, prices: PriceList, options: { days: number; registered: readonly string[] }): PreflightContext {
  const { messages } = estimate({
    inventory: NOTHING_DEPLOYED,
    usage,
    prices,
    guests: settings.expectedGuests,
    staff: settings.expectedStaff,
    days: options.days,
    guestCountries: settings.guestCountries,
    smsPerProcessPerSecond: settings.smsPerSecond,
    emailPerProcessPerSecond: settings.emailPerSecond,
    customMetrics: 0,
  });
  return {
    slug: settings.slug,
    emailFrom: settings.emailFrom,
    smsSenderId: settings.smsSenderId,
    smsPerSecond: settings.smsPerSecond,
    emailPerSecond: settings.emailPerSecond,
    expectedGuests: settings.expectedGuests,
    guestCountries: settings.guestCountries,
    smsEstimateUsd: messages.smsUsd,
    emailsPerDay: settings.expectedGuests * (usage.emailsPerGuestPerDay + usage.broadcastsPerDay * usage.broadcastEmailShare),
    registered: options.registered,
  };
}
