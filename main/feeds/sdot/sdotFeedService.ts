// The host's S-DoT service: runs the live feed (when a key is configured), keeps the reading
// store, loads replay files, and answers the /api/feeds/sdot/ routes, pushing state over SSE.
import { createSseStream, type SseStream } from '../../host/sseStream.js';
import type { SdotFeedConfig } from './config.js';
import { ReadingStore } from './readingStore.js';
import { loadReplayFiles } from './replayFiles.js';
import { SDOT_ROUTES, type SdotFeedState, type SdotReplayData } from '../../../common/sdot/sdotFeedTypes.js';
import { SdotLiveFeed, type FeedClock, type LiveFeedStatus } from './sdotLiveFeed.js';
import type { RejectedRecord, SdotReading } from '../../../common/sdot/sdotReading.js';
import type { SensorSite } from '../../../common/sdot/sensorSites.js';

export interface SdotFeedServiceOptions {
  config: SdotFeedConfig;
  /** The sites (from the city build); readings for other serials are rejected. Null = accept any. */
  sites: SensorSite[] | null;
  fetch?: typeof fetch;
  clock?: FeedClock;
  /** Tests: shorter backoff. */
  backoffBaseMs?: number;
  onLog?: (line: string) => void;
}

const MAX_REJECTED_KEPT = 100;
const PUSH_COALESCE_MS = 100;

export class SdotFeedService {
  private readonly store: ReadingStore;
  private readonly live: SdotLiveFeed | null;
  private readonly clients = new Set<SseStream>();
  private rejected: RejectedRecord[] = [];
  private counts = { received: 0, accepted: 0, rejected: 0 };
  private version = 0;
  private replay: Promise<SdotReplayData> | null = null;
  private pushTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly opts: SdotFeedServiceOptions) {
    const sites = opts.sites ? new Map(opts.sites.map((s) => [s.serial, s])) : null;
    this.store = new ReadingStore(sites, { intervalMs: opts.config.live?.intervalMs ?? 120_000 });
    const live = opts.config.live;
    this.live = live
      ? new SdotLiveFeed({
          baseUrl: live.baseUrl,
          key: live.key,
          service: live.service,
          intervalMs: live.intervalMs,
          fetch: opts.fetch,
          clock: opts.clock,
          ...(opts.backoffBaseMs !== undefined ? { backoffBaseMs: opts.backoffBaseMs } : {}),
          onReadings: (readings, rejected) => this.ingest(readings, rejected),
          onStatus: (status) => this.statusChanged(status),
        })
      : null;
    if (!live && opts.config.liveOffReason) opts.onLog?.(opts.config.liveOffReason);
  }

  start(): void {
    this.live?.start();
  }

  stop(): void {
    this.live?.stop();
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
    for (const c of this.clients) c.close();
    this.clients.clear();
  }

  /** Readings in, from the live feed (or tests); returns what was accepted. */
  ingest(readings: SdotReading[], parseRejected: RejectedRecord[] = []): SdotReading[] {
    const result = this.store.ingest(readings);
    const rejected = [...parseRejected, ...result.rejected];
    this.counts.received += readings.length + parseRejected.length;
    this.counts.accepted += result.accepted.length;
    this.counts.rejected += rejected.length;
    if (rejected.length) {
      this.rejected = [...rejected, ...this.rejected].slice(0, MAX_REJECTED_KEPT);
      for (const r of rejected.slice(0, 5)) this.opts.onLog?.(`S-DoT ${r.source} ${r.at} ${r.serial ?? '-'}: ${r.reason}`);
      if (rejected.length > 5) this.opts.onLog?.(`S-DoT: ${rejected.length - 5} more records rejected`);
    }
    this.changed();
    return result.accepted;
  }

  state(): SdotFeedState {
    const s = this.live?.status;
    const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());
    return {
      live: s
        ? {
            enabled: true,
            message: s.lastError,
            state: s.state,
            lastSuccessAt: iso(s.lastSuccessAt),
            nextPollAt: iso(s.nextPollAt),
            consecutiveFailures: s.consecutiveFailures,
            intervalSeconds: (this.opts.config.live?.intervalMs ?? 0) / 1000,
          }
        : {
            enabled: false,
            message: this.opts.config.liveOffReason,
            state: 'off',
            lastSuccessAt: null,
            nextPollAt: null,
            consecutiveFailures: 0,
            intervalSeconds: null,
          },
      latest: this.store.latestReadings(),
      silent: this.store.silentSensors(),
      rejected: this.rejected,
      counts: { ...this.counts },
      version: this.version,
      replayAvailable: this.opts.config.replayFiles.length > 0,
    };
  }

  replayData(): Promise<SdotReplayData> {
    this.replay ??= loadReplayFiles(this.opts.config.replayFiles).then((r) => {
      for (const f of r.files) if (f.problem) this.opts.onLog?.(`S-DoT replay ${f.file}: ${f.problem}`);
      return r;
    });
    return this.replay;
  }

  /** Answers a /api/feeds/sdot/ request. */
  async handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), {
        status,
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
      });
    switch (url.pathname) {
      case SDOT_ROUTES.state:
        return json(200, this.state());
      case SDOT_ROUTES.history: {
        const serial = url.searchParams.get('serial');
        if (!serial) return json(400, { error: 'history needs ?serial=' });
        return json(200, this.store.historyOf(serial));
      }
      case SDOT_ROUTES.replay:
        return json(200, await this.replayData());
      case SDOT_ROUTES.events: {
        const stream = createSseStream();
        this.clients.add(stream);
        stream.onClose(() => this.clients.delete(stream));
        stream.send('state', this.state());
        return stream.response;
      }
      default:
        return json(404, { error: `No API route ${url.pathname}` });
    }
  }

  private statusChanged(_status: LiveFeedStatus): void {
    this.changed();
  }

  private changed(): void {
    this.version++;
    // A poll changes state several times within milliseconds (polling, readings, ok): push once.
    if (this.clients.size === 0 || this.pushTimer) return;
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      const state = this.state();
      for (const c of this.clients) c.send('state', state);
    }, PUSH_COALESCE_MS);
  }
}
