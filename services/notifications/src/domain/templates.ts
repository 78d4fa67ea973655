// Message templates: `{{name}}` placeholders, per language. Keys of automatic messages are bound to
// the variables their event carries (a template using another is refused, so no SMS goes out with a
// hole in it) and have built-in defaults in Indonesian and English, kept short for SMS (GSM-7 only,
// one or two segments with ordinary values). Any other key is a broadcast template, checked against
// the `vars` of the broadcast that uses it.
import type { FieldError } from '@liaison/kit/errors';
import type { Language } from '@liaison/contracts';

export interface TemplateText {
  /** Email subject; SMS uses the body only. */
  subject?: string;
  body: string;
}
export type TemplateTexts = Partial<Record<Language, TemplateText>>;

/** Values for placeholders: one for every language, or one per language. */
export type Vars = Record<string, string | Partial<Record<Language, string>>>;

interface AutomaticTemplate {
  /** What its event gives a template to use. */
  variables: readonly string[];
  defaults: Record<Language, TemplateText>;
}

const TRIP = ['trip', 'time', 'from', 'to', 'vehicle', 'driver'] as const;
const TRIP_CHANGE = [...TRIP, 'previousTime', 'changes'] as const;
// `lo`: the LO's name and phone in one value ("to be confirmed" without an LO); `passengers`: the count
// and names in one ("No passengers" for none). `passengerCount`, `passengerNames`, `loName` and
// `loPhone` stay for templates written with them.
const DRIVER = ['trip', 'time', 'from', 'to', 'vehicle', 'passengers', 'passengerCount', 'passengerNames', 'lo', 'loName', 'loPhone'] as const;
const STAY = ['hotel', 'room', 'checkIn', 'checkOut', 'nights'] as const;
const MEETING = ['title', 'time', 'endTime', 'location'] as const;
const TICKET = ['ticketId', 'title', 'kind', 'category', 'severity', 'reporterName'] as const;

const t = (variables: readonly string[], id: TemplateText, en: TemplateText): AutomaticTemplate => ({ variables, defaults: { id, en } });

