// Any LiveFeed served by the one route factory (main/feeds/feedRoutes.ts) through the real host on
// 127.0.0.1, read by the page's one feed client (renderer/src/feeds/feedClient.ts) over Node's
// EventSource: the snapshot route, snapshot-then-updates on the stream, the fold of the updates
// equal to the snapshot a new client gets, removers, destroy, and reopening a refused stream.
// Facility statuses served here are hand-made FIXTURES.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FACILITY_STATUS_FEED, type FacilityStatusSnapshot, type FacilityStatusUpdate } from '../../common/facilityStatus.js';
import { defineFeed, feedSubRoute, mergeByKey } from '../../common/feeds/feedContract.js';
import { FacilityStatusFeed } from '../../main/feeds/facilityStatusFeed.js';
import { createFeedRoutes, jsonResponse } from '../../main/feeds/feedRoutes.js';
import { FeedPublisher, type FeedListener, type LiveFeed } from '../../main/feeds/liveFeed.js';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { FeedClient, type FeedClientEvent } from '../../renderer/src/feeds/feedClient.js';
import { createHostFixture } from '../support/hostFixture.js';
import { until } from '../support/until.js';

interface Item {
  id: string;
  value: number;
}
type ListSnapshot = { items: Item[] };
type ListUpdate = { changed: Item[] };
const LIST_FEED = defineFeed<ListSnapshot, ListUpdate>('fixture-list', (s, u) => ({ items: mergeByKey(s.items, u.changed, (i) => i.id) }));

/** The smallest real LiveFeed: items put in by the test, published through the feeds' own publisher. */
class ListFeed implements LiveFeed<ListSnapshot, ListUpdate> {
  readonly definition = LIST_FEED;
  readonly publisher = new FeedPublisher<ListSnapshot, ListUpdate>(this, 5);
  private readonly items = new Map<string, Item>();
  private changed: Item[] = [];
  start(): void {}
  stop(): void {
    this.publisher.flush();
  }
  snapshot(): ListSnapshot {
    return { items: [...this.items.values()] };
  }
  takeUpdate(): ListUpdate {
    const changed = this.changed;
    this.changed = [];
    return { changed };
  }
  subscribe(listener: FeedListener<ListSnapshot, ListUpdate>): () => void {
    return this.publisher.subscribe(listener);
  }
  put(item: Item): void {
    this.items.set(item.id, item);
    this.changed.push(item);
    this.publisher.changed();
  }
}

let upstream: Server;
let upstreamBody = '[]';
let host: HostServer;
let cleanup: () => void;
let refuseStreams = 0;
const facility = new FacilityStatusFeed(null);
let configured: FacilityStatusFeed;
const list = new ListFeed();
const COUNT_ROUTE = feedSubRoute(LIST_FEED, 'count');

beforeAll(async () => {
  upstream = createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end(upstreamBody));
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  configured = new FacilityStatusFeed({ url: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/status`, format: 'json' });
  const fx = createHostFixture();
  cleanup = () => fx.cleanup();
  const listRoutes = createFeedRoutes(list, { [COUNT_ROUTE]: async () => jsonResponse(200, { count: list.snapshot().items.length }) });
  host = await startHostServer({
    rendererDir: fx.rendererDir,
    cesiumDir: fx.cesiumDir,
    cityDir: fx.cityDir,
    routes: [
      createFeedRoutes(configured),
      // A stream the host refuses (as one restarting might): the client must reopen it itself.
      (req) => (new URL(req.url).pathname === LIST_FEED.routes.events && refuseStreams-- > 0 ? Promise.resolve(jsonResponse(503, { error: 'FIXTURE' })) : null),
      listRoutes,
    ],
  });
});
afterAll(async () => {
  await host.close();
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
  cleanup();
});

describe('live feed routes and the page client', () => {
  it('serves the snapshot event at /api/feeds/<id>', async () => {
    const res = await fetch(new URL(FACILITY_STATUS_FEED.routes.snapshot, host.url));
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ type: 'snapshot', ...configured.snapshot() });
    expect(facility.snapshot().state).toMatchObject({ configured: false, state: 'off' });
  });

  it('streams a snapshot, then updates that fold into the snapshot a new client would get', async () => {
    const client = new FeedClient(FACILITY_STATUS_FEED, host.url);
    const seen: Array<FeedClientEvent<FacilityStatusSnapshot, FacilityStatusUpdate>['type']> = [];
    client.subscribe((e) => seen.push(e.type));
    client.connect();
    await until(() => client.connected, 'the snapshot');
    const polls = [
      [
        { facility_no: 'F-1', status: 'ok', updated_at: '2026-11-22T05:00:00Z' },
        { facility_no: 'F-2', status: 'broken' },
      ],
      [
        { facility_no: 'F-3', status: '고장' },
        { facility_no: 'F-1', status: 'ok', updated_at: '2026-11-22T05:00:00Z' },
      ],
      [{ facility_no: 'F-2', status: 'ok' }, { facility_no: 'F-1', status: 'fault', updated_at: '2026-11-22T06:00:00Z' }, { facility_no: '' }],
    ];
    for (const rows of polls) {
      upstreamBody = JSON.stringify(rows);
      expect(await configured.pollOnce()).toBe('ok');
      await until(() => isDeepStrictEqual(client.current, configured.snapshot()), 'the page to hold the host snapshot');
    }
    expect(client.current!.entries.map((e) => [e.id, e.status])).toEqual([
      ['F-1', 'out-of-service'],
      ['F-2', 'in-service'],
      ['F-3', 'out-of-service'],
    ]);
    expect(client.current!.state.rejected).toEqual([{ row: '#3', problem: 'no facility_no' }]);
    expect(seen[0]).toBe('snapshot');
    expect(seen.slice(1).every((t) => t === 'update')).toBe(true);
    client.destroy();
  });

  it('gives every subscription its remover, and destroy makes the host drop its listener', async () => {
    const client = new FeedClient(LIST_FEED, host.url);
    const kept: string[] = [];
    const removed: string[] = [];
    client.subscribe((e) => kept.push(e.type));
    const remove = client.subscribe((e) => removed.push(e.type));
    client.connect();
    await until(() => client.connected && list.publisher.size === 1, 'one listener on the host');
    remove();
    list.put({ id: 'a', value: 1 });
    await until(() => kept.length === 2, 'the update');
    expect(kept).toEqual(['snapshot', 'update']);
    expect(removed).toEqual(['snapshot']);
    expect(client.current).toEqual({ items: [{ id: 'a', value: 1 }] });
    client.destroy();
    await until(() => list.publisher.size === 0, 'the host to drop the listener');
    expect(client.connected).toBe(false);
  });

  it('answers a feed’s extra routes and leaves other paths to the host', async () => {
    expect(await (await fetch(new URL(COUNT_ROUTE, host.url))).json()).toEqual({ count: list.snapshot().items.length });
    expect((await fetch(new URL(feedSubRoute(LIST_FEED, 'nothing'), host.url))).status).toBe(404);
  });

  it('reopens a stream the host refused and starts again from a snapshot', async () => {
    refuseStreams = 2;
    const client = new FeedClient(LIST_FEED, host.url, { firstRetryMs: 20 });
    const seen: string[] = [];
    client.subscribe((e) => seen.push(e.type));
    client.connect();
    await until(() => client.connected, 'the reopened stream');
    expect(seen).toEqual(['disconnected', 'disconnected', 'snapshot']);
    expect(client.current).toEqual(list.snapshot());
    client.destroy();
  });
});
