import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { atLocal, datesOf, inZone, localDate, offsetMinutes } from '../../src/domain/time';

const ZONES = ['Asia/Jakarta', 'Asia/Jayapura', 'Asia/Kolkata', 'America/New_York', 'Europe/London', 'Pacific/Chatham', 'UTC'];

describe('time in the event’s zone', () => {
  it('renders Jakarta time with +07:00', () => {
    expect(inZone(Date.parse('2027-03-01T19:00:00Z'), 'Asia/Jakarta')).toBe('2027-03-02T02:00:00+07:00');
    expect(offsetMinutes(Date.parse('2027-03-01T19:00:00Z'), 'Asia/Jakarta')).toBe(420);
  });

  it('renders half- and quarter-hour offsets and negative ones', () => {
    expect(inZone(Date.parse('2027-03-01T00:00:00Z'), 'Asia/Kolkata')).toBe('2027-03-01T05:30:00+05:30');
    expect(inZone(Date.parse('2027-03-01T00:00:00Z'), 'America/New_York')).toBe('2027-02-28T19:00:00-05:00');
    expect(inZone(Date.parse('2027-01-01T00:00:00Z'), 'Pacific/Chatham')).toBe('2027-01-01T13:45:00+13:45');
  });

  it('gives the local date, which can differ from the UTC one', () => {
    expect(localDate(Date.parse('2027-03-01T17:00:00Z'), 'Asia/Jakarta')).toBe('2027-03-02');
    expect(localDate(Date.parse('2027-03-01T16:59:59Z'), 'Asia/Jakarta')).toBe('2027-03-01');
  });

  it('lists the local dates a window touches, its end excluded', () => {
    expect(datesOf(Date.parse('2027-03-01T16:00:00Z'), Date.parse('2027-03-01T17:00:00Z'), 'Asia/Jakarta')).toEqual(['2027-03-01']);
    expect(datesOf(Date.parse('2027-03-01T16:00:00Z'), Date.parse('2027-03-01T17:00:01Z'), 'Asia/Jakarta')).toEqual(['2027-03-01', '2027-03-02']);
  });

  it('renders the same instant, in local wall time (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }), fc.constantFrom(...ZONES), (ms, tz) => {
        const s = inZone(ms, tz);
        expect(Date.parse(s)).toBe(Math.floor(ms / 1000) * 1000);
        expect(s.slice(0, 10)).toBe(localDate(ms, tz));
      }),
    );
  });

  it('finds the instant of a local date and time, back and forth (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3650 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45), fc.constantFrom(...ZONES), (d, h, m, tz) => {
        const date = new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10);
        const time = `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
        const ms = atLocal(date, time, tz);
        const back = inZone(ms, tz);
        // Every local time comes back as written, except one a DST jump skips (the offset changed just before).
        const exact = back.slice(0, 16) === `${date}T${time}`;
        expect(exact || offsetMinutes(ms, tz) !== offsetMinutes(ms - 3 * 3600_000, tz)).toBe(true);
      }),
    );
  });
});
