// Live fire-facility status: polls a configurable HTTP endpoint (main/feeds/poller.ts: one request
// in flight, timeout, backoff, statuses kept on failure) and keeps, per facility number,
// "in-service" / "out-of-service" with the source's timestamp. Electron-free (runs in the host).
//
// - Rows that cannot be read (no id, unknown status word, bad time) are rejected with a reason;
//   a status is never guessed. Facilities the feed never mentioned stay "unknown".
// - Rows whose facility number is not among the known facilities (the fire-water facilities of
//   the source data) are counted and dropped with one line, never kept; CSV rows are dropped as
//   they are parsed. A poll with more rows than limits.maxRows applies nothing.
// - A LiveFeed (main/feeds/liveFeed.ts): a snapshot on subscribe, then updates carrying the poll's
//   status and the entries that changed.
import { parse as parseCsv } from 'csv-parse/sync';

import {
  FACILITY_STATUS_FEED,
  type FacilityStatus,
  type FacilityStatusEntry,
  type FacilityStatusSnapshot,
  type FacilityStatusUpdate,
  type FeedState,
} from '../../common/facilityStatus.js';
import { feedLimits, type FeedLimits } from './boundedGet.js';
import { FeedPublisher, type FeedListener, type LiveFeed } from './liveFeed.js';
import { feedStatusOf, Poller, SYSTEM_CLOCK, type FeedClock, type PollOutcome } from './poller.js';

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
  /** First wait after a failure (default 2 x interval), doubled per further failure up to maxBackoffMs. */
  firstRetryMs?: number;
  /** Longest wait after repeated failures (default 10 min). */
  maxBackoffMs?: number;
  /** Field names in the feed (defaults: facility_no, status, updated_at). */
  fields?: { id?: string; status?: string; updatedAt?: string };
  /** Extra words meaning in/out of service, compared case-insensitively. */
  statusWords?: { inService?: string[]; outOfService?: string[] };
  /** Body and row limits (main/feeds/boundedGet.ts DEFAULT_FEED_LIMITS for any not given). */
  limits?: Partial<FeedLimits>;
  /** The facility numbers that exist; rows for others are dropped. Absent: any number is kept. */
  knownFacilities?: ReadonlySet<string>;
}

export interface FacilityStatusFeedOptions {
  clock?: FeedClock;
  /** One line per notable event (unknown facilities dropped, a poll failing). */
  log?: (line: string) => void;
}

/** Per poll: which rows to keep, and how many were dropped for an unknown facility number. */
interface RowFilter {
  keep(row: Record<string, unknown>): boolean;
  rows: number;
  unknown: number;
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

export class FacilityStatusFeed implements LiveFeed<FacilityStatusSnapshot, FacilityStatusUpdate> {
  readonly definition = FACILITY_STATUS_FEED;
  private readonly entries = new Map<string, FacilityStatusEntry>();
  private readonly publisher = new FeedPublisher<FacilityStatusSnapshot, FacilityStatusUpdate>(this);
  private readonly poller: Poller | null;
  private readonly interval: number;
  private readonly staleAfterMs: number;
  private readonly words: Map<string, FacilityStatus>;
  private rejected: FeedState['rejected'] = [];
  /** Entries changed by the running poll, sent with the poller's next status. */
  private changed: FacilityStatusEntry[] = [];

  private readonly clock: FeedClock;
  private readonly log: (line: string) => void;
  private loggedError: string | null = null;