export const AUTOMATIC_TEMPLATES = {
  'trip.scheduled': t(
    TRIP,
    { subject: 'Jadwal {{trip}}: {{time}}', body: 'Jadwal {{trip}} Anda: {{time}} dari {{from}} ke {{to}}. Kendaraan: {{vehicle}}, sopir {{driver}}.' },
    { subject: 'Your {{trip}}: {{time}}', body: 'Your {{trip}}: {{time}} from {{from}} to {{to}}. Vehicle: {{vehicle}}, driver {{driver}}.' },
  ),
  'trip.changed': t(
    TRIP_CHANGE,
    { subject: 'Perubahan {{trip}}: {{time}}', body: 'Perubahan {{trip}}: kini {{time}} dari {{from}} ke {{to}}. Kendaraan: {{vehicle}}, sopir {{driver}}.' },
    { subject: 'Change to your {{trip}}: {{time}}', body: 'Change to your {{trip}}: now {{time}} from {{from}} to {{to}}. Vehicle: {{vehicle}}, driver {{driver}}.' },
  ),
  'trip.cancelled': t(
    TRIP,
    { subject: 'Dibatalkan: {{trip}} {{time}}', body: 'Dibatalkan: {{trip}} {{time}} dari {{from}} ke {{to}}.' },
    { subject: 'Cancelled: your {{trip}} on {{time}}', body: 'Cancelled: your {{trip}} on {{time}} from {{from}} to {{to}}.' },
  ),
  'trip.added': t(
    TRIP,
    { subject: 'Jadwal {{trip}}: {{time}}', body: 'Anda dijadwalkan untuk {{trip}} {{time}} dari {{from}} ke {{to}}. Kendaraan: {{vehicle}}, sopir {{driver}}.' },
    { subject: 'Your {{trip}}: {{time}}', body: 'You are booked on a {{trip}} on {{time}} from {{from}} to {{to}}. Vehicle: {{vehicle}}, driver {{driver}}.' },
  ),
  'trip.removed': t(
    TRIP,
    { subject: 'Tidak lagi terdaftar: {{trip}} {{time}}', body: 'Anda tidak lagi terdaftar untuk {{trip}} {{time}} dari {{from}} ke {{to}}.' },
    { subject: 'No longer booked: {{trip}} on {{time}}', body: 'You are no longer booked on the {{trip}} on {{time}} from {{from}} to {{to}}.' },
  ),
  'trip.reminder': t(
    TRIP,
    { subject: 'Pengingat {{trip}}: {{time}}', body: 'Pengingat: {{trip}} {{time}} dari {{from}} ke {{to}}. Kendaraan: {{vehicle}}, sopir {{driver}}.' },
    { subject: 'Reminder: your {{trip}} at {{time}}', body: 'Reminder: your {{trip}} at {{time}} from {{from}} to {{to}}. Vehicle: {{vehicle}}, driver {{driver}}.' },
  ),
  'trip.driver': t(
    DRIVER,
    {
      subject: 'Tugas {{trip}}: {{time}}',
      body: 'Tugas {{trip}} {{vehicle}}: {{time}}, jemput di {{from}}, antar ke {{to}}. {{passengers}}. LO: {{lo}}.',
    },
    {
      subject: 'Trip for {{vehicle}}: {{time}}',
      body: 'Trip for {{vehicle}}: {{time}}, pick up at {{from}}, drop at {{to}}. {{passengers}}. LO: {{lo}}.',
    },
  ),
  'trip.driver_changed': t(
    DRIVER,
    {
      subject: 'Perubahan tugas {{trip}}: {{time}}',
      body: 'Perubahan tugas {{trip}} {{vehicle}}: kini {{time}}, jemput di {{from}}, antar ke {{to}}. {{passengers}}. LO: {{lo}}.',
    },
    {
      subject: 'Trip changed for {{vehicle}}: {{time}}',
      body: 'Trip changed for {{vehicle}}: now {{time}}, pick up at {{from}}, drop at {{to}}. {{passengers}}. LO: {{lo}}.',
    },
  ),
  'trip.driver_cancelled': t(
    ['trip', 'time', 'from', 'to', 'vehicle'],
    { subject: 'Dibatalkan: tugas {{trip}} {{time}}', body: 'Dibatalkan: tugas {{trip}} {{vehicle}} {{time}} dari {{from}} ke {{to}}.' },
    { subject: 'Cancelled: {{trip}} on {{time}}', body: 'Cancelled: {{trip}} for {{vehicle}} on {{time}} from {{from}} to {{to}}.' },
  ),
  'stay.assigned': t(
    STAY,
    { subject: 'Kamar Anda di {{hotel}}', body: 'Kamar Anda: {{hotel}}, kamar {{room}}, check-in {{checkIn}}, check-out {{checkOut}}.' },
    { subject: 'Your room at {{hotel}}', body: 'Your room: {{hotel}}, room {{room}}, check-in {{checkIn}}, check-out {{checkOut}}.' },
  ),
  'stay.changed': t(
    [...STAY, 'changes'],
    { subject: 'Perubahan kamar: {{hotel}}', body: 'Perubahan kamar: {{hotel}}, kamar {{room}}, check-in {{checkIn}}, check-out {{checkOut}}.' },
    { subject: 'Your room has changed: {{hotel}}', body: 'Your room has changed: {{hotel}}, room {{room}}, check-in {{checkIn}}, check-out {{checkOut}}.' },
  ),
  'meeting.scheduled': t(
    MEETING,
    { subject: 'Undangan rapat: {{title}}', body: 'Undangan rapat "{{title}}": {{time}} di {{location}}.' },
    { subject: 'Meeting: {{title}}', body: 'Meeting "{{title}}": {{time}} at {{location}}.' },
  ),
  'meeting.moved': t(
    [...MEETING, 'previousTime', 'previousLocation', 'changes'],
    { subject: 'Rapat dipindah: {{title}}', body: 'Rapat "{{title}}" dipindah: kini {{time}} di {{location}}.' },
    { subject: 'Meeting moved: {{title}}', body: 'Meeting "{{title}}" moved: now {{time}} at {{location}}.' },
  ),
  'meeting.cancelled': t(
    MEETING,
    { subject: 'Rapat dibatalkan: {{title}}', body: 'Rapat "{{title}}" {{time}} dibatalkan.' },
    { subject: 'Meeting cancelled: {{title}}', body: 'Meeting "{{title}}" on {{time}} is cancelled.' },
  ),
  'assignment.created': t(
    ['lo', 'loName', 'loPhone'],
    { subject: 'LO Anda: {{loName}}', body: 'LO Anda: {{lo}}. Hubungi untuk bantuan apa pun selama acara.' },
    { subject: 'Your liaison officer: {{loName}}', body: 'Your liaison officer is {{lo}}. Contact them for anything you need.' },
  ),
  'ticket.created': t(
    [...TICKET, 'ackDue', 'resolveDue'],
    { subject: 'Tiket baru ({{severity}}): {{title}}', body: 'Tiket baru ({{severity}}) dari {{reporterName}}: {{title}}. Tanggapi sebelum {{ackDue}}.' },
    { subject: 'New ticket ({{severity}}): {{title}}', body: 'New ticket ({{severity}}) from {{reporterName}}: {{title}}. Acknowledge by {{ackDue}}.' },
  ),
  'ticket.assigned': t(
    [...TICKET, 'ackDue', 'resolveDue'],
    { subject: 'Tiket dialihkan ke Anda: {{title}}', body: 'Tiket dialihkan ke Anda ({{severity}}) dari {{reporterName}}: {{title}}. Selesaikan sebelum {{resolveDue}}.' },
    { subject: 'Ticket reassigned to you: {{title}}', body: 'Ticket reassigned to you ({{severity}}) from {{reporterName}}: {{title}}. Resolve by {{resolveDue}}.' },
  ),
  'ticket.escalated': t(
    [...TICKET, 'reason', 'missedDue'],
    { subject: 'Eskalasi tiket: {{title}}', body: 'Eskalasi tiket ({{severity}}) dari {{reporterName}}: {{title}}. {{reason}} (batas {{missedDue}}).' },
    { subject: 'Ticket escalated: {{title}}', body: 'Ticket escalated ({{severity}}) from {{reporterName}}: {{title}}. {{reason}} (due {{missedDue}}).' },
  ),
  'ticket.acknowledged': t(
    ['ticketId', 'title'],
    { subject: 'Laporan diterima: {{title}}', body: 'Laporan Anda "{{title}}" sudah diterima dan sedang ditangani.' },
    { subject: 'Report received: {{title}}', body: 'Your report "{{title}}" has been received and is being handled.' },
  ),
  'ticket.resolved': t(
    ['ticketId', 'title'],
    { subject: 'Laporan selesai: {{title}}', body: 'Laporan Anda "{{title}}" sudah diselesaikan. Terima kasih.' },
    { subject: 'Report resolved: {{title}}', body: 'Your report "{{title}}" has been resolved. Thank you.' },
  ),
  'ticket.emergency': t(
    ['ticketId', 'title', 'category', 'reporter', 'reporterName', 'reporterPhone', 'details'],
    { subject: 'DARURAT: {{title}}', body: 'DARURAT ({{category}}): {{title}}. Untuk {{reporter}}. {{details}}' },
    { subject: 'EMERGENCY: {{title}}', body: 'EMERGENCY ({{category}}): {{title}}. For {{reporter}}. {{details}}' },
  ),
} as const satisfies Record<string, AutomaticTemplate>;

