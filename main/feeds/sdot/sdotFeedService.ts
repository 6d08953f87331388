// The host's S-DoT feed: runs the Open API poller (when a key is configured), keeps the reading
// store, loads replay files, and is the LiveFeed "sdot" (common/sdot/sdotFeedTypes.ts): a snapshot
// of the whole state on subscribe, then updates carrying the sensors with a new latest reading.
import type { SdotFeedConfig } from './config.js';
import { ReadingStore } from './readingStore.js';
import { loadReplayFiles } from './replayFiles.js';
import { SDOT_FEED, type SdotFeedState, type SdotFeedUpdate, type SdotLiveInfo, type SdotReplayData } from '../../../common/sdot/sdotFeedTypes.js';
import { createSdotApiPoller } from './sdotApiPoller.js';
import { FeedPublisher, type FeedListener, type LiveFeed } from '../liveFeed.js';
import { feedStatusOf, type FeedClock, type Poller } from '../poller.js';
import type { RejectedRecord, SdotReading } from '../../../common/sdot/sdotReading.js';
import type { SensorSite } from '../../../common/sdot/sensorSites.js';

export interface SdotFeedServiceOptions {
  config: SdotFeedConfig;
  /** The sites (from the city build); readings for other serials are rejected. Null = accept any. */
  sites: SensorSite[] | null;
  clock?: FeedClock;
  /** Tests: a shorter first retry. */
  firstRetryMs?: number;
  onLog?: (line: string) => void;
}

const MAX_REJECTED_KEPT = 100;

export class SdotFeedService implements LiveFeed<SdotFeedState, SdotFeedUpdate> {
  readonly definition = SDOT_FEED;
  private readonly store: ReadingStore;
  private readonly poller: Poller | null;
  private readonly publisher = new FeedPublisher<SdotFeedState, SdotFeedUpdate>(this);
  private rejected: RejectedRecord[] = [];
  private counts = { received: 0, accepted: 0, rejected: 0 };
  private version = 0;
  private replay: Promise<SdotReplayData> | null = null;
  /** Sensors whose latest reading may have changed since the last update. */
  private readonly dirty = new Set<string>();

  constructor(private readonly opts: SdotFeedServiceOptions) {
    const sites = opts.sites ? new Map(opts.sites.map((s) => [s.serial, s])) : null;
    this.store = new ReadingStore(sites, { intervalMs: opts.config.live?.intervalMs ?? 120_000 });
    const live = opts.config.live;
    this.poller = live
      ? createSdotApiPoller({
          baseUrl: live.baseUrl,
          key: live.key,
          service: live.service,
          intervalMs: live.intervalMs,
          limits: opts.config.limits,
          clock: opts.clock,
          firstRetryMs: opts.firstRetryMs,
          onReadings: (readings, rejected) => this.ingest(readings, rejected),
          onStatus: () => this.changed(),
        })
      : null;
    if (!live && opts.config.liveOffReason) opts.onLog?.(opts.config.liveOffReason);
  }

  start(): void {
    this.poller?.start();
  }

  stop(): void {
    this.poller?.stop();
    this.publisher.flush();
  }

  subscribe(listener: FeedListener<SdotFeedState, SdotFeedUpdate>): () => void {
    return this.publisher.subscribe(listener);
  }

  /** Readings in, from the live feed (or tests); returns what was accepted. */
  ingest(readings: SdotReading[], parseRejected: RejectedRecord[] = []): SdotReading[] {
    const result = this.store.ingest(readings);
    const rejected = [...parseRejected, ...result.rejected];
    this.counts.received += readings.length + parseRejected.length;
    this.counts.accepted += result.accepted.length;
    this.counts.rejected += rejected.length;
    for (const r of result.accepted) this.dirty.add(r.serial);
    if (rejected.length) {
      this.rejected = [...rejected, ...this.rejected].slice(0, MAX_REJECTED_KEPT);
      for (const r of rejected.slice(0, 5)) this.opts.onLog?.(`S-DoT ${r.source} ${r.at} ${r.serial ?? '-'}: ${r.reason}`);
      if (rejected.length > 5) this.opts.onLog?.(`S-DoT: ${rejected.length - 5} more records rejected`);
    }
    this.changed();
    return result.accepted;
  }

  snapshot(): SdotFeedState {
    return { ...this.summary(), latest: this.store.latestReadings() };
  }

  historyOf(serial: string): SdotReading[] {
    return this.store.historyOf(serial);
  }

  replayData(): Promise<SdotReplayData> {
    this.replay ??= loadReplayFiles(this.opts.config.replayFiles).then((r) => {
      for (const f of r.files) if (f.problem) this.opts.onLog?.(`S-DoT replay ${f.file}: ${f.problem}`);
      return r;
    });
    return this.replay;
  }

  /** Everything but the readings: small, sent whole with every update. */
  private summary(): Omit<SdotFeedState, 'latest'> {
    return {
      live: this.liveInfo(),
      silent: this.store.silentSensors(),
      rejected: this.rejected,
      counts: { ...this.counts },
      version: this.version,
      replayAvailable: this.opts.config.replayFiles.length > 0,
    };
  }

  private liveInfo(): SdotLiveInfo {
    const status = feedStatusOf(this.poller?.status ?? null, this.opts.config.live?.intervalMs ?? 0);
    return this.poller ? { ...status, enabled: true, message: status.lastError } : { ...status, enabled: false, message: this.opts.config.liveOffReason };
  }

  /** For the publisher: the sensors with a new latest reading since the last update, and the rest whole. */
  takeUpdate(): SdotFeedUpdate {
    const changed = [...this.dirty].flatMap((serial) => this.store.latestOf(serial) ?? []);
    this.dirty.clear();
    return { ...this.summary(), changed };
  }

  private changed(): void {
    this.version++;
    this.publisher.changed();
  }
}
