// Times as messages say them: in the event's zone, per language, with Indonesia's own zone names; and
// the wall-clock arithmetic quiet hours rely on, across zones with and without daylight saving.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatClock, formatDate, formatTime, instantOf, wallTime, zoneName } from '../../src/domain/format';

const AT = '2027-03-02T09:00:00+07:00';

describe('formatTime', () => {
  it('says a Jakarta time the Indonesian and the English way', () => {
    expect(formatTime(AT, 'Asia/Jakarta', 'id')).toBe('Sel 2 Mar 09.00 WIB');
    expect(formatTime(AT, 'Asia/Jakarta', 'en')).toBe('Tue 2 Mar 09:00 WIB');
  });

  it('reads the same instant in the event zone, not the server zone', () => {
    expect(formatTime(AT, 'Asia/Makassar', 'id')).toBe('Sel 2 Mar 10.00 WITA');
    expect(formatTime(AT, 'Asia/Jayapura', 'en')).toBe('Tue 2 Mar 11:00 WIT');
    expect(formatTime(Date.parse(AT), 'UTC', 'en')).toBe('Tue 2 Mar 02:00 UTC');
  });

  it('crosses midnight into the local day', () => {
    expect(formatTime('2027-03-01T18:30:00Z', 'Asia/Jakarta', 'id')).toBe('Sel 2 Mar 01.30 WIB');
  });

  it('names other zones by their short name or offset, and follows daylight saving', () => {
    expect(formatTime('2027-01-15T14:00:00Z', 'America/New_York', 'en')).toBe('Fri 15 Jan 09:00 EST');
    expect(formatTime('2027-07-15T13:00:00Z', 'America/New_York', 'en')).toBe('Thu 15 Jul 09:00 EDT');
    expect(formatTime('2027-01-15T08:00:00Z', 'Europe/Berlin', 'en')).toBe('Fri 15 Jan 09:00 GMT+1');
    expect(formatTime('2027-07-15T07:00:00Z', 'Europe/Berlin', 'id')).toBe('Kam 15 Jul 09.00 GMT+2');
    expect(zoneName('2027-01-15T00:00:00Z', 'Asia/Kolkata')).toBe('GMT+5:30');
  });

  it('uses Indonesian month names', () => {
    expect(formatTime('2027-08-17T03:00:00Z', 'Asia/Jakarta', 'id')).toBe('Sel 17 Agu 10.00 WIB');
    expect(formatTime('2027-05-21T03:00:00Z', 'Asia/Jakarta', 'id')).toBe('Jum 21 Mei 10.00 WIB');
  });

  it('says the same local time of day as the quiet-hours arithmetic reads, in both languages', () => {
    const zones = ['Asia/Jakarta', 'Asia/Jayapura', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Asia/Kolkata'];
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z') / 60_000, max: Date.parse('2029-01-01T00:00:00Z') / 60_000 }), fc.constantFrom(...zones), (minute, zone) => {
        const at = minute * 60_000;
        const w = wallTime(at, zone);
        const hh = String(Math.floor(w.minutes / 60)).padStart(2, '0');
        const mm = String(w.minutes % 60).padStart(2, '0');
        expect(formatTime(at, zone, 'id')).toMatch(new RegExp(`^\\S+ ${w.day} \\S+ ${hh}\\.${mm} \\S+$`));
        expect(formatTime(at, zone, 'en')).toMatch(new RegExp(`^\\S+ ${w.day} \\S+ ${hh}:${mm} \\S+$`));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses something that is not a time', () => {
    expect(() => formatTime('soon', 'Asia/Jakarta', 'en')).toThrow(RangeError);
  });
});

describe('formatClock and formatDate', () => {
  it('gives the time of day alone', () => {
    expect(formatClock(AT, 'Asia/Jakarta', 'id')).toBe('09.00');
    expect(formatClock(AT, 'Asia/Jakarta', 'en')).toBe('09:00');
  });

  it('says a check-in day without shifting it through a zone', () => {
    expect(formatDate('2027-03-02', 'id')).toBe('Sel 2 Mar');
    expect(formatDate('2027-03-02', 'en')).toBe('Tue 2 Mar');
    expect(formatDate('2028-02-29', 'en')).toBe('Tue 29 Feb');
    expect(() => formatDate('2027-3-2', 'en')).toThrow(RangeError);
  });
});

describe('instantOf', () => {
  it('finds the instant of a local time in a fixed-offset zone', () => {
    expect(instantOf(2027, 3, 2, 9 * 60, 'Asia/Jakarta')).toBe(Date.parse(AT));
    expect(instantOf(2027, 3, 32, 6 * 60, 'Asia/Jakarta')).toBe(Date.parse('2027-04-01T06:00:00+07:00'));
  });

  it('gives the first of a time that happens twice when the clocks go back', () => {
    // New York, 7 Nov 2027: 01:30 EDT (05:30Z) and then 01:30 EST (06:30Z).
    expect(instantOf(2027, 11, 7, 90, 'America/New_York')).toBe(Date.parse('2027-11-07T05:30:00Z'));
  });

  it('gives the moment of the jump for a time the clocks skip', () => {
    // New York, 14 Mar 2027: 02:00 EST jumps to 03:00 EDT at 07:00Z; 02:30 never happens.
    expect(instantOf(2027, 3, 14, 150, 'America/New_York')).toBe(Date.parse('2027-03-14T07:00:00Z'));
    // Berlin, 28 Mar 2027: 02:00 CET jumps to 03:00 CEST at 01:00Z.
    expect(instantOf(2027, 3, 28, 120, 'Europe/Berlin')).toBe(Date.parse('2027-03-28T01:00:00Z'));
  });

  it('round-trips with wallTime for any instant in any zone', () => {
    const zones = ['Asia/Jakarta', 'Asia/Makassar', 'America/New_York', 'Europe/Berlin', 'Australia/Sydney', 'Pacific/Chatham', 'UTC', 'America/Santiago'];
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2026-01-01T00:00:00Z') / 60_000, max: Date.parse('2029-01-01T00:00:00Z') / 60_000 }), fc.constantFrom(...zones), (minute, zone) => {
        const at = minute * 60_000;
        const w = wallTime(at, zone);
        const back = instantOf(w.year, w.month, w.day, w.minutes, zone);
        // The same wall time maps back to this instant, or to the earlier reading of a repeated hour.
        expect(back <= at).toBe(true);
        expect(wallTime(back, zone)).toEqual(w);
      }),
      { numRuns: 400 },
    );
  });
});
