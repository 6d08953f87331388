// Replays a list of readings in time: the state at time T is, per sensor, its latest reading at
// or before T (and not older than `maxAgeMs`, so a sensor that stopped does not show a stale
// value forever). Plays at a chosen speed (simulated seconds per real second). DOM-free.
import type { SdotReading } from '../../../common/sdot/sdotReading.js';
import { Emitter, type Remover } from '../lifetime.js';

export class ReplayPlayer {
  readonly readings: SdotReading[];
  readonly start: number;
  readonly end: number;
  time: number;
  speed = 600;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly changes = new Emitter();

  constructor(
    readings: SdotReading[],
    readonly maxAgeMs = 2 * 3600_000,
  ) {
    this.readings = [...readings].sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
    this.start = this.readings.length ? Date.parse(this.readings[0].time) : 0;
    this.end = this.readings.length ? Date.parse(this.readings[this.readings.length - 1].time) : 0;
    this.time = this.start;
  }

  get playing(): boolean {
    return this.timer !== null;
  }

  /** Latest reading per sensor at the current time. */
  current(): SdotReading[] {
    const bySerial = new Map<string, SdotReading>();
    for (const r of this.readings) {
      const t = Date.parse(r.time);
      if (t > this.time) break;
      if (this.time - t <= this.maxAgeMs) bySerial.set(r.serial, r);
    }
    return [...bySerial.values()];
  }

  historyOf(serial: string): SdotReading[] {
    return this.readings.filter((r) => r.serial === serial && Date.parse(r.time) <= this.time);
  }

  seek(time: number): void {
    this.time = Math.min(this.end, Math.max(this.start, time));
    this.emit();
  }

  play(): void {
    if (this.timer || this.readings.length === 0) return;
    if (this.time >= this.end) this.time = this.start;
    const stepMs = 250;
    this.timer = setInterval(() => {
      this.time = Math.min(this.end, this.time + stepMs * this.speed);
      if (this.time >= this.end) this.pause();
      this.emit();
    }, stepMs);
    this.emit();
  }

  pause(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.emit();
  }

  onChange(fn: () => void): Remover {
    return this.changes.on(fn);
  }

  /** Stops playing and forgets its listeners. */
  destroy(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.changes.clear();
  }

  private emit(): void {
    this.changes.emit();
  }
}