  constructor(
    private readonly config: FacilityStatusFeedConfig | null,
    options: FacilityStatusFeedOptions = {},
  ) {
    const clock = (this.clock = options.clock ?? SYSTEM_CLOCK);
    this.log = options.log ?? (() => {});
    const limits = feedLimits(config?.limits);
    this.interval = config?.intervalMs ?? 60_000;
    this.staleAfterMs = config?.staleAfterMs ?? 3 * this.interval;
    this.poller = config
      ? new Poller({
          intervalMs: this.interval,
          timeoutMs: config.timeoutMs ?? 15_000,
          firstRetryMs: config.firstRetryMs ?? 2 * this.interval,
          maxBackoffMs: config.maxBackoffMs ?? 600_000,
          clock,
          limits,
          poll: async (request) => {
            const text = await request.fetchText(config.url, config.format === 'csv' ? 'text/csv' : 'application/json');
            const filter = this.rowFilter(limits.maxRows);
            const rows = config.format === 'csv' ? csvRows(text, filter) : jsonRows(text).filter((row) => filter.keep(row));
            this.apply(rows, filter.unknown);
          },
          onStatus: (status) => {
            // One line per new failure message, not one per retry.
            if (status.state === 'error' && status.lastError !== this.loggedError) this.log(`Facility status feed ${config.url}: ${status.lastError}`);
            if (status.state === 'error' || status.state === 'ok') this.loggedError = status.lastError;
            this.publisher.changed();
          },
        })
      : null;
    this.words = new Map();
    for (const w of [...IN_SERVICE, ...(config?.statusWords?.inService ?? [])]) this.words.set(w.toLowerCase(), 'in-service');
    for (const w of [...OUT_OF_SERVICE, ...(config?.statusWords?.outOfService ?? [])]) this.words.set(w.toLowerCase(), 'out-of-service');
  }

  /** Requests made (for tests and diagnostics). */
  get requests(): number {
    return this.poller?.status.requests ?? 0;
  }

  start(): void {
    this.poller?.start();
  }

  stop(): void {
    this.poller?.stop();
    this.publisher.flush();
  }

  snapshot(): FacilityStatusSnapshot {
    return { state: this.state(), entries: [...this.entries.values()] };
  }

  subscribe(listener: FeedListener<FacilityStatusSnapshot, FacilityStatusUpdate>): () => void {
    return this.publisher.subscribe(listener);
  }

  /** Whether a status is stale at `now` (ms since epoch). */
  isStale(entry: FacilityStatusEntry, now = this.clock.now()): boolean {
    return now - Date.parse(entry.updatedAt ?? entry.receivedAt) > this.staleAfterMs;
  }

  /** One poll now (tests); normal operation polls on its own after start(). */
  pollOnce(): Promise<PollOutcome> {
    return this.poller ? this.poller.pollNow() : Promise.resolve('stopped');
  }

  /** Delay before the next poll after the failures so far (common/feeds/feedContract.ts backoffDelay). */
  nextDelay(): number {
    return this.poller ? this.poller.delayAfter(this.poller.status.consecutiveFailures) : this.interval;
  }

  private state(): FeedState {
    return {
      configured: this.config !== null,
      url: this.config?.url ?? null,
      ...feedStatusOf(this.poller?.status ?? null, this.interval),
      staleAfterMs: this.staleAfterMs,
      rejected: this.rejected,
    };
  }

  /** For the publisher: the state and the entries changed since the last update. */
  takeUpdate(): FacilityStatusUpdate {
    const changed = this.changed;
    this.changed = [];
    return { state: this.state(), changed };
  }

  private fields() {
    return {
      id: this.config?.fields?.id ?? 'facility_no',
      status: this.config?.fields?.status ?? 'status',
      updatedAt: this.config?.fields?.updatedAt ?? 'updated_at',
    };
  }

  private rowFilter(maxRows: number): RowFilter {
    const known = this.config?.knownFacilities;
    const idField = this.fields().id;
    const filter: RowFilter = {
      rows: 0,
      unknown: 0,
      keep(row) {
        if (++filter.rows > maxRows) throw new Error(`more than ${maxRows} rows (the row limit); nothing applied`);
        const id = row[idField];
        // Rows without an id are kept here and rejected with their reason by apply.
        if (!known || id === undefined || id === null || String(id).trim() === '' || known.has(String(id).trim())) return true;
        filter.unknown++;
        return false;
      },
    };
    return filter;
  }