export type AutomaticKey = keyof typeof AUTOMATIC_TEMPLATES;
export const AUTOMATIC_KEYS = Object.keys(AUTOMATIC_TEMPLATES).sort() as AutomaticKey[];

export function isAutomaticKey(key: string): key is AutomaticKey {
  return Object.hasOwn(AUTOMATIC_TEMPLATES, key);
}

// ---- placeholders

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** The variables a text uses, each once, in order of first use. */
export function templateVariables(text: string): string[] {
  return [...new Set(Array.from(text.matchAll(PLACEHOLDER), (m) => m[1] as string))];
}

/** True when `{{` or `}}` appears other than as a well-formed `{{name}}`. */
function hasMalformedPlaceholder(text: string): boolean {
  const rest = text.replace(PLACEHOLDER, '');
  return rest.includes('{{') || rest.includes('}}');
}

/** The value of a variable in a language: its own, else English, else Indonesian. */
export function valueIn(value: Vars[string] | undefined, language: Language): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  return value[language] ?? value.en ?? value.id;
}

/** Fills each `{{name}}`; a name without a value stays as it is (check with `missingVars` first). */
export function render(text: string, vars: Vars, language: Language): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => (Object.hasOwn(vars, name) ? (valueIn(vars[name], language) ?? whole) : whole));
}

/** Variables a text uses that `vars` does not give (a broadcast's template at send time). */
export function missingVars(text: string, vars: Vars): string[] {
  return templateVariables(text).filter((name) => !Object.hasOwn(vars, name) || valueIn(vars[name], 'en') === undefined);
}

/**
 * What is wrong with the texts of a `PUT /templates/{key}`, one entry per field (`en.body`, `id.subject`):
 * a placeholder that is not `{{name}}`, and for an automatic key a variable its event does not carry.
 */
export function checkTemplate(key: string, texts: TemplateTexts): FieldError[] {
  const errors: FieldError[] = [];
  const allowed = isAutomaticKey(key) ? AUTOMATIC_TEMPLATES[key].variables : null;
  for (const language of ['id', 'en'] as const) {
    const text = texts[language];
    if (!text) continue;
    for (const field of ['subject', 'body'] as const) {
      const value = text[field];
      if (value === undefined) continue;
      const path = `${language}.${field}`;
      if (hasMalformedPlaceholder(value)) errors.push({ path, message: 'has a placeholder that is not {{name}} (a letter, then letters, digits or _)' });
      if (!allowed) continue;
      for (const name of templateVariables(value)) {
        if (!allowed.includes(name)) errors.push({ path, message: `uses {{${name}}}, which ${key} does not carry (it carries ${allowed.join(', ')})` });
      }
    }
  }
  return errors;
}

/** A template's text in a language: that language, else English, else Indonesian. */
export function textIn(texts: TemplateTexts, language: Language): TemplateText | undefined {
  return texts[language] ?? texts.en ?? texts.id;
}
