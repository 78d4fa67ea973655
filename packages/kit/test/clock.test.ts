import { afterEach, describe, expect, it } from '@jest/globals';
import { clock, clockControl, parseDuration } from '../src/clock';

afterEach(() => clockControl.reset());

describe('parseDuration', () => {
  it.each([
    ['PT2H', 7_200_000],
    ['PT15M', 900_000],
    ['P1DT30M', 88_200_000],
    ['P1W', 604_800_000],
    ['PT0.5S', 500],
    ['-PT1H', -3_600_000],
  ])('reads %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', 'P', 'PT', '2H', 'PT2X', 'P1H', 'T2H'])('refuses %p', (text) => expect(parseDuration(text)).toBeNull());
});

describe('clock', () => {
  it('moves forward by an advance and back on reset', () => {
    const before = clock.nowMs();
    clockControl.advance(2 * 3600_000);
    expect(clock.nowMs() - before).toBeGreaterThanOrEqual(2 * 3600_000);
    clockControl.reset();
    expect(Math.abs(clock.nowMs() - Date.now())).toBeLessThan(1000);
  });

  it('jumps to a set time and keeps running from there', () => {
    clockControl.set(new Date('2027-03-02T02:00:00Z'));
    const t = clock.nowMs();
    expect(Math.abs(t - Date.parse('2027-03-02T02:00:00Z'))).toBeLessThan(1000);
    expect(clock.epochSeconds()).toBe(Math.floor(clock.nowMs() / 1000));
  });

  it('freezes for exact instants and advances a frozen clock', () => {
    clockControl.freeze(new Date('2027-03-02T02:00:00Z'));
    expect(clock.iso()).toBe('2027-03-02T02:00:00.000Z');
    clockControl.advance(60_000);
    expect(clock.iso()).toBe('2027-03-02T02:01:00.000Z');
    expect(clockControl.state().frozen).toBe(true);
  });
});
