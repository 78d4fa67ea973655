// What automatic messages, reminders and digests read from the event profile (time zone, languages,
// reminder lead time, coalescing window), at most once a minute per container, on the clock module.
import type { Language } from '@liaison/contracts';
import { PROFILE_DEFAULTS } from '@liaison/contracts/constants';
import { getProfile } from '@liaison/directory-read';
import { clock } from '@liaison/kit/clock';
import { loadConfig } from '@liaison/kit/config';
import type { AutomaticContext } from '../domain/automatic';

export interface MessageSettings extends AutomaticContext {
  reminderMinutes: number;
  coalesceMinutes: number;
}

const CACHE_MS = 60_000;
let cached: { tableName: string; settings: MessageSettings; readAt: number } | null = null;

/** The stack's fallbacks before the first `PUT /event`. */
function stackDefaults(): Pick<MessageSettings, 'timeZone' | 'languages'> {
  const config = loadConfig(['timeZone', 'languages']);
  const languages = config.languages.split(',').map((l) => l.trim()).filter((l): l is Language => l === 'id' || l === 'en');
  return { timeZone: config.timeZone, languages: languages.length > 0 ? languages : ['en'] };
}

export async function messageSettings(tableName: string): Promise<MessageSettings> {
  const now = clock.nowMs();
  if (cached && cached.tableName === tableName && now - cached.readAt < CACHE_MS && now >= cached.readAt) return cached.settings;
  const profile = await getProfile(tableName);
  const settings: MessageSettings = profile
    ? { timeZone: profile.timeZone, languages: profile.languages, reminderMinutes: profile.reminderMinutes, coalesceMinutes: profile.coalesceMinutes }
    : { ...stackDefaults(), reminderMinutes: PROFILE_DEFAULTS.reminderMinutes, coalesceMinutes: PROFILE_DEFAULTS.coalesceMinutes };
  cached = { tableName, settings, readAt: now };
  return settings;
}

/** Forgets the cached profile (tests that change it). */
export function forgetSettings(): void {
  cached = null;
}
