// The S-DoT live feed (its Open API poller and the host feed) against a real local HTTP server
// (127.0.0.1) that answers in the Seoul Open API's shape. Every row served here is a hand-made FIXTURE (serials of real sites, invented values).
// Timers go through an injected clock, so cadence and backoff are checked without timing anything.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { resolveSdotConfig } from '../../main/feeds/sdot/config.js';
import { SdotFeedService } from '../../main/feeds/sdot/sdotFeedService.js';
import { createSdotRoutes } from '../../main/feeds/sdot/sdotRoutes.js';
import { SDOT_FEED, SDOT_ROUTES, type SdotFeedEvent, type SdotFeedState, type SdotFeedUpdate } from '../../common/sdot/sdotFeedTypes.js';
import { createSdotApiPoller, type SdotApiPollerOptions } from '../../main/feeds/sdot/sdotApiPoller.js';
import type { FeedClock } from '../../main/feeds/poller.js';
import { ManualClock } from '../support/manualClock.js';
import type { RejectedRecord, SdotReading } from '../../common/sdot/sdotReading.js';

type Handler = (req: IncomingMessage, res: ServerResponse, parts: { key: string; service: string; start: number; end: number }) => void;

let server: Server;
let baseUrl = '';
let handler: Handler = () => {};
const requests: Array<{ start: number; end: number; at: number }> = [];
let concurrent = 0;
let maxConcurrent = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const m = /^\/([^/]+)\/json\/([^/]+)\/(\d+)\/(\d+)\/?$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    concurrent++;
    maxConcurrent = Math.max(maxConcurrent, concurrent);
    res.on('close', () => concurrent--);
    requests.push({ start: +m[3], end: +m[4], at: requests.length });
    handler(req, res, { key: decodeURIComponent(m[1]), service: m[2], start: +m[3], end: +m[4] });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});
afterEach(() => {
  requests.length = 0;
  maxConcurrent = 0;
});

/** FIXTURE rows: n sensors, values derived from the index. */
function fixtureRows(n: number, minute = 0, tempOffset = 0): object[] {
  return Array.from({ length: n }, (_, i) => ({
    SN: `FIXTURE${String(i).padStart(4, '0')}`,
    MSRMT_HR: `2026-04-11_13:${String(minute).padStart(2, '0')}:00`,
    AVG_TP: String(10 + (i % 20) + tempOffset),
    AVG_HUM: 50,
    AVG_NIS: 45,
  }));
}

function servePages(rows: object[]): Handler {
  return (_req, res, { start, end }) => {
    const slice = rows.slice(start - 1, end);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ IotVdata017: { list_total_count: rows.length, RESULT: { CODE: 'INFO-000', MESSAGE: '정상 처리되었습니다' }, row: slice } }));
  };
}

function makeFeed(clock: FeedClock, extra: Partial<SdotApiPollerOptions> = {}) {
  const batches: Array<{ readings: SdotReading[]; rejected: RejectedRecord[] }> = [];
  const feed = createSdotApiPoller({
    baseUrl,
    key: 'FIXTURE-KEY',
    intervalMs: 120_000,
    firstRetryMs: 10_000,
    maxBackoffMs: 40_000,
    pageSize: 300,
    clock,
    onReadings: (readings, rejected) => batches.push({ readings, rejected }),
    ...extra,
  });
  return { feed, batches };
}

