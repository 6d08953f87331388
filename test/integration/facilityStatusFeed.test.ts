// The facility-status feed adapter against a real local HTTP server (127.0.0.1, stopped after):
// normal JSON and CSV, slow (timeout), failing (500), malformed and truncated responses; polling
// with at most one request in flight, backoff, staleness, and the SSE route pushing updates.
// The statuses served are hand-made FIXTURES, not real facility statuses.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACILITY_STATUS_FEED } from '../../common/facilityStatus.js';
import { FacilityStatusFeed, type FacilityStatusEvent } from '../../main/feeds/facilityStatusFeed.js';
import { createFeedRoutes } from '../../main/feeds/feedRoutes.js';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { createHostFixture } from '../support/hostFixture.js';
import { until } from '../support/until.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end('[]');
let server: Server;
let base = '';
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.on('close', () => inFlight--);
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

const FIXTURE_JSON = JSON.stringify({
  response: {
    body: {
      items: [
        { facility_no: '중부-충무-중부-3061', status: '정상', updated_at: '2026-11-22T05:00:00+09:00' },
        { facility_no: '강남-개포-강남-000001', status: 'out of service', updated_at: '2026-11-22T04:00:00+09:00' },
        { facility_no: '', status: 'ok' },
        { facility_no: 'X-1', status: 'maybe' },
        { facility_no: 'X-2', status: 'ok', updated_at: 'yesterday-ish' },
      ],
    },
  },
});

describe('facility status feed', () => {
  it('decodes a JSON feed (data.go.kr shape), rejecting rows with reasons, never guessing', async () => {
    handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(FIXTURE_JSON);
    const feed = new FacilityStatusFeed({ url: `${base}/status.json`, format: 'json' });
    await feed.pollOnce();
    const snap = feed.snapshot();
    expect(snap.state.lastError).toBeNull();
    const byId = Object.fromEntries(snap.entries.map((e) => [e.id, e]));
    expect(byId['중부-충무-중부-3061'].status).toBe('in-service');
    expect(byId['중부-충무-중부-3061'].updatedAt).toBe('2026-11-21T20:00:00.000Z');
    expect(byId['강남-개포-강남-000001'].status).toBe('out-of-service');
    expect(snap.entries).toHaveLength(2);
    expect(snap.state.rejected.map((r) => r.problem)).toEqual(['no facility_no', 'unknown status "maybe"', 'bad updated_at "yesterday-ish"']);
  });

  it('decodes CSV with a configured field mapping', async () => {
    handler = (_req, res) => res.writeHead(200, { 'Content-Type': 'text/csv' }).end('\ufeffno,state,time\nA-1,사용불가,2026-11-22T01:00:00Z\nA-2,available,\n');
    const feed = new FacilityStatusFeed({ url: `${base}/s.csv`, format: 'csv', fields: { id: 'no', status: 'state', updatedAt: 'time' } });
    await feed.pollOnce();
    const entries = feed.snapshot().entries;
    expect(entries.map((e) => [e.id, e.status, e.updatedAt])).toEqual([
      ['A-1', 'out-of-service', '2026-11-22T01:00:00.000Z'],
      ['A-2', 'in-service', null],
    ]);
  });

  it('keeps the last good statuses on 500, malformed, truncated and slow responses, and backs off', async () => {
    handler = (_req, res) => res.end(FIXTURE_JSON);
    const feed = new FacilityStatusFeed({ url: `${base}/s`, format: 'json', intervalMs: 1000, maxBackoffMs: 5000, timeoutMs: 300 });
    await feed.pollOnce();
    expect(feed.nextDelay()).toBe(1000);

    handler = (_req, res) => res.writeHead(500).end('boom');
    await feed.pollOnce();
    expect(feed.snapshot().state.lastError).toBe('HTTP 500 Internal Server Error');
    expect(feed.nextDelay()).toBe(2000);

    handler = (_req, res) => res.end('{"items": [ {"facility_no": "A", ');
    await feed.pollOnce();
    expect(feed.snapshot().state.lastError).toMatch(/malformed JSON/);
    expect(feed.nextDelay()).toBe(4000);

    // Truncated: the body stops before its announced length and the connection closes.
    handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': String(FIXTURE_JSON.length) });
      res.write(FIXTURE_JSON.slice(0, 40));
      setTimeout(() => res.destroy(), 20);
    };
    await feed.pollOnce();
    expect(feed.snapshot().state.lastError).not.toBeNull();
    expect(feed.nextDelay()).toBe(5000); // capped

    handler = (_req, res) => void setTimeout(() => res.end(FIXTURE_JSON), 2000); // slower than timeoutMs
    await feed.pollOnce();
    expect(feed.snapshot().state.lastError).toMatch(/no complete answer within 300 ms/);
    expect(feed.snapshot().state.consecutiveFailures).toBe(4);
    expect(feed.snapshot().entries).toHaveLength(2); // last good data kept

    handler = (_req, res) => res.end(FIXTURE_JSON);
    await feed.pollOnce();
    expect(feed.snapshot().state.consecutiveFailures).toBe(0);
    expect(feed.nextDelay()).toBe(1000);
  });

  it('marks statuses stale by their source time or receive time', async () => {
    handler = (_req, res) =>
      res.end(
        JSON.stringify([
          { facility_no: 'S-1', status: 'ok', updated_at: '2026-11-22T00:00:00Z' },
          { facility_no: 'S-2', status: 'ok' },
        ]),
      );
    const feed = new FacilityStatusFeed({ url: `${base}/s`, format: 'json', staleAfterMs: 60_000 });
    await feed.pollOnce();
    const [s1, s2] = feed.snapshot().entries;
    expect(feed.isStale(s1, Date.parse('2026-11-22T00:00:59Z'))).toBe(false);
    expect(feed.isStale(s1, Date.parse('2026-11-22T00:01:01Z'))).toBe(true);
    expect(feed.isStale(s2, Date.now())).toBe(false);
    expect(feed.isStale(s2, Date.now() + 61_000)).toBe(true);
  });

  it('polls on its own with never more than one request in flight', async () => {
    maxInFlight = 0;
    let served = 0;
    handler = (_req, res) =>
      void setTimeout(() => {
        served++;
        res.end(JSON.stringify([{ facility_no: 'P-1', status: served % 2 ? 'ok' : 'broken' }]));
      }, 150);
    const feed = new FacilityStatusFeed({ url: `${base}/s`, format: 'json', intervalMs: 5 });
    const events: FacilityStatusEvent[] = [];
    feed.subscribe((e) => events.push(e));
    feed.start();
    await until(() => feed.requests >= 3, 'three polls');
    feed.stop();
    expect(maxInFlight).toBe(1);
    expect(events[0].type).toBe('snapshot');
    const statuses = events.flatMap((e) => (e.type === 'update' ? e.changed.map((c) => c.status) : []));
    expect(statuses.slice(0, 2)).toEqual(['in-service', 'out-of-service']);
  });

  it('without a configured URL makes no requests and says so', async () => {
    const feed = new FacilityStatusFeed(null);
    feed.start();
    await feed.pollOnce();
    expect(feed.requests).toBe(0);
    expect(feed.snapshot().state.configured).toBe(false);
    expect(feed.snapshot().entries).toEqual([]);
  });
});

