// What a broadcast would do, sending nothing: the audience resolved whole (by index pages), then each
// person's channels planned and the text's SMS segments counted in memory, with the same pure
// functions the sending path uses. 5,000 people are a few dozen index pages and a few milliseconds of
// planning, well inside the 29 s an HTTP request has.
import type { BroadcastDryRun, Language, Person } from '@liaison/contracts';
import { getProfile } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { wholeAudience } from './audience';
import { planChannels, type QuietProfile } from './domain/channels';
import { smsSegments } from './domain/segments';
import type { CreateBroadcastBody } from './schemas';
import { broadcastText } from './broadcast-text';
import type { Template } from './store/templates';

const NO_PROFILE: QuietProfile & { languages: Language[] } = { timeZone: 'UTC', quietHours: null, languages: ['en'] };

/** `template`: the checked template when the broadcast names one; `known`: the audience's people when already read. */
export async function dryRun(tableName: string, b: CreateBroadcastBody, template: Template | null, known: Person[] | null = null): Promise<BroadcastDryRun> {
  const [people, profile] = await Promise.all([known ?? wholeAudience(tableName, b.audience), getProfile(tableName)]);
  const quiet: QuietProfile & { languages: Language[] } = profile ? { timeZone: profile.timeZone, quietHours: profile.quietHours, languages: profile.languages } : NO_PROFILE;
  const nowMs = clock.nowMs();
  const text = broadcastText(template ? { texts: template.texts, vars: b.vars ?? {} } : { message: b.message ?? {} }, quiet.languages);
  const segmentsOf = new Map<Language, number>();
  const out: BroadcastDryRun = { recipients: people.length, deliveries: { sms: 0, email: 0 }, smsSegments: { total: 0, byLanguage: {} }, skipped: [] };
  for (const person of people) {
    const plans = planChannels({ contact: person, requested: b.channels, priority: b.priority, profile: quiet, nowMs });
    for (const plan of plans) {
      if (plan.action === 'skip') {
        out.skipped.push({ personId: person.id, channel: plan.channel, reason: plan.reason });
        continue;
      }
      out.deliveries[plan.channel] += 1;
      if (plan.channel !== 'sms') continue;
      const { language, body } = text(person.language);
      let segments = segmentsOf.get(language);
      if (segments === undefined) segmentsOf.set(language, (segments = smsSegments(body).segments));
      out.smsSegments.total += segments;
      out.smsSegments.byLanguage[language] = (out.smsSegments.byLanguage[language] ?? 0) + segments;
    }
  }
  return out;
}
