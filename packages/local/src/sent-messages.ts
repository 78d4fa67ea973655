// What the emulator "sent": SMS published through SNS and email sent through SES, read from moto's
// state (`/moto-api/data.json`), with the time the runtime first saw each one. moto's state grows
// with every message it ever held, so the background look is spaced out by how long it takes.
// Not an outbox: that word is the transactional outbox (`@liaison/kit/events/outbox`). Only the
// route keeps the old name, `GET /_local/outbox`, because API.md fixes it as API.
import { clock } from '@liaison/kit/clock';

export interface SentMessage {
  channel: 'sms' | 'email';
  to: string;
  subject?: string;
  body: string;
  /** When the runtime first saw it (ISO 8601), on the movable clock that the functions see. */
  at: string;
}

interface MotoState {
  sns?: { SMS?: { message_id: string; phone_number: string; message: string }[] };
  ses?: {
    Message?: { id: string; source: string; subject: string; body: string; destinations: Record<string, string[]> }[];
    RawMessage?: { id: string; source: string; destinations: string[]; raw_data: string }[];
    TemplateMessage?: { id: string; source: string; template: string; template_data: string; destinations: unknown }[];
  };
}

function destinations(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (value && typeof value === 'object') return Object.values(value as Record<string, unknown>).flatMap(destinations);
  return typeof value === 'string' ? [value] : [];
}

/** Subject and body of a raw MIME message, roughly: enough to show what was sent. */
function parseRaw(raw: string): { subject?: string; body: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = split >= 0 ? raw.slice(0, split) : raw;
  const body = split >= 0 ? raw.slice(split).replace(/^\r?\n\r?\n/, '') : '';
  const subject = /^subject:\s*(.*)$/im.exec(head)?.[1]?.trim();
  return subject === undefined ? { body } : { subject, body };
}

type Seen = { key: string; entry: Omit<SentMessage, 'at'> };

export function sentMessagesIn(state: MotoState): Seen[] {
  const out: Seen[] = [];
  for (const sms of state.sns?.SMS ?? []) {
    out.push({ key: `sms:${sms.message_id}`, entry: { channel: 'sms', to: sms.phone_number, body: sms.message } });
  }
  for (const m of state.ses?.Message ?? []) {
    out.push({ key: `email:${m.id}`, entry: { channel: 'email', to: [...new Set(destinations(m.destinations))].join(', '), subject: m.subject, body: m.body } });
  }
  for (const m of state.ses?.RawMessage ?? []) {
    out.push({ key: `email:${m.id}`, entry: { channel: 'email', to: [...new Set(destinations(m.destinations))].join(', '), ...parseRaw(m.raw_data) } });
  }
  for (const m of state.ses?.TemplateMessage ?? []) {
    out.push({ key: `email:${m.id}`, entry: { channel: 'email', to: [...new Set(destinations(m.destinations))].join(', '), subject: `template ${m.template}`, body: m.template_data } });
  }
  return out;
}

export class SentMessages {
  private readonly firstSeen = new Map<string, { order: number; at: string; entry: Omit<SentMessage, 'at'> }>();
  private order = 0;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private inFlight: Promise<void> | null = null;

  constructor(private readonly awsEndpoint: string) {}

  /** Looks now (joining a look in progress) and records what is new. */
  refresh(): Promise<void> {
    this.inFlight ??= this.look().finally(() => (this.inFlight = null));
    return this.inFlight;
  }

  /** Newest first. */
  async list(): Promise<SentMessage[]> {
    await this.refresh();
    return [...this.firstSeen.values()].sort((a, b) => b.order - a.order).map(({ at, entry }) => ({ ...entry, at }));
  }

  /** Looks in the background, at most every second and at most 5% of moto's time. */
  start(): void {
    const loop = async () => {
      if (this.stopped) return;
      const started = Date.now();
      await this.refresh().catch(() => {});
      const took = Date.now() - started;
      if (!this.stopped) {
        this.timer = setTimeout(() => void loop(), Math.min(30_000, Math.max(1000, took * 20)));
        this.timer.unref();
      }
    };
    void loop();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private async look(): Promise<void> {
    const res = await fetch(`${this.awsEndpoint}/moto-api/data.json`, { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`moto answered ${res.status}`);
    const state = (await res.json()) as MotoState;
    const now = clock.iso();
    for (const { key, entry } of sentMessagesIn(state)) {
      if (!this.firstSeen.has(key)) this.firstSeen.set(key, { order: this.order++, at: now, entry });
    }
  }
}
