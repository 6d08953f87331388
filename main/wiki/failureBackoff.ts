// Growing delays after failed attempts (sign-in), per key: the first `free` failures cost nothing,
// then each failure closes the key for twice as long as the one before, up to `maxSeconds`. A
// success clears the key. Keyed by client (and by client and name), never by name alone, so that
// nobody can lock another person's account by failing on purpose. In memory, per server process.
export interface FailureBackoffOptions {
  /** Failures allowed before delays start. */
  free: number;
  /** The first delay; each further failure doubles it. */
  baseSeconds: number;
  maxSeconds: number;
}

interface Failures {
  count: number;
  /** ms: no attempt before this. */
  closedUntil: number;
  last: number;
}

/** Keys idle this long are forgotten (their failures no longer count). */
const FORGET_AFTER_MS = 24 * 3600 * 1000;
const MAX_KEYS = 100_000;

export class FailureBackoff {
  private readonly keys = new Map<string, Failures>();

  constructor(
    private readonly options: FailureBackoffOptions,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again; 0 when it may now. */
  wait(key: string): number {
    const entry = this.keys.get(key);
    if (!entry) return 0;
    const t = this.now();
    if (t - entry.last > FORGET_AFTER_MS) {
      this.keys.delete(key);
      return 0;
    }
    return Math.max(0, Math.ceil((entry.closedUntil - t) / 1000));
  }

  failed(key: string): void {
    const t = this.now();
    const entry = this.keys.get(key) ?? { count: 0, closedUntil: 0, last: t };
    entry.count++;
    entry.last = t;
    const over = entry.count - this.options.free;
    if (over >= 0) entry.closedUntil = t + Math.min(this.options.maxSeconds, this.options.baseSeconds * 2 ** over) * 1000;
    this.keys.set(key, entry);
    if (this.keys.size > MAX_KEYS) this.prune(t);
  }

  succeeded(key: string): void {
    this.keys.delete(key);
  }

  private prune(t: number): void {
    for (const [key, entry] of this.keys) if (t - entry.last > FORGET_AFTER_MS || entry.closedUntil <= t) this.keys.delete(key);
  }
}
