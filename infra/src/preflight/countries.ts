// What each destination country asks of an SMS sender, as AWS End User Messaging SMS documents it
// ("Supported countries and regions", "Sender ID registration"). Rules change: check the country's page
// before an event (https://docs.aws.amazon.com/sms-voice/latest/userguide/phone-numbers-sms-by-country.html).
export type SenderRule =
  /** An alphanumeric sender ID shows without registration. */
  | 'supported'
  /** A sender ID must be registered (a form in the End User Messaging SMS console, reviewed for weeks) before messages go through with it. */
  | 'registration'
  /** No alphanumeric sender ID: recipients see a number. */
  | 'not-supported'
  /** Only a registered origination number (toll-free, 10DLC, short code) delivers. */
  | 'number-required';

export interface CountryRule {
  name: string;
  rule: SenderRule;
  note: string;
}

export const COUNTRY_RULES: Readonly<Record<string, CountryRule>> = {
  ID: { name: 'Indonesia', rule: 'registration', note: 'Indonesia sender ID registration form (company documents, sample messages); unregistered traffic is blocked or rewritten by the carriers. Allow 4-6 weeks.' },
  SG: { name: 'Singapore', rule: 'registration', note: 'SGNIC SMS Sender ID Registry: unregistered sender IDs arrive as "Likely-SCAM" or are blocked.' },
  IN: { name: 'India', rule: 'registration', note: 'DLT registration of the entity, the sender ID (header) and every message template.' },
  PH: { name: 'Philippines', rule: 'registration', note: 'Philippines sender ID registration form.' },
  TH: { name: 'Thailand', rule: 'registration', note: 'Thailand sender ID registration form.' },
  VN: { name: 'Vietnam', rule: 'registration', note: 'Sender ID (brand name) registration through AWS Support.' },
  AU: { name: 'Australia', rule: 'registration', note: 'Australia sender ID registration (ACMA SMS Sender ID Register): unregistered IDs show as "Unverified".' },
  AE: { name: 'United Arab Emirates', rule: 'registration', note: 'Sender ID registration through AWS Support.' },
  SA: { name: 'Saudi Arabia', rule: 'registration', note: 'Saudi Arabia sender ID registration form.' },
  QA: { name: 'Qatar', rule: 'registration', note: 'Qatar sender ID registration form.' },
  KW: { name: 'Kuwait', rule: 'registration', note: 'Kuwait sender ID registration form.' },
  EG: { name: 'Egypt', rule: 'registration', note: 'Egypt sender ID registration form.' },
  KE: { name: 'Kenya', rule: 'registration', note: 'Kenya sender ID registration form.' },
  LK: { name: 'Sri Lanka', rule: 'registration', note: 'Sri Lanka sender ID registration form.' },
  TR: { name: 'Türkiye', rule: 'registration', note: 'Sender ID registration through AWS Support.' },
  MY: { name: 'Malaysia', rule: 'not-supported', note: 'No alphanumeric sender ID: messages come from a number.' },
  CN: { name: 'China', rule: 'not-supported', note: 'No sender ID; every message template must be registered (China SMS template registration form).' },
  KR: { name: 'South Korea', rule: 'not-supported', note: 'No alphanumeric sender ID.' },
  CA: { name: 'Canada', rule: 'not-supported', note: 'No alphanumeric sender ID; a long or toll-free number is used.' },
  US: { name: 'United States', rule: 'number-required', note: 'No sender ID: only a registered toll-free number or 10DLC campaign delivers (registration takes weeks).' },
  JP: { name: 'Japan', rule: 'supported', note: 'Sender ID supported; some carriers may replace it.' },
  GB: { name: 'United Kingdom', rule: 'supported', note: 'Sender ID supported (the SenderID Protection Registry is optional).' },
  DE: { name: 'Germany', rule: 'supported', note: 'Sender ID supported.' },
  FR: { name: 'France', rule: 'supported', note: 'Sender ID supported (no replies to alphanumeric senders).' },
  NL: { name: 'Netherlands', rule: 'supported', note: 'Sender ID supported.' },
  NZ: { name: 'New Zealand', rule: 'not-supported', note: 'No alphanumeric sender ID.' },
  HK: { name: 'Hong Kong', rule: 'registration', note: 'SMS Sender Registration Scheme: unregistered IDs are prefixed "#".' },
  TW: { name: 'Taiwan', rule: 'not-supported', note: 'No alphanumeric sender ID.' },
  BR: { name: 'Brazil', rule: 'not-supported', note: 'No alphanumeric sender ID.' },
  ZA: { name: 'South Africa', rule: 'not-supported', note: 'No alphanumeric sender ID.' },
};
