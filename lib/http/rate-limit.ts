/**
 * A token bucket per caller: `perMinute` requests a minute, in bursts of as many. In memory, per
 * process: enough to stop a runaway script; a proxy in front handles anything bigger.
 */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();

  /** `burst`: how many at once before the rate applies (default: a minute's worth). */
  constructor(
    private readonly perMinute: number,
    private readonly burst = perMinute,
  ) {}

  /** Takes one request's token; returns the seconds to wait when there is none. */
  take(caller: string, now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const perMs = this.perMinute / 60_000;
    const bucket = this.buckets.get(caller) ?? { tokens: this.burst, at: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    if (this.buckets.size > 10_000) this.buckets.clear();
    this.buckets.set(caller, bucket);
    if (bucket.tokens < 1) return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / perMs / 1000) };
    bucket.tokens -= 1;
    return { ok: true };
  }
}
