// From requests to delivery records: who the recipient is (a person read in one batch, or a driver),
// which channels and when (N1's planChannels), and the text in their language (N1's templates and
// render, SMS segments). Pure but for the reads it is handed; nothing is written or sent here.
import type { EventProfile, Language, Person } from '@liaison/contracts';
import { planChannels, type Contact, type ChannelPlan } from '../domain/channels';
import { smsSegments } from '../domain/segments';
import { missingVars, render, type TemplateTexts } from '../domain/templates';
import type { DeliveryRecord } from '../store/deliveries';
import { deliveryId, recipientKey } from '../store/keys';
import type { Channel, MessageRequest } from '../types';

/** What composing needs to know of the event: its profile (or the stack's settings before the first PUT /event). */
export type Profile = Pick<EventProfile, 'name' | 'timeZone' | 'languages' | 'quietHours'>;

export interface ComposeContext {
  profile: Profile;
  /** People by id (unknown or deleted ones are missing). */
  people: ReadonlyMap<string, Person>;
  /** Texts of each template key the requests name (null: no such template). */
  templates: ReadonlyMap<string, TemplateTexts | null>;
  nowMs: number;
  /** How long a `pending` claim is its sender's. */
  leaseMs: number;
}

export const UNKNOWN_PERSON = 'unknown person';

/** The language to write in: the recipient's when the text has it, else the event's first, else English, else any. */
function languageFor(wanted: Language, has: (l: Language) => boolean, profile: Profile): Language | null {
  const order: Language[] = [wanted, ...(profile.languages.slice(0, 1) as Language[]), 'en', 'id'];
  return order.find(has) ?? null;
}

type Text = { language: Language; subject: string; body: string } | { skip: string };

function textOf(req: MessageRequest, wanted: Language, ctx: ComposeContext): Text {
  if (req.templateKey === null) {
    const message = req.message ?? {};
    const language = languageFor(wanted, (l) => typeof message[l] === 'string' && message[l] !== '', ctx.profile);
    if (!language) return { skip: 'no text' };
    return { language, subject: ctx.profile.name, body: message[language] as string };
  }
  const texts = ctx.templates.get(req.templateKey);
  if (!texts) return { skip: `unknown template ${req.templateKey}` };
  const language = languageFor(wanted, (l) => texts[l] !== undefined, ctx.profile);
  if (!language) return { skip: `unknown template ${req.templateKey}` };
  const t = texts[language]!;
  // A template whose variable has no value would go out with a hole in it: never.
  const missing = missingVars(`${t.subject ?? ''} ${t.body}`, req.vars);
  if (missing.length > 0) return { skip: `template variable missing: ${missing.join(', ')}` };
  return { language, subject: render(t.subject ?? ctx.profile.name, req.vars, language), body: render(t.body, req.vars, language) };
}

function contactOf(req: MessageRequest, person: Person | undefined): Contact | null {
  if ('driver' in req.recipient) return { driver: { phone: req.recipient.driver.phone } };
  return person ? { phone: person.phone, email: person.email, consent: person.consent } : null;
}

function addressOf(channel: Channel, contact: Contact | null): string | null {
  if (!contact) return null;
  if ('driver' in contact) return channel === 'sms' ? contact.driver.phone : null;
  return channel === 'sms' ? contact.phone : contact.email;
}

/** One record per channel of the request, `pending` (to send now), `deferred` (with sendAt) or `skipped` (with reason). */
export function compose(req: MessageRequest, ctx: ComposeContext): DeliveryRecord[] {
  const rkey = recipientKey(req.recipient);
  const personId = 'personId' in req.recipient ? req.recipient.personId : null;
  const person = personId ? ctx.people.get(personId) : undefined;
  const contact = contactOf(req, person);
  const wanted: Language = 'driver' in req.recipient ? (req.recipient.driver.language ?? (ctx.profile.languages[0] as Language)) : (person?.language ?? (ctx.profile.languages[0] as Language));
  const createdAt = new Date(ctx.nowMs).toISOString();
  const plans: ChannelPlan[] = contact
    ? planChannels({ contact, requested: req.channels, priority: req.priority, happensAtMs: req.happensAtMs, profile: ctx.profile, nowMs: ctx.nowMs })
    : [...new Set(req.channels)].map((channel) => ({ channel, action: 'skip', reason: UNKNOWN_PERSON }));
  const text = textOf(req, wanted, ctx);
  return plans.map((plan) => {
    const base: DeliveryRecord = {
      id: deliveryId(req.cause, rkey, plan.channel),
      cause: req.cause,
      personId,
      recipientKey: rkey,
      channel: plan.channel,
      to: addressOf(plan.channel, contact),
      templateKey: req.templateKey,
      language: null,
      subject: null,
      body: null,
      segments: null,
      encoding: null,
      status: 'skipped',
      reason: null,
      sourceEventId: req.sourceEventId,
      broadcastId: req.broadcastId ?? null,
      priority: req.priority,
      attempts: 0,
      createdAt,
      sentAt: null,
      sendAt: null,
      leaseUntil: null,
      providerId: null,
      version: 1,
    };
    if (plan.action === 'skip') return { ...base, reason: plan.reason };
    if ('skip' in text) return { ...base, reason: text.skip };
    const sms = plan.channel === 'sms' ? smsSegments(text.body) : null;
    const written: DeliveryRecord = {
      ...base,
      language: text.language,
      subject: plan.channel === 'email' ? text.subject : null,
      body: text.body,
      segments: sms?.segments ?? null,
      encoding: sms?.encoding ?? null,
    };
    if (plan.action === 'defer') return { ...written, status: 'deferred', reason: plan.reason, sendAt: new Date(plan.sendAtMs).toISOString() };
    return { ...written, status: 'pending', leaseUntil: new Date(ctx.nowMs + ctx.leaseMs).toISOString() };
  });
}
