// Live fire-facility status: polls a configurable HTTP endpoint and keeps, per facility number,
// "in-service" / "out-of-service" with the source's timestamp. Electron-free (runs in the host).
//
// - At most one request in flight: the next poll is scheduled only after the previous settled.
// - Failures (network, timeout, HTTP error, malformed or truncated body) back off exponentially
//   (interval x 2^failures, capped) and keep the last good statuses, which turn stale with time.
// - Rows that cannot be read (no id, unknown status word, bad time) are rejected with a reason;
//   a status is never guessed. Facilities the feed never mentioned stay "unknown".
// - Listeners get a full snapshot on subscribe, then only the entries that changed.
import { parse as parseCsv } from 'csv-parse/sync';

import type { FacilityStatus, FacilityStatusEntry, FacilityStatusEvent, FeedState } from '../../common/facilityStatus.js';

export type { FacilityStatus, FacilityStatusEntry, FacilityStatusEvent, FeedState } from '../../common/facilityStatus.js';

export interface FacilityStatusFeedConfig {
  url: string;
  format: 'json' | 'csv';
  /** Poll interval (default 60 s). */
  intervalMs?: number;
  /** A status older than this (source time, else receive time) is stale (default 3 x interval). */
  staleAfterMs?: number;
  /** Per-request timeout (default 15 s). */
  timeoutMs?: number;
  /** Longest wait after repeated failures (default 10 min). */
  maxBackoffMs?: number;
  /** Field names in the feed (defaults: facility_no, status, updated_at). */
  fields?: { id?: string; status?: string; updatedAt?: string };
  /** Extra words meaning in/out of service, compared case-insensitively. */
  statusWords?: { inService?: string[]; outOfService?: string[] };
}

const IN_SERVICE = ['in-service', 'in service', 'in_service', 'inservice', 'ok', 'normal', 'available', 'active', '정상', '사용가능', '사용', '양호'];
const OUT_OF_SERVICE = [
  'out-of-service',
  'out of service',
  'out_of_service',
  'outofservice',
  'broken',
  'unavailable',
  'inactive',
  'fault',
  '고장',
  '사용불가',
  '불량',
  '점검중',
];

export class FacilityStatusFeed {
  private readonly entries = new Map<string, FacilityStatusEntry>();
  private readonly listeners = new Set<(e: FacilityStatusEvent) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: AbortController | null = null;
  private stopped = true;
  private readonly state: FeedState;
  private readonly interval: number;
  private readonly timeout: number;
  private readonly maxBackoff: number;
  private readonly words: Map<string, FacilityStatus>;
  /** Requests made (for tests and diagnostics). */
  requests = 0;

  constructor(private readonly config: FacilityStatusFeedConfig | null) {
    this.interval = config?.intervalMs ?? 60_000;
    this.timeout = config?.timeoutMs ?? 15_000;
    this.maxBackoff = config?.maxBackoffMs ?? 600_000;
    this.state = {
      configured: config !== null,
      url: config?.url ?? null,
      lastSuccessAt: null,
      lastAttemptAt: null,
      lastError: null,
      consecutiveFailures: 0,
      nextPollAt: null,
      staleAfterMs: config?.staleAfterMs ?? 3 * this.interval,
      rejected: [],
    };
    this.words = new Map();
    for (const w of [...IN_SERVICE, ...(config?.statusWords?.inService ?? [])]) this.words.set(w.toLowerCase(), 'in-service');
    for (const w of [...OUT_OF_SERVICE, ...(config?.statusWords?.outOfService ?? [])]) this.words.set(w.toLowerCase(), 'out-of-service');
  }

