// Live S-DoT readings from Seoul's Open API (format: seoulOpenApi.ts). Polls every `intervalMs`
// (2 minutes: the sensors' own cadence), pages through list_total_count, never has more than one
// request in flight, backs off exponentially on errors, and never throws into its caller: every
// failure becomes a status with a message. Timers and fetch are injectable for tests.
import { DEFAULT_SDOT_SERVICE, parseSeoulApiPage, seoulApiUrl } from '../../../common/sdot/seoulOpenApi.js';
import type { RejectedRecord, SdotReading } from '../../../common/sdot/sdotReading.js';

export interface FeedClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const SYSTEM_CLOCK: FeedClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface LiveFeedOptions {
  baseUrl: string;
  key: string;
  service?: string;
  /** Default 120,000 ms. */
  intervalMs?: number;
  /** Rows per request (the API serves at most 1,000). */
  pageSize?: number;
  /** Per-request timeout, default 30 s. */
  timeoutMs?: number;
  /** First retry delay after an error (default 30 s), doubled per consecutive error up to maxBackoffMs (default 30 min). */
  backoffBaseMs?: number;
  maxBackoffMs?: number;
  /** Safety cap on pages per poll (default 20 = 20,000 rows). */
  maxPages?: number;
  fetch?: typeof fetch;
  clock?: FeedClock;
  onReadings(readings: SdotReading[], rejected: RejectedRecord[]): void;
  onStatus?(status: LiveFeedStatus): void;
}

export interface LiveFeedStatus {
  state: 'idle' | 'polling' | 'ok' | 'error' | 'stopped';
  /** Wall-clock ms of the last successful poll. */
  lastSuccessAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Wall-clock ms of the next scheduled poll. */
  nextPollAt: number | null;
  requests: number;
}

export type PollOutcome = 'ok' | 'error' | 'skipped-in-flight' | 'stopped';

export class SdotLiveFeed {
  private readonly opts: Required<Omit<LiveFeedOptions, 'onStatus'>> & Pick<LiveFeedOptions, 'onStatus'>;
  private timer: unknown = null;
  private inFlight: Promise<PollOutcome> | null = null;
  private started = false;
  private stopped = false;
  private abort: AbortController | null = null;
  readonly status: LiveFeedStatus = { state: 'idle', lastSuccessAt: null, lastError: null, consecutiveFailures: 0, nextPollAt: null, requests: 0 };

  constructor(options: LiveFeedOptions) {
    this.opts = {
      service: DEFAULT_SDOT_SERVICE,
      intervalMs: 120_000,
      pageSize: 1000,
      timeoutMs: 30_000,
      backoffBaseMs: 30_000,
      maxBackoffMs: 30 * 60_000,
      maxPages: 20,
      fetch: globalThis.fetch.bind(globalThis),
      clock: SYSTEM_CLOCK,
      // Options given as undefined keep their defaults.
      ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as LiveFeedOptions),
    };
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) this.opts.clock.clearTimeout(this.timer);
    this.timer = null;
    this.abort?.abort();
    this.update({ state: 'stopped', nextPollAt: null });
  }

  /** Delay before the next poll after `failures` consecutive failures (0 = success). */
  delayAfter(failures: number): number {
    if (failures === 0) return this.opts.intervalMs;
    return Math.min(this.opts.backoffBaseMs * 2 ** (failures - 1), this.opts.maxBackoffMs);
  }

  /** Polls now unless a poll is already running; resolves when this poll (or the running one) ends. */
  pollNow(): Promise<PollOutcome> {
    if (this.inFlight) return Promise.resolve('skipped-in-flight');
    this.inFlight = this.poll().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Resolves when no poll is running. */
  async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer !== null) this.opts.clock.clearTimeout(this.timer);
    this.update({ nextPollAt: this.opts.clock.now() + ms });
    this.timer = this.opts.clock.setTimeout(() => {
      this.timer = null;
      void this.pollNow().then((outcome) => {
        if (outcome === 'skipped-in-flight' || outcome === 'stopped') return;
        this.schedule(this.delayAfter(this.status.consecutiveFailures));
      });
    }, ms);
  }

  private update(patch: Partial<LiveFeedStatus>): void {
    Object.assign(this.status, patch);
    try {
      this.opts.onStatus?.({ ...this.status });
    } catch {
      // A listener's failure must not stop the feed.
    }
  }

  private async fetchPage(start: number, end: number): Promise<string> {
    const url = seoulApiUrl(this.opts.baseUrl, this.opts.key, this.opts.service, start, end);
    const abort = new AbortController();
    this.abort = abort;
    const timer = setTimeout(() => abort.abort(new Error(`no answer within ${this.opts.timeoutMs} ms`)), this.opts.timeoutMs);
    this.status.requests++;
    try {
      const res = await this.opts.fetch(url, { signal: abort.signal, headers: { Accept: 'application/json' } });
      const text = await res.text();
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      return text;
    } catch (err) {
      const reason = abort.signal.aborted && abort.signal.reason instanceof Error ? abort.signal.reason.message : (err as Error).message;
      throw new Error(`request ${start}-${end} failed: ${reason}`, { cause: err });
    } finally {
      clearTimeout(timer);
      this.abort = null;
    }
  }

  private async poll(): Promise<PollOutcome> {
    this.update({ state: 'polling' });
    const readings: SdotReading[] = [];
    const rejected: RejectedRecord[] = [];
    let error: string | null = null;
    try {
      let start = 1;
      let total = Infinity;
      for (let page = 0; start <= total && page < this.opts.maxPages; page++) {
        const end = start + this.opts.pageSize - 1;
        const text = await this.fetchPage(start, end);
        const parsed = parseSeoulApiPage(text, this.opts.service);
        if (parsed.kind === 'no-data') break;
        if (parsed.kind === 'error') throw new Error(`the API answered ${parsed.code}: ${parsed.message}`);
        readings.push(...parsed.readings);
        rejected.push(...parsed.rejected);
        total = parsed.total;
        if (parsed.rowCount === 0) break;
        // A page shorter than asked while more rows are announced: truncated answer.
        if (parsed.rowCount < Math.min(this.opts.pageSize, total - start + 1)) {
          throw new Error(`partial page: rows ${start}-${end} returned ${parsed.rowCount} of ${Math.min(this.opts.pageSize, total - start + 1)} announced`);
        }
        start = end + 1;
      }
    } catch (err) {
      error = (err as Error).message;
    }
    if (this.stopped) return 'stopped';
    // Readings of pages that did arrive intact are real; deliver them even if a later page failed.
    if (readings.length || rejected.length) {
      try {
        this.opts.onReadings(readings, rejected);
      } catch (err) {
        error = error ?? `reading handler failed: ${(err as Error).message}`;
      }
    }
    if (error) {
      this.update({ state: 'error', lastError: error, consecutiveFailures: this.status.consecutiveFailures + 1 });
      return 'error';
    }
    this.update({ state: 'ok', lastError: null, consecutiveFailures: 0, lastSuccessAt: this.opts.clock.now() });
    return 'ok';
  }
}
