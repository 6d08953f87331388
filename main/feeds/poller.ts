// The one poller of the host's live feeds: calls a feed's poll function every interval, with at
// most one poll in flight, a timeout on every request, and one backoff rule after failures
// (common/feeds/feedContract.ts backoffDelay). It never throws into its caller: every failure
// becomes a status with a message, and a feed keeps what it had. Timers go through an injectable
// clock, so tests drive cadence, timeouts and backoff without waiting.
import { backoffDelay, FEED_STATUS_OFF, type FeedStatus } from '../../common/feeds/feedContract.js';
import { boundedGet, DEFAULT_FEED_LIMITS, type FeedLimits } from './boundedGet.js';

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

/** What a poll function gets: the only way it should reach the network. */
export interface PollRequest {
  /**
   * GETs `url` and returns its body; rejects on network error, timeout, HTTP error, a cut-off body,
   * a body over the limits, or a bad redirect (main/feeds/boundedGet.ts). One at a time.
   */
  fetchText(url: string, accept?: string): Promise<string>;
  /** The limits this poller reads under; maxRows is for the poll function to apply. */
  limits: FeedLimits;
  /** Aborted when the poller stops; a poll that sees it aborted should deliver nothing. */
  signal: AbortSignal;
}

export interface PollerOptions {
  /** One poll: reads through request.fetchText and applies what it read. Throwing marks the poll failed. */
  poll(request: PollRequest): Promise<void>;
  /** Wait between polls while all is well. */
  intervalMs: number;
  /** Longest wait for one request, body included. */
  timeoutMs: number;
  /** Wait after the first consecutive failure, doubled per further failure... */
  firstRetryMs: number;
  /** ...up to this. */
  maxBackoffMs: number;
  clock?: FeedClock;
  /** Body and row limits (default DEFAULT_FEED_LIMITS). */
  limits?: FeedLimits;
  /** Called with a copy of the status after every change. */
  onStatus?(status: PollerStatus): void;
}

export interface PollerStatus {
  state: 'idle' | 'polling' | 'ok' | 'error' | 'stopped';
  /** Clock ms of the last poll started, the last successful one, and the next one scheduled. */
  lastAttemptAt: number | null;
  lastSuccessAt: number | null;
  nextPollAt: number | null;
  lastError: string | null;
  consecutiveFailures: number;
  /** Requests made (every page of a paged poll counts). */
  requests: number;
}

export type PollOutcome = 'ok' | 'error' | 'skipped-in-flight' | 'stopped';

export class Poller {
  readonly status: PollerStatus = {
    state: 'idle',
    lastAttemptAt: null,
    lastSuccessAt: null,
    nextPollAt: null,
    lastError: null,
    consecutiveFailures: 0,
    requests: 0,
  };
  private readonly clock: FeedClock;
  private readonly limits: FeedLimits;
  private timer: unknown = null;
  private inFlight: Promise<PollOutcome> | null = null;
  private requestInFlight = false;
  private started = false;
  private stopped = false;
  private readonly stopping = new AbortController();

  constructor(private readonly options: PollerOptions) {
    this.clock = options.clock ?? SYSTEM_CLOCK;
    this.limits = options.limits ?? DEFAULT_FEED_LIMITS;
  }

  start(): void {
    if (this.started || this.stopped) return;
    this.started = true;
    this.schedule(0);
  }

  /** Final: cancels the next poll and aborts the running one. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.stopping.abort(new Error('the feed was stopped'));
    this.update({ state: 'stopped', nextPollAt: null });
  }

  /** The wait before the next poll after `failures` consecutive failures (0: the interval). */
  delayAfter(failures: number): number {
    return failures === 0 ? this.options.intervalMs : backoffDelay(failures, this.options.firstRetryMs, this.options.maxBackoffMs);
  }

  /** Polls now unless a poll is running; resolves when this poll ends. */
  pollNow(): Promise<PollOutcome> {
    if (this.stopped) return Promise.resolve('stopped');
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
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.update({ nextPollAt: this.clock.now() + ms });
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      void this.pollNow().then((outcome) => {
        if (outcome === 'ok' || outcome === 'error') this.schedule(this.delayAfter(this.status.consecutiveFailures));
      });
    }, ms);
  }

  private async poll(): Promise<PollOutcome> {
    this.update({ state: 'polling', lastAttemptAt: this.clock.now() });
    let error: string | null = null;
    try {
      await this.options.poll({ fetchText: (url, accept) => this.fetchText(url, accept), signal: this.stopping.signal, limits: this.limits });
    } catch (err) {
      error = (err as Error).message;
    }
    if (this.stopped) return 'stopped';
    if (error !== null) {
      this.update({ state: 'error', lastError: error, consecutiveFailures: this.status.consecutiveFailures + 1 });
      return 'error';
    }
    this.update({ state: 'ok', lastError: null, consecutiveFailures: 0, lastSuccessAt: this.clock.now() });
    return 'ok';
  }

  private async fetchText(url: string, accept = 'application/json'): Promise<string> {
    if (this.stopping.signal.aborted) throw new Error('the feed was stopped');
    if (this.requestInFlight) throw new Error('a poll may have only one request in flight');
    this.requestInFlight = true;
    const abort = new AbortController();
    const stop = () => abort.abort(this.stopping.signal.reason);
    this.stopping.signal.addEventListener('abort', stop);
    const timer = this.clock.setTimeout(() => abort.abort(new Error(`no complete answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
    this.status.requests++;
    try {
      return await boundedGet(url, { accept, signal: abort.signal, limits: this.limits });
    } catch (err) {
      // An abort's own error says only "aborted"; the reason says why (timeout or stop).
      if (abort.signal.aborted && abort.signal.reason instanceof Error) throw new Error(abort.signal.reason.message, { cause: err });
      throw err;
    } finally {
      this.requestInFlight = false;
      this.clock.clearTimeout(timer);
      this.stopping.signal.removeEventListener('abort', stop);
    }
  }

  private update(patch: Partial<PollerStatus>): void {
    Object.assign(this.status, patch);
    try {
      this.options.onStatus?.({ ...this.status });
    } catch {
      // A listener's failure must not stop the feed.
    }
  }
}

/** The poller's status as the page sees it (ISO times); null (no poller) is "off". */
export function feedStatusOf(status: PollerStatus | null, intervalMs: number): FeedStatus {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  if (!status) return { ...FEED_STATUS_OFF };
  return {
    state: status.state,
    lastAttemptAt: iso(status.lastAttemptAt),
    lastSuccessAt: iso(status.lastSuccessAt),
    lastError: status.lastError,
    consecutiveFailures: status.consecutiveFailures,
    nextPollAt: iso(status.nextPollAt),
    intervalSeconds: intervalMs / 1000,
  };
}