describe('S-DoT live feed against a local Open API server', () => {
  it('pages through list_total_count, then polls every interval', async () => {
    handler = servePages(fixtureRows(851));
    const clock = new ManualClock();
    const { feed, batches } = makeFeed(clock);
    feed.start();
    expect(clock.fire()).toBe(0); // first poll right away
    await feed.idle();
    expect(requests.map((r) => [r.start, r.end])).toEqual([
      [1, 300],
      [301, 600],
      [601, 900],
    ]);
    expect(batches).toHaveLength(1);
    expect(batches[0].readings).toHaveLength(851);
    expect(batches[0].readings[5].values.temperature).toBe(15);
    expect(feed.status).toMatchObject({ state: 'ok', consecutiveFailures: 0, lastError: null });
    // Next poll is scheduled one interval later, and the next after that.
    await Promise.resolve();
    expect(clock.pending.map((p) => p.ms)).toEqual([120_000]);
    clock.fire();
    await feed.idle();
    await Promise.resolve();
    expect(clock.pending.map((p) => p.ms)).toEqual([120_000]);
    expect(requests).toHaveLength(6);
    feed.stop();
  });

  it('backs off exponentially on 500s, malformed and truncated answers, and recovers', async () => {
    const answers: Array<(res: ServerResponse) => void> = [
      (res) => res.writeHead(500).end('Internal Server Error'),
      (res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('<html>proxy error</html>'),
      // Truncated body: the connection ends mid-JSON.
      (res) =>
        res
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ IotVdata017: { list_total_count: 2, row: fixtureRows(2) } }).slice(0, 60)),
      (res) => res.writeHead(200).end(JSON.stringify({ RESULT: { CODE: 'ERROR-500', MESSAGE: '서버 오류입니다.' } })),
      (res) => res.writeHead(200).end(JSON.stringify({ RESULT: { CODE: 'ERROR-500', MESSAGE: '서버 오류입니다.' } })),
    ];
    let n = 0;
    handler = (req, res, p) => (n < answers.length ? answers[n++](res) : servePages(fixtureRows(3))(req, res, p));
    const clock = new ManualClock();
    const { feed, batches } = makeFeed(clock);
    const errors: string[] = [];
    feed.start();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      delays.push(clock.fire());
      await feed.idle();
      await Promise.resolve();
      if (feed.status.lastError) errors.push(feed.status.lastError);
    }
    // 0 (start), then 10 s, 20 s, 40 s, 40 s (capped) after the 1st..5th consecutive failure.
    expect(delays).toEqual([0, 10_000, 20_000, 40_000, 40_000, 40_000]);
    expect(errors[0]).toMatch(/HTTP 500/);
    expect(errors[1]).toMatch(/not JSON/);
    expect(errors[2]).toMatch(/not JSON/);
    expect(errors[3]).toMatch(/ERROR-500: 서버 오류입니다/);
    expect(feed.status).toMatchObject({ state: 'ok', consecutiveFailures: 0 });
    expect(batches.map((b) => b.readings.length)).toEqual([3]);
    expect(clock.pending.map((p) => p.ms)).toEqual([120_000]);
    feed.stop();
  });

  it('treats a page shorter than announced as partial (an error), keeps the rows that did arrive', async () => {
    handler = (_req, res, { start }) => {
      const rows = start === 1 ? fixtureRows(300) : fixtureRows(100).slice(0, 50); // announced 400
      res.writeHead(200).end(JSON.stringify({ IotVdata017: { list_total_count: 400, RESULT: { CODE: 'INFO-000', MESSAGE: 'ok' }, row: rows } }));
    };
    const { feed, batches } = makeFeed(new ManualClock());
    expect(await feed.pollNow()).toBe('error');
    expect(feed.status.lastError).toMatch(/partial page: rows 301-600 returned 50 of 100/);
    expect(batches[0].readings).toHaveLength(350);
  });

  it('INFO-200 (no data) is a successful empty poll', async () => {
    handler = (_req, res) => res.writeHead(200).end(JSON.stringify({ RESULT: { CODE: 'INFO-200', MESSAGE: '해당하는 데이터가 없습니다.' } }));
    const { feed, batches } = makeFeed(new ManualClock());
    expect(await feed.pollNow()).toBe('ok');
    expect(batches).toEqual([]);
  });

  it('never has more than one request in flight, and times out a slow server', async () => {
    handler = () => {}; // never answers: only the timeout (on the injected clock) ends the request
    const clock = new ManualClock();
    const { feed } = makeFeed(clock, { timeoutMs: 150 });
    const first = feed.pollNow();
    expect(await feed.pollNow()).toBe('skipped-in-flight');
    expect(await feed.pollNow()).toBe('skipped-in-flight');
    while (requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    expect(clock.fire()).toBe(150);
    expect(await first).toBe('error');
    expect(feed.status.lastError).toMatch(/no complete answer within 150 ms/);
    expect(requests).toHaveLength(1);
    expect(maxConcurrent).toBe(1);
  });

  it('the host service validates, pushes state over SSE, and flags silent sensors', async () => {
    let minute: number;
    let rows = fixtureRows(3);
    handler = (req, res, p) => servePages(rows)(req, res, p);
    const clock = new ManualClock();
    const sites = Array.from({ length: 3 }, (_, i) => ({ serial: `FIXTURE${String(i).padStart(4, '0')}`, lon: 127, lat: 37.5 }));
    const config = resolveSdotConfig({ argv: ['--sdot-key', 'FIXTURE-KEY', '--sdot-url', baseUrl] });
    const service = new SdotFeedService({ config, sites, clock });
    const routes = createSdotRoutes(service);
    const sse = await routes(new Request(`http://127.0.0.1${SDOT_FEED.routes.events}`))!;
    expect(sse.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = sse.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    let held: SdotFeedState | null = null;
    /** The state the page holds after the next event: a snapshot, or the last one with an update applied. */
    const nextState = async (): Promise<SdotFeedState> => {
      for (;;) {
        const idx = buffer.indexOf('\n\n');
        if (idx >= 0) {
          const chunk = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          const data = /^event: (snapshot|update)\ndata: (.*)$/m.exec(chunk);
          if (!data) continue;
          const { type, ...event } = JSON.parse(data[2]) as SdotFeedEvent;
          expect(type).toBe(data[1]);
          if (type === 'snapshot') held = event as SdotFeedState;
          else held = SDOT_FEED.apply(held!, event as SdotFeedUpdate);
          return held;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    expect((await nextState()).latest).toEqual([]);
    service.start();
    clock.fire();
    let state: SdotFeedState;
    do state = await nextState();
    while (state.latest.length < 3 || state.live.state !== 'ok');
    expect(state.latest.map((r) => r.values.temperature).sort()).toEqual([10, 11, 12]);
    // Next batch: sensor 2 stops reporting, sensor 1 reports an implausible temperature twice (duplicate).
    for (minute = 2; minute <= 12; minute += 2) {
      rows = fixtureRows(2, minute);
      if (minute === 12) rows = [rows[0], { ...rows[1], AVG_TP: '-99' }, { ...rows[1], AVG_TP: '-99' }];
      while (clock.pending.length === 0) await new Promise((r) => setTimeout(r, 1));
      const before = service.snapshot().counts.received;
      clock.fire();
      do state = await nextState();
      while (state.live.state !== 'ok' || state.counts.received === before);
    }
    const r1 = state.latest.find((r) => r.serial === 'FIXTURE0001')!;
    expect(r1.time).toBe('2026-04-11T13:12:00+09:00');
    expect(r1.values.temperature).toBeUndefined();
    expect(r1.flags[0].reason).toMatch(/temperature: -99 °C is outside the plausible range/);
    expect(state.rejected[0].reason).toMatch(/duplicate record/);
    expect(state.silent).toEqual([
      { serial: 'FIXTURE0002', lastTime: '2026-04-11T13:00:00+09:00', reason: 'silent: no reading for 12 min (5 intervals of 2 min)' },
    ]);
    const history = (await (await routes(new Request(`http://127.0.0.1${SDOT_ROUTES.history}?serial=FIXTURE0000`))!).json()) as SdotReading[];
    expect(history.map((r) => r.time.slice(11, 16))).toEqual(['13:00', '13:02', '13:04', '13:06', '13:08', '13:10', '13:12']);
    // Once the feed is quiet, what the page holds after folding the updates is what a new client gets.
    while (clock.pending.length === 0) await new Promise((r) => setTimeout(r, 1));
    while (state.version !== service.snapshot().version) state = await nextState();
    expect(state).toEqual(service.snapshot());
    service.stop();
    await reader.cancel().catch(() => {});
  });
});
