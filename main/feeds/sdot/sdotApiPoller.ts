// Live S-DoT readings from Seoul's Open API (format: seoulOpenApi.ts) through the feeds' one
// Poller (main/feeds/poller.ts): every `intervalMs` (2 minutes: the sensors' own cadence) one poll
// pages through list_total_count, one request at a time. A page shorter than announced is a
// failure; the readings of the pages that did arrive intact are still delivered.
import { DEFAULT_SDOT_SERVICE, parseSeoulApiPage, seoulApiUrl } from '../../../common/sdot/seoulOpenApi.js';
import type { RejectedRecord, SdotReading } from '../../../common/sdot/sdotReading.js';
import { Poller, type PollerOptions, type PollRequest } from '../poller.js';

export interface SdotApiPollerOptions extends Partial<Omit<PollerOptions, 'poll'>> {
  baseUrl: string;
  key: string;
  service?: string;
  /** Rows per request (the API serves at most 1,000). */
  pageSize?: number;
  /** Safety cap on pages per poll (default 20 = 20,000 rows). */
  maxPages?: number;
  onReadings(readings: SdotReading[], rejected: RejectedRecord[]): void;
}

/** Defaults: every 2 min, 30 s per request, first retry after 30 s, at most 30 min between tries. */
export function createSdotApiPoller(options: SdotApiPollerOptions): Poller {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as SdotApiPollerOptions;
  const { baseUrl, key, service = DEFAULT_SDOT_SERVICE, pageSize = 1000, maxPages = 20, onReadings, ...poller } = defined;

  async function poll(request: PollRequest): Promise<void> {
    const readings: SdotReading[] = [];
    const rejected: RejectedRecord[] = [];
    let failure: Error | null = null;
    try {
      let start = 1;
      let total = Infinity;
      for (let page = 0; start <= total && page < maxPages; page++) {
        const end = start + pageSize - 1;
        const text = await request.fetchText(seoulApiUrl(baseUrl, key, service, start, end)).catch((err: Error) => {
          throw new Error(`request ${start}-${end} failed: ${err.message}`, { cause: err });
        });
        const parsed = parseSeoulApiPage(text, service);
        if (parsed.kind === 'no-data') break;
        if (parsed.kind === 'error') throw new Error(`the API answered ${parsed.code}: ${parsed.message}`);
        if (readings.length + parsed.readings.length + rejected.length + parsed.rejected.length > request.limits.maxRows) {
          throw new Error(`more than ${request.limits.maxRows} rows in one poll (the row limit); reading stopped`);
        }
        readings.push(...parsed.readings);
        rejected.push(...parsed.rejected);
        total = parsed.total;
        if (parsed.rowCount === 0) break;
        // A page shorter than asked while more rows are announced: truncated answer.
        const expected = Math.min(pageSize, total - start + 1);
        if (parsed.rowCount < expected) throw new Error(`partial page: rows ${start}-${end} returned ${parsed.rowCount} of ${expected} announced`);
        start = end + 1;
      }
    } catch (err) {
      failure = err as Error;
    }
    if (request.signal.aborted) return;
    if (readings.length || rejected.length) {
      try {
        onReadings(readings, rejected);
      } catch (err) {
        failure ??= new Error(`reading handler failed: ${(err as Error).message}`, { cause: err });
      }
    }
    if (failure) throw failure;
  }

  return new Poller({ intervalMs: 120_000, timeoutMs: 30_000, firstRetryMs: 30_000, maxBackoffMs: 30 * 60_000, ...poller, poll });
}
