// Latest reading and a bounded history per sensor, with the checks that need memory: duplicated
// records, readings for unknown serials, and sensors gone silent. Pure (no I/O, no timers), so the
// host feed, replay and tests share it.
import type { SensorSite } from '../../../common/sdot/sensorSites.js';
import type { RejectedRecord, SdotReading } from '../../../common/sdot/sdotReading.js';

export interface IngestResult {
  accepted: SdotReading[];
  rejected: RejectedRecord[];
}

export interface StoreOptions {
  /** Readings kept per sensor for the time-series chart (default 720: one day of 2-minute data). */
  historyLength?: number;
  /** Expected interval between a sensor's readings, ms (default 2 min). */
  intervalMs?: number;
  /** A sensor with no reading for this many intervals behind the newest reading is silent (default 5). */
  silentAfterIntervals?: number;
}

export class ReadingStore {
  private readonly latest = new Map<string, SdotReading>();
  private readonly history = new Map<string, SdotReading[]>();
  private readonly seen = new Set<string>();
  private newestMs = -Infinity;
  readonly historyLength: number;
  readonly intervalMs: number;
  readonly silentAfterIntervals: number;

  constructor(
    private readonly sites: ReadonlyMap<string, SensorSite> | null,
    options: StoreOptions = {},
  ) {
    this.historyLength = options.historyLength ?? 720;
    this.intervalMs = options.intervalMs ?? 120_000;
    this.silentAfterIntervals = options.silentAfterIntervals ?? 5;
  }

  ingest(readings: readonly SdotReading[]): IngestResult {
    const out: IngestResult = { accepted: [], rejected: [] };
    for (const r of readings) {
      const key = `${r.serial}|${r.time}`;
      if (this.sites && !this.sites.has(r.serial)) {
        out.rejected.push({ source: r.source, at: r.time, serial: r.serial, reason: 'unknown serial: not one of the S-DoT sites; not drawn' });
        continue;
      }
      if (this.seen.has(key)) {
        out.rejected.push({ source: r.source, at: r.time, serial: r.serial, reason: 'duplicate record (same sensor and time already received); ignored' });
        continue;
      }
      this.seen.add(key);
      const t = Date.parse(r.time);
      if (t > this.newestMs) this.newestMs = t;
      const h = this.history.get(r.serial) ?? [];
      h.push(r);
      // Out-of-order arrivals (late corrections) keep the history sorted.
      if (h.length > 1 && h[h.length - 2].time > r.time) h.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
      if (h.length > this.historyLength) {
        for (const old of h.splice(0, h.length - this.historyLength)) this.seen.delete(`${old.serial}|${old.time}`);
      }
      this.history.set(r.serial, h);
      const prev = this.latest.get(r.serial);
      if (!prev || Date.parse(prev.time) <= t) this.latest.set(r.serial, r);
      out.accepted.push(r);
    }
    return out;
  }

  latestReadings(): SdotReading[] {
    return [...this.latest.values()];
  }

  latestOf(serial: string): SdotReading | undefined {
    return this.latest.get(serial);
  }

  historyOf(serial: string): SdotReading[] {
    return [...(this.history.get(serial) ?? [])];
  }

  /** Newest measurement time received from any sensor (ms), or null. */
  newestTime(): number | null {
    return Number.isFinite(this.newestMs) ? this.newestMs : null;
  }

  /**
   * Sensors that reported before but have nothing for `silentAfterIntervals` intervals behind the
   * newest reading of the whole network (network time, so a paused feed or replay does not make
   * every sensor silent, and clock skew between host and city does not matter).
   */
  silentSensors(): Array<{ serial: string; lastTime: string; reason: string }> {
    if (!Number.isFinite(this.newestMs)) return [];
    const limit = this.newestMs - this.silentAfterIntervals * this.intervalMs;
    const out: Array<{ serial: string; lastTime: string; reason: string }> = [];
    for (const r of this.latest.values()) {
      if (Date.parse(r.time) < limit) {
        const minutes = Math.round((this.newestMs - Date.parse(r.time)) / 60_000);
        out.push({
          serial: r.serial,
          lastTime: r.time,
          reason: `silent: no reading for ${minutes} min (${this.silentAfterIntervals} intervals of ${this.intervalMs / 60_000} min)`,
        });
      }
    }
    return out;
  }

  clear(): void {
    this.latest.clear();
    this.history.clear();
    this.seen.clear();
    this.newestMs = -Infinity;
  }
}