describe('facility status over Server-Sent Events through the real host', () => {
  let host: HostServer;
  let feed: FacilityStatusFeed;
  let cleanup: () => void;

  beforeAll(async () => {
    const fx = createHostFixture();
    cleanup = () => fx.cleanup();
    feed = new FacilityStatusFeed({ url: `${base}/s`, format: 'json' });
    host = await startHostServer({ rendererDir: fx.rendererDir, cesiumDir: fx.cesiumDir, cityDir: fx.cityDir, routes: [createFeedRoutes(feed)] });
  });
  afterAll(async () => {
    await host.close();
    cleanup();
  });

  it('pushes a snapshot, then the changes of each poll', async () => {
    const controller = new AbortController();
    const response = await fetch(new URL(FACILITY_STATUS_FEED.routes.events, host.url), { signal: controller.signal });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const events = () =>
      text
        .split('\n\n')
        .filter((b) => b.startsWith('event: '))
        .map((b) => JSON.parse(b.slice(b.indexOf('data: ') + 6)) as FacilityStatusEvent);
    const readUntil = async (n: number) => {
      while (events().length < n) text += decoder.decode((await reader.read()).value, { stream: true });
    };
    await readUntil(1);
    expect(events()[0].type).toBe('snapshot');
    handler = (_req, res) => res.end(JSON.stringify([{ facility_no: 'E-1', status: '고장', updated_at: '2026-11-22T05:00:00Z' }]));
    await feed.pollOnce();
    // A slow poll may also push its "polling" status on its own (an update without changes).
    const changes = () => events().flatMap((e) => (e.type === 'update' ? e.changed.map((c) => [c.id, c.status]) : []));
    while (changes().length === 0) await readUntil(events().length + 1);
    expect(
      events()
        .slice(1)
        .every((e) => e.type === 'update'),
    ).toBe(true);
    expect(changes()).toEqual([['E-1', 'out-of-service']]);
    controller.abort();
  });
});
