// Pacing: a token bucket per channel and process, so a broadcast to 10,000 never runs into the
// account's SNS / SES send rate. It measures real elapsed time (performance.now), not the clock
// module's: the movable clock is domain time, and jumping it must not release a burst of sends.

export class TokenBucket {
  private tokens: number;
  private last: number;
  private turn: Promise<void> = Promise.resolve();

  /** `perSecond` tokens a second, at most `capacity` saved up (default: one second's worth, at least 1). */
  constructor(
    readonly perSecond: number,
    readonly capacity: number = Math.max(1, perSecond),
  ) {
    if (!(perSecond > 0)) throw new RangeError(`a send rate must be above 0, got ${perSecond}`);
    this.tokens = capacity;
    this.last = performance.now();
  }

  /** Resolves when a token is taken; callers are served in the order they asked. */
  take(): Promise<void> {
    const mine = this.turn.then(() => this.waitForToken());
    this.turn = mine;
    return mine;
  }

  private refill(): void {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  private async waitForToken(): Promise<void> {
    this.refill();
    while (this.tokens < 1) {
      await new Promise((r) => setTimeout(r, Math.ceil(((1 - this.tokens) / this.perSecond) * 1000)));
      this.refill();
    }
    this.tokens -= 1;
  }
}
