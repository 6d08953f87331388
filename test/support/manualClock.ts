// A FeedClock the test drives: timers wait until the test fires them, and time moves only then,
// so poll cadence, timeouts and backoff are checked without waiting or timing anything.
import { expect } from 'vitest';
import type { FeedClock } from '../../main/feeds/poller.js';

export class ManualClock implements FeedClock {
  t = 1_000_000;
  pending: Array<{ fn: () => void; ms: number; id: number }> = [];
  private nextId = 1;
  now() {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number) {
    const id = this.nextId++;
    this.pending.push({ fn, ms, id });
    return id;
  }
  clearTimeout(h: unknown) {
    this.pending = this.pending.filter((p) => p.id !== h);
  }
  /** Runs the one pending timer; returns its delay. */
  fire(): number {
    expect(this.pending).toHaveLength(1);
    const p = this.pending.shift()!;
    this.t += p.ms;
    p.fn();
    return p.ms;
  }
}
