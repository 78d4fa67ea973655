// The contracts' plain values: no zod, so code that needs only these (a language list, the profile's
// defaults) imports them from `@liaison/contracts/constants` and builds no schema. The schema modules
// (fields.ts, directory.ts) build their enums from these and export them again.

/** Languages people are served in: Bahasa Indonesia and English. */
export const LANGUAGES = ['id', 'en'] as const;

export const PARTY_TYPES = ['delegation', 'agency', 'ngo', 'volunteer_group', 'vendor', 'media', 'internal'] as const;
export const PROTOCOL_LEVELS = ['vvip', 'vip', 'standard'] as const;
export const PERSON_ROLES = ['guest', 'lo', 'organizer', 'contact'] as const;

/** Ticket severities, most urgent first; each has its own SLA. */
export const SLA_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** What applies when the profile does not say (API.md, Directory: `GET/PUT /event`). */
export const PROFILE_DEFAULTS = {
  sla: {
    critical: { ackMinutes: 5, resolveMinutes: 60 },
    high: { ackMinutes: 15, resolveMinutes: 240 },
    medium: { ackMinutes: 60, resolveMinutes: 1440 },
    low: { ackMinutes: 240, resolveMinutes: 4320 },
  },
  reminderMinutes: 60,
  coalesceMinutes: 2,
  retentionDays: 30,
} as const satisfies {
  sla: Record<(typeof SLA_SEVERITIES)[number], { ackMinutes: number; resolveMinutes: number }>;
  reminderMinutes: number;
  coalesceMinutes: number;
  retentionDays: number;
};