  start(): void {
    if (!this.config || !this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight?.abort();
  }

  snapshot(): FacilityStatusEvent & { type: 'snapshot' } {
    return { type: 'snapshot', state: { ...this.state }, entries: [...this.entries.values()] };
  }

  /** Subscribes; the listener gets a snapshot at once. Returns the unsubscribe function. */
  subscribe(listener: (e: FacilityStatusEvent) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => this.listeners.delete(listener);
  }

  /** Whether a status is stale at `now` (ms since epoch). */
  isStale(entry: FacilityStatusEntry, now = Date.now()): boolean {
    return now - Date.parse(entry.updatedAt ?? entry.receivedAt) > this.state.staleAfterMs;
  }

  /** One poll now (tests); normal operation polls on its own after start(). */
  async pollOnce(): Promise<void> {
    if (!this.config || this.inFlight) return;
    const controller = new AbortController();
    this.inFlight = controller;
    const timer = setTimeout(() => controller.abort(new Error(`no complete answer within ${this.timeout} ms`)), this.timeout);
    this.state.lastAttemptAt = new Date().toISOString();
    this.requests++;
    try {
      const response = await fetch(this.config.url, {
        signal: controller.signal,
        headers: { Accept: this.config.format === 'csv' ? 'text/csv' : 'application/json' },
      });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      const text = await response.text();
      const rows = this.config.format === 'csv' ? csvRows(text) : jsonRows(text);
      this.apply(rows);
      this.state.consecutiveFailures = 0;
      this.state.lastError = null;
      this.state.lastSuccessAt = new Date().toISOString();
    } catch (err) {
      this.state.consecutiveFailures++;
      const reason = controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason.message : (err as Error).message;
      this.state.lastError = reason;
      this.emit({ type: 'update', state: { ...this.state }, changed: [] });
    } finally {
      clearTimeout(timer);
      this.inFlight = null;
    }
  }

  /** Delay before the next poll: the interval, doubled per consecutive failure, capped. */
  nextDelay(): number {
    const f = this.state.consecutiveFailures;
    return f === 0 ? this.interval : Math.min(this.maxBackoff, this.interval * 2 ** f);
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.state.nextPollAt = new Date(Date.now() + delay).toISOString();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.pollOnce().then(() => this.schedule(this.nextDelay()));
    }, delay);
  }

  private apply(rows: Array<Record<string, unknown>>): void {
    const f = {
      id: this.config?.fields?.id ?? 'facility_no',
      status: this.config?.fields?.status ?? 'status',
      updatedAt: this.config?.fields?.updatedAt ?? 'updated_at',
    };
    const receivedAt = new Date().toISOString();
    const changed: FacilityStatusEntry[] = [];
    const rejected: FeedState['rejected'] = [];
    rows.forEach((row, i) => {
      const reject = (problem: string) => rejected.push({ row: `#${i + 1}${row[f.id] ? ` ${String(row[f.id])}` : ''}`, problem });
      const id = typeof row[f.id] === 'string' || typeof row[f.id] === 'number' ? String(row[f.id]).trim() : '';
      if (!id) return reject(`no ${f.id}`);
      const word = String(row[f.status] ?? '')
        .trim()
        .toLowerCase();
      const status = this.words.get(word);
      if (!status) return reject(`unknown status "${String(row[f.status] ?? '')}"`);
      let updatedAt: string | null = null;
      const t = row[f.updatedAt];
      if (t !== undefined && t !== null && String(t).trim() !== '') {
        const ms = Date.parse(String(t));
        if (Number.isNaN(ms)) return reject(`bad ${f.updatedAt} "${String(t)}"`);
        updatedAt = new Date(ms).toISOString();
      }
      const prev = this.entries.get(id);
      // An older report never overwrites a newer one (feeds may list history).
      if (prev?.updatedAt && updatedAt && Date.parse(updatedAt) < Date.parse(prev.updatedAt)) return;
      const entry: FacilityStatusEntry = { id, status, updatedAt, receivedAt };
      if (!prev || prev.status !== status || prev.updatedAt !== updatedAt) changed.push(entry);
      this.entries.set(id, entry);
    });
    this.state.rejected = rejected.slice(0, 50);
    this.state.lastSuccessAt = receivedAt;
    this.emit({ type: 'update', state: { ...this.state }, changed });
  }

  private emit(e: FacilityStatusEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // A broken listener (a closed stream) must not stop the feed.
      }
    }
  }
}

function jsonRows(text: string): Array<Record<string, unknown>> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    throw new Error(`malformed JSON (${(err as Error).message})`, { cause: err });
  }
  // Accepted shapes: [..], {items:[..]}, {data:[..]}, data.go.kr {response:{body:{items:[..] | {item:[..]}}}}.
  const b = body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const candidates = [body, b?.items, b?.data, b?.response?.body?.items, b?.response?.body?.items?.item];
  const rows = candidates.find(Array.isArray) as unknown[] | undefined;
  if (!rows) throw new Error('JSON has no list of facilities (expected an array, items, data or response.body.items)');
  return rows.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
}

function csvRows(text: string): Array<Record<string, unknown>> {
  try {
    return parseCsv(text, { bom: true, columns: true, skip_empty_lines: true, trim: true }) as Array<Record<string, unknown>>;
  } catch (err) {
    throw new Error(`malformed CSV (${(err as Error).message})`, { cause: err });
  }
}

/** Reads the feed config from the environment; null (no feed) when VSEOUL_FACILITY_FEED_URL is unset. */
export function facilityFeedConfigFromEnv(env: NodeJS.ProcessEnv = process.env): FacilityStatusFeedConfig | null {
  const url = env.VSEOUL_FACILITY_FEED_URL?.trim();
  if (!url) return null;
  const num = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Number(v) : undefined);
  return {
    url,
    format: env.VSEOUL_FACILITY_FEED_FORMAT === 'csv' ? 'csv' : 'json',
    intervalMs: num(env.VSEOUL_FACILITY_FEED_INTERVAL_S) !== undefined ? num(env.VSEOUL_FACILITY_FEED_INTERVAL_S)! * 1000 : undefined,
    staleAfterMs: num(env.VSEOUL_FACILITY_FEED_STALE_S) !== undefined ? num(env.VSEOUL_FACILITY_FEED_STALE_S)! * 1000 : undefined,
  };
}
