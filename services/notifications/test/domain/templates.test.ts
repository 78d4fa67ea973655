// Templates: `{{name}}` placeholders filled per language, automatic keys bound to their event's
// variables (a PUT using another is refused, naming it), broadcast templates checked at send time,
// and built-in defaults for every automatic message that fit an SMS.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { smsSegments } from '../../src/domain/segments';
import { AUTOMATIC_KEYS, AUTOMATIC_TEMPLATES, checkTemplate, isAutomaticKey, missingVars, render, templateVariables } from '../../src/domain/templates';

describe('render', () => {
  it('fills each placeholder, per language where the value differs', () => {
    const vars = { name: 'Budi', time: { id: 'Sel 2 Mar 09.00 WIB', en: 'Tue 2 Mar 09:00 WIB' } };
    expect(render('Halo {{name}}, {{ time }}.', vars, 'id')).toBe('Halo Budi, Sel 2 Mar 09.00 WIB.');
    expect(render('Hi {{name}}, {{time}}.', vars, 'en')).toBe('Hi Budi, Tue 2 Mar 09:00 WIB.');
  });

  it('falls back to English, then Indonesian, for a value missing in the language', () => {
    expect(render('{{a}} {{b}}', { a: { en: 'A' }, b: { id: 'B' } }, 'id')).toBe('A B');
  });

  it('leaves a placeholder without a value as it is, and a value containing braces is not filled again', () => {
    expect(render('{{a}} {{b}}', { a: '{{b}}' }, 'en')).toBe('{{b}} {{b}}');
  });

  it('changes nothing but placeholders', () => {
    const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_]{0,10}$/);
    const plain = fc.string().filter((s) => !s.includes('{') && !s.includes('}'));
    fc.assert(
      fc.property(fc.array(fc.tuple(plain, name, plain)), fc.dictionary(name, plain), (parts, vars) => {
        const text = parts.map(([a, n, b]) => `${a}{{${n}}}${b}`).join('');
        const out = render(text, vars, 'en');
        const expected = parts.map(([a, n, b]) => `${a}${Object.hasOwn(vars, n) ? vars[n] : `{{${n}}}`}${b}`).join('');
        expect(out).toBe(expected);
        expect(templateVariables(out).every((n) => !Object.hasOwn(vars, n))).toBe(true);
      }),
    );
  });
});

describe('templateVariables and missingVars', () => {
  it('lists each variable once in order of use', () => {
    expect(templateVariables('{{b}} {{a}} {{ b }} {{not-a-name}} {{1x}}')).toEqual(['b', 'a']);
  });

  it("names what a broadcast's vars do not give", () => {
    expect(missingVars('Halo {{name}}, bus {{bus}} jam {{time}}', { name: 'Budi', time: { id: '09.00' } })).toEqual(['bus']);
    expect(missingVars('Tanpa variabel', {})).toEqual([]);
  });
});

describe('checkTemplate', () => {
  it("refuses a variable an automatic key's event does not carry, naming it and the field", () => {
    const errors = checkTemplate('trip.changed', { en: { subject: 'Trip {{time}}', body: 'Gate {{gate}} at {{time}} for {{guestName}}' }, id: { body: 'Jam {{time}}' } });
    expect(errors).toHaveLength(2);
    expect(errors.map((e) => e.path)).toEqual(['en.body', 'en.body']);
    expect(errors[0]?.message).toMatch(/\{\{gate\}\}.*trip\.changed does not carry/);
    expect(errors[1]?.message).toContain('{{guestName}}');
  });

  it('takes any variable in a broadcast template, but not a malformed placeholder', () => {
    expect(checkTemplate('welcome.dinner', { id: { body: 'Makan malam {{venue}} {{time}}' } })).toEqual([]);
    expect(checkTemplate('welcome.dinner', { en: { body: 'Dinner at {{ venue }' } })).toEqual([{ path: 'en.body', message: expect.stringContaining('not {{name}}') }]);
    expect(checkTemplate('trip.changed', { id: { subject: '{{}}', body: '{{time}}' } })).toEqual([{ path: 'id.subject', message: expect.any(String) }]);
  });

  it('accepts every built-in default', () => {
    for (const key of AUTOMATIC_KEYS) expect([key, checkTemplate(key, AUTOMATIC_TEMPLATES[key].defaults)]).toEqual([key, []]);
  });
});

describe('the built-in defaults', () => {
  it('exist for every automatic message in both languages, with an email subject', () => {
    expect(AUTOMATIC_KEYS).toEqual(
      expect.arrayContaining([
        'trip.scheduled', 'trip.changed', 'trip.cancelled', 'trip.added', 'trip.removed', 'trip.reminder', 'trip.driver', 'trip.driver_cancelled',
        'stay.assigned', 'stay.changed', 'meeting.scheduled', 'meeting.moved', 'meeting.cancelled', 'assignment.created',
        'ticket.created', 'ticket.assigned', 'ticket.escalated', 'ticket.acknowledged', 'ticket.resolved', 'ticket.emergency',
      ]),
    );
    for (const key of AUTOMATIC_KEYS) {
      expect(isAutomaticKey(key)).toBe(true);
      for (const language of ['id', 'en'] as const) {
        const text = AUTOMATIC_TEMPLATES[key].defaults[language];
        expect([key, language, Boolean(text.subject && text.body)]).toEqual([key, language, true]);
      }
    }
    expect(isAutomaticKey('welcome.dinner')).toBe(false);
    expect(isAutomaticKey('toString')).toBe(false);
  });

  it('stay in GSM-7 and within two segments with ordinary values', () => {
    const ordinary: Record<string, string> = {
      trip: 'penjemputan', time: 'Sel 2 Mar 09.00 WIB', previousTime: 'Sel 2 Mar 08.00 WIB', endTime: '10.00', from: 'Soekarno-Hatta T3', to: 'Hotel Mulia Senayan',
      vehicle: 'Alphard VIP 1 (B 1234 XY)', driver: 'Pak Budi +6281298765432', passengers: '3 penumpang: Ahmad, Siti, John Smith', passengerCount: '3', passengerNames: 'Ahmad, Siti, John Smith',
      lo: 'Rina Wijaya +6281311112222', loName: 'Rina Wijaya', loPhone: '+6281311112222', hotel: 'Hotel Mulia Senayan', room: '1204', checkIn: 'Sen 1 Mar', checkOut: 'Kam 4 Mar', nights: '3',
      changes: 'waktu, tempat', title: 'Rapat koordinasi transport', location: 'Ruang Nusantara', previousLocation: 'Ruang Garuda', ticketId: 'tkt_8f2a',
      kind: 'permintaan', category: 'transportasi', severity: 'tinggi', reporter: 'Ahmad Yusuf +6281200001111', reporterName: 'Ahmad Yusuf', reporterPhone: '+6281200001111', ackDue: 'Sel 2 Mar 10.00 WIB',
      resolveDue: 'Rab 3 Mar 09.00 WIB', reason: 'Belum ditanggapi tepat waktu', missedDue: 'Sel 2 Mar 10.00 WIB', details: 'Tamu pingsan di lobi, butuh ambulans.',
    };
    for (const key of AUTOMATIC_KEYS) {
      for (const language of ['id', 'en'] as const) {
        const body = render(AUTOMATIC_TEMPLATES[key].defaults[language].body, ordinary, language);
        expect(templateVariables(body)).toEqual([]);
        const sms = smsSegments(body);
        expect([key, language, sms.encoding, sms.segments <= 2]).toEqual([key, language, 'GSM-7', true]);
      }
    }
  });
});