  private apply(rows: Array<Record<string, unknown>>, unknown: number): void {
    const f = this.fields();
    const receivedAt = new Date(this.clock.now()).toISOString();
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
      // The same report again keeps its first receive time: nothing changed. Without a source time,
      // though, the receive time is what keeps a status fresh, so a repeat is news.
      if (prev && prev.status === status && prev.updatedAt === updatedAt && updatedAt !== null) return;
      const entry: FacilityStatusEntry = { id, status, updatedAt, receivedAt };
      this.changed.push(entry);
      this.entries.set(id, entry);
    });
    if (unknown > 0) {
      const known = this.config?.knownFacilities?.size ?? 0;
      const problem = `facility numbers not among the ${known} known facilities; dropped`;
      rejected.unshift({ row: `${unknown} rows`, problem });
      this.log(`Facility status feed: ${unknown} rows with ${problem}`);
    }
    this.rejected = rejected.slice(0, 50);
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

/** Rows the filter drops never become part of the result (a large feed of unknown rows stays small). */
function csvRows(text: string, filter: RowFilter): Array<Record<string, unknown>> {
  let limitError: Error | null = null;
  try {
    return parseCsv(text, {
      bom: true,
      columns: true,
      skip_empty_lines: true,
      trim: true,
      on_record: (record: Record<string, unknown>) => {
        try {
          return filter.keep(record) ? record : null;
        } catch (err) {
          limitError = err as Error;
          throw err;
        }
      },
    }) as Array<Record<string, unknown>>;
  } catch (err) {
    if (limitError) throw limitError;
    throw new Error(`malformed CSV (${(err as Error).message})`, { cause: err });
  }
}

/**
 * Reads the feed config from the environment; null (no feed) when VSEOUL_FACILITY_FEED_URL is unset.
 * Limits: VSEOUL_FACILITY_FEED_MAX_BYTES (received), VSEOUL_FACILITY_FEED_MAX_DECODED_BYTES,
 * VSEOUL_FACILITY_FEED_MAX_ROWS.
 */
export function facilityFeedConfigFromEnv(env: NodeJS.ProcessEnv = process.env): FacilityStatusFeedConfig | null {
  const url = env.VSEOUL_FACILITY_FEED_URL?.trim();
  if (!url) return null;
  const num = (v: string | undefined) => (v && Number.isFinite(Number(v)) ? Number(v) : undefined);
  return {
    url,
    format: env.VSEOUL_FACILITY_FEED_FORMAT === 'csv' ? 'csv' : 'json',
    intervalMs: num(env.VSEOUL_FACILITY_FEED_INTERVAL_S) !== undefined ? num(env.VSEOUL_FACILITY_FEED_INTERVAL_S)! * 1000 : undefined,
    staleAfterMs: num(env.VSEOUL_FACILITY_FEED_STALE_S) !== undefined ? num(env.VSEOUL_FACILITY_FEED_STALE_S)! * 1000 : undefined,
    limits: {
      maxBodyBytes: num(env.VSEOUL_FACILITY_FEED_MAX_BYTES),
      maxDecodedBytes: num(env.VSEOUL_FACILITY_FEED_MAX_DECODED_BYTES),
      maxRows: num(env.VSEOUL_FACILITY_FEED_MAX_ROWS),
    },
  };
}

/** The facility numbers of the source data's fire-water facilities (one column of one CSV). */
export function readKnownFacilities(csvText: string, idColumn = 'facility_no'): Set<string> {
  const ids = new Set<string>();
  parseCsv(csvText, {
    bom: true,
    columns: true,
    skip_empty_lines: true,
    relax_column_count: true,
    on_record: (record: Record<string, string>) => {
      const id = record[idColumn]?.trim();
      if (id) ids.add(id);
      return null;
    },
  });
  return ids;
}
