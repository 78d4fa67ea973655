// Channel choice per person and message: contact data, consent, priority and the event's quiet hours
// in its own zone (spanning midnight or not, across daylight-saving jumps), and drivers by SMS only.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { isQuiet, planChannels, quietHoursEnd, type PersonContact, type QuietProfile } from '../../src/domain/channels';

const jakarta: QuietProfile = { timeZone: 'Asia/Jakarta', quietHours: { start: '22:00', end: '06:00' } };
const wib = (local: string) => Date.parse(`${local}+07:00`);
const everything: PersonContact = { phone: '+6281234567010', email: 'budi@example.org', consent: { sms: true, email: true } };
const both = ['sms', 'email'] as const;

describe('quiet hours', () => {
  it('span midnight in the event zone', () => {
    expect(isQuiet(wib('2027-03-01T21:59:00'), jakarta)).toBe(false);
    expect(isQuiet(wib('2027-03-01T22:00:00'), jakarta)).toBe(true);
    expect(isQuiet(wib('2027-03-02T03:00:00'), jakarta)).toBe(true);
    expect(isQuiet(wib('2027-03-02T06:00:00'), jakarta)).toBe(false);
  });

  it('end at the next local end time: the next morning before midnight, the same morning after', () => {
    expect(quietHoursEnd(wib('2027-03-01T23:30:00'), jakarta)).toBe(wib('2027-03-02T06:00:00'));
    expect(quietHoursEnd(wib('2027-03-02T02:00:00'), jakarta)).toBe(wib('2027-03-02T06:00:00'));
    expect(quietHoursEnd(wib('2027-03-02T12:00:00'), jakarta)).toBeNull();
  });

  it('within one day work too, and none are kept when unset or empty', () => {
    const siesta: QuietProfile = { timeZone: 'Asia/Jakarta', quietHours: { start: '13:00', end: '15:00' } };
    expect(isQuiet(wib('2027-03-02T14:00:00'), siesta)).toBe(true);
    expect(quietHoursEnd(wib('2027-03-02T14:00:00'), siesta)).toBe(wib('2027-03-02T15:00:00'));
    expect(isQuiet(wib('2027-03-02T23:00:00'), siesta)).toBe(false);
    expect(isQuiet(wib('2027-03-02T03:00:00'), { timeZone: 'Asia/Jakarta', quietHours: null })).toBe(false);
    expect(isQuiet(wib('2027-03-02T03:00:00'), { timeZone: 'Asia/Jakarta', quietHours: { start: '06:00', end: '06:00' } })).toBe(false);
  });

  it('end on the right instant across a daylight-saving jump', () => {
    const ny: QuietProfile = { timeZone: 'America/New_York', quietHours: { start: '22:00', end: '06:00' } };
    // 13→14 Mar 2027 the clocks skip 02:00–03:00: the night is an hour shorter, 06:00 is EDT.
    expect(quietHoursEnd(Date.parse('2027-03-14T04:00:00Z'), ny)).toBe(Date.parse('2027-03-14T10:00:00Z'));
    // Quiet hours ending in the skipped hour end when the clocks jump.
    const odd: QuietProfile = { timeZone: 'America/New_York', quietHours: { start: '01:00', end: '02:30' } };
    expect(quietHoursEnd(Date.parse('2027-03-14T06:30:00Z'), odd)).toBe(Date.parse('2027-03-14T07:00:00Z'));
  });

  it('always end later, at a moment that is no longer quiet, and stay quiet until then', () => {
    const zones = ['Asia/Jakarta', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata'];
    const hhmm = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2027-01-01T00:00:00Z') / 60_000, max: Date.parse('2028-12-31T00:00:00Z') / 60_000 }),
        fc.constantFrom(...zones),
        hhmm,
        hhmm,
        (minute, timeZone, start, end) => {
          const now = minute * 60_000;
          const profile: QuietProfile = { timeZone, quietHours: { start, end } };
          const until = quietHoursEnd(now, profile);
          expect(until === null).toBe(!isQuiet(now, profile));
          if (until === null) return;
          expect(until).toBeGreaterThan(now);
          expect(until - now).toBeLessThanOrEqual(25 * 3600_000);
          expect(isQuiet(until, profile)).toBe(false);
          expect(isQuiet(until - 60_000, profile)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('planChannels', () => {
  const at3am = wib('2027-03-02T03:00:00');
  const noon = wib('2027-03-02T12:00:00');

  it('sends a normal message on every consented channel outside quiet hours', () => {
    expect(planChannels({ contact: everything, requested: both, priority: 'normal', profile: jakarta, nowMs: noon })).toEqual([
      { channel: 'sms', action: 'send' },
      { channel: 'email', action: 'send' },
    ]);
  });

  it('defers a normal message to the end of the quiet hours', () => {
    expect(planChannels({ contact: everything, requested: both, priority: 'normal', profile: jakarta, nowMs: at3am })).toEqual([
      { channel: 'sms', action: 'defer', sendAtMs: wib('2027-03-02T06:00:00'), reason: 'quiet hours' },
      { channel: 'email', action: 'defer', sendAtMs: wib('2027-03-02T06:00:00'), reason: 'quiet hours' },
    ]);
  });

  it('sends a normal message at once when what it is about happens before the quiet hours end', () => {
    const plan = planChannels({ contact: everything, requested: ['sms'], priority: 'normal', happensAtMs: wib('2027-03-02T05:00:00'), profile: jakarta, nowMs: at3am });
    expect(plan).toEqual([{ channel: 'sms', action: 'send' }]);
    const later = planChannels({ contact: everything, requested: ['sms'], priority: 'normal', happensAtMs: wib('2027-03-02T09:00:00'), profile: jakarta, nowMs: at3am });
    expect(later[0]?.action).toBe('defer');
  });

  it('sends an urgent message in quiet hours but only where there is consent', () => {
    const contact = { ...everything, consent: { sms: true, email: false } };
    expect(planChannels({ contact, requested: both, priority: 'urgent', profile: jakarta, nowMs: at3am })).toEqual([
      { channel: 'sms', action: 'send' },
      { channel: 'email', action: 'skip', reason: 'no consent for email' },
    ]);
  });

  it('skips a channel without consent or without contact data, whatever the hour', () => {
    const contact = { phone: null, email: 'budi@example.org', consent: { sms: true, email: false } };
    expect(planChannels({ contact, requested: both, priority: 'normal', profile: jakarta, nowMs: noon })).toEqual([
      { channel: 'sms', action: 'skip', reason: 'no phone' },
      { channel: 'email', action: 'skip', reason: 'no consent for email' },
    ]);
  });

  it('sends an emergency on every channel the person has, consent or not, at any hour', () => {
    const contact = { phone: '+6281234567010', email: null, consent: { sms: false, email: false } };
    expect(planChannels({ contact, requested: both, priority: 'emergency', profile: jakarta, nowMs: at3am })).toEqual([
      { channel: 'sms', action: 'send' },
      { channel: 'email', action: 'skip', reason: 'no email' },
    ]);
  });

  it('texts a driver at any hour without a consent record, and never emails them', () => {
    expect(planChannels({ contact: { driver: { phone: '+6281298765432' } }, requested: both, priority: 'normal', profile: jakarta, nowMs: at3am })).toEqual([
      { channel: 'sms', action: 'send' },
      { channel: 'email', action: 'skip', reason: 'drivers get SMS only' },
    ]);
    expect(planChannels({ contact: { driver: { phone: null } }, requested: ['sms'], priority: 'urgent', profile: jakarta, nowMs: noon })).toEqual([
      { channel: 'sms', action: 'skip', reason: 'no phone' },
    ]);
  });

  it('plans each requested channel once, in the order asked', () => {
    const plan = planChannels({ contact: everything, requested: ['email', 'sms', 'email'], priority: 'urgent', profile: jakarta, nowMs: noon });
    expect(plan.map((p) => p.channel)).toEqual(['email', 'sms']);
  });

  it('never sends where consent is missing unless it is an emergency, and never defers anything but normal messages', () => {
    const arb = fc.record({
      phone: fc.option(fc.constant('+6281234567010')),
      email: fc.option(fc.constant('budi@example.org')),
      sms: fc.boolean(),
      emailConsent: fc.boolean(),
      priority: fc.constantFrom('normal', 'urgent', 'emergency') as fc.Arbitrary<'normal' | 'urgent' | 'emergency'>,
      now: fc.integer({ min: wib('2027-03-01T00:00:00'), max: wib('2027-03-03T00:00:00') }),
    });
    fc.assert(
      fc.property(arb, (a) => {
        const contact = { phone: a.phone, email: a.email, consent: { sms: a.sms, email: a.emailConsent } };
        for (const p of planChannels({ contact, requested: both, priority: a.priority, profile: jakarta, nowMs: a.now })) {
          const address = p.channel === 'sms' ? a.phone : a.email;
          const consent = p.channel === 'sms' ? a.sms : a.emailConsent;
          if (p.action === 'send') expect(address !== null && (consent || a.priority === 'emergency')).toBe(true);
          if (p.action === 'defer') {
            expect(a.priority).toBe('normal');
            expect(isQuiet(a.now, jakarta)).toBe(true);
            expect(p.sendAtMs).toBeGreaterThan(a.now);
          }
          if (address === null) expect(p).toMatchObject({ action: 'skip' });
        }
      }),
    );
  });
});
