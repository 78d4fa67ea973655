// The coalescing window: the first message goes at once, what follows within the window after it is
// held (the latest replacing the held one) until the window closes; emergencies are never held.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { coalesce } from '../../src/domain/coalesce';

const WINDOW = 120_000;

describe('coalesce', () => {
  it('sends the first message about a subject at once', () => {
    expect(coalesce({ state: null, nowMs: 1000, windowMs: WINDOW, priority: 'normal' })).toEqual({ action: 'send' });
    expect(coalesce({ state: { lastSentAtMs: null, held: null }, nowMs: 1000, windowMs: WINDOW, priority: 'normal' })).toEqual({ action: 'send' });
  });

  it('holds a change within the window after a message until the window closes', () => {
    expect(coalesce({ state: { lastSentAtMs: 1000, held: null }, nowMs: 30_000, windowMs: WINDOW, priority: 'normal' })).toEqual({ action: 'hold', dueAtMs: 121_000 });
  });

  it('replaces a held message and keeps its due time: the window does not slide', () => {
    expect(coalesce({ state: { lastSentAtMs: 1000, held: { dueAtMs: 121_000 } }, nowMs: 100_000, windowMs: WINDOW, priority: 'urgent' })).toEqual({ action: 'hold', dueAtMs: 121_000 });
  });

  it('sends once the window after the last message has closed', () => {
    expect(coalesce({ state: { lastSentAtMs: 1000, held: null }, nowMs: 121_000, windowMs: WINDOW, priority: 'normal' })).toEqual({ action: 'send' });
  });

  it('never holds an emergency, and holds nothing without a window', () => {
    expect(coalesce({ state: { lastSentAtMs: 1000, held: { dueAtMs: 121_000 } }, nowMs: 2000, windowMs: WINDOW, priority: 'emergency' })).toEqual({ action: 'send' });
    expect(coalesce({ state: { lastSentAtMs: 1000, held: null }, nowMs: 2000, windowMs: 0, priority: 'normal' })).toEqual({ action: 'send' });
  });

  it('lets a burst of changes out as at most one message per window', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 * WINDOW }), { minLength: 1, maxLength: 60 }), (times) => {
        // Simulate the subject: held messages go out when due (before any later change is decided).
        let state: { lastSentAtMs: number | null; held: { dueAtMs: number } | null } = { lastSentAtMs: null, held: null };
        const sent: number[] = [];
        const flush = (until: number) => {
          if (state.held && state.held.dueAtMs <= until) {
            sent.push(state.held.dueAtMs);
            state = { lastSentAtMs: state.held.dueAtMs, held: null };
          }
        };
        for (const now of [...times].sort((a, b) => a - b)) {
          flush(now);
          const d = coalesce({ state, nowMs: now, windowMs: WINDOW, priority: 'normal' });
          if (d.action === 'send') {
            sent.push(now);
            state = { lastSentAtMs: now, held: null };
          } else {
            expect(d.dueAtMs).toBeGreaterThan(now);
            state = { ...state, held: { dueAtMs: d.dueAtMs } };
          }
        }
        flush(Number.MAX_SAFE_INTEGER);
        for (let i = 1; i < sent.length; i++) expect((sent[i] as number) - (sent[i - 1] as number)).toBeGreaterThanOrEqual(WINDOW);
        // Nothing is lost: the last change always goes out, no earlier than it happened.
        expect(sent.at(-1)).toBeGreaterThanOrEqual(Math.max(...times));
      }),
    );
  });
});
