// The feeds' one poller, driven by a manual clock: cadence, at most one poll and one request in
// flight, the per-request timeout, the backoff rule (growth, cap, reset on recovery) and stop.
// Requests go to a real HTTP server on 127.0.0.1 (stopped after); its answers are FIXTURES.
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffDelay, defineFeed, mergeByKey } from '../../../common/feeds/feedContract.js';
import { feedStatusOf, Poller, type PollerOptions, type PollerStatus } from '../../../main/feeds/poller.js';
import { ManualClock } from '../../support/manualClock.js';

let server: Server;
let base = '';
let answer: (res: ServerResponse) => void = (res) => res.end('ok');
let open = 0;
let maxOpen = 0;
const arrived: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    open++;
    maxOpen = Math.max(maxOpen, open);
    res.on('close', () => open--);
    arrived.push(req.url ?? '');
    answer(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function makePoller(poll: PollerOptions['poll'], extra: Partial<PollerOptions> = {}) {
  const clock = new ManualClock();
  const statuses: PollerStatus[] = [];
  const poller = new Poller({
    intervalMs: 60_000,
    timeoutMs: 500,
    firstRetryMs: 1_000,
    maxBackoffMs: 5_000,
    clock,
    poll,
    onStatus: (s) => statuses.push(s),
    ...extra,
  });
  return { poller, clock, statuses };
}

/** Fires the one pending timer and waits for the poll it starts. */
async function step(clock: ManualClock, poller: Poller): Promise<number> {
  const ms = clock.fire();
  await poller.idle();
  await Promise.resolve();
  return ms;
}

const untilArrived = async (n: number) => {
  while (arrived.length < n) await new Promise((r) => setTimeout(r, 2));
};

describe('poller', () => {
  it('polls at once on start, then every interval while all is well', async () => {
    const bodies: string[] = [];
    answer = (res) => res.end('FIXTURE body');
    const { poller, clock } = makePoller(async (request) => void bodies.push(await request.fetchText(`${base}/feed`)));
    poller.start();
    poller.start(); // a second start changes nothing
    expect(await step(clock, poller)).toBe(0);
    expect(await step(clock, poller)).toBe(60_000);
    expect(bodies).toEqual(['FIXTURE body', 'FIXTURE body']);
    expect(poller.status).toMatchObject({ state: 'ok', consecutiveFailures: 0, lastError: null, requests: 2, lastSuccessAt: clock.t });
    expect(clock.pending.map((p) => p.ms)).toEqual([60_000]);
    expect(poller.status.nextPollAt).toBe(clock.t + 60_000);
    poller.stop();
  });

  it('waits longer after each consecutive failure, never more than the cap, and the interval again after a success', async () => {
    let failuresLeft = 5;
    const { poller, clock } = makePoller(async () => {
      if (failuresLeft-- > 0) throw new Error(`FIXTURE failure ${5 - failuresLeft}`);
    });
    poller.start();
    const waits: number[] = [];
    const after: Array<[number, string | null]> = [];
    for (let i = 0; i < 7; i++) {
      waits.push(await step(clock, poller));
      after.push([poller.status.consecutiveFailures, poller.status.lastError]);
    }
    // first retry 1 s, doubled per failure, capped at 5 s; the success at the 6th poll resets the wait.
    expect(waits).toEqual([0, 1_000, 2_000, 4_000, 5_000, 5_000, 60_000]);
    expect(after.slice(0, 5)).toEqual([1, 2, 3, 4, 5].map((n) => [n, `FIXTURE failure ${n}`]));
    expect(poller.status).toMatchObject({ state: 'ok', consecutiveFailures: 0, lastError: null });
    expect([1, 2, 3, 4, 5, 6].map((n) => poller.delayAfter(n))).toEqual([1_000, 2_000, 4_000, 5_000, 5_000, 5_000]);
    poller.stop();
  });

  it('has at most one poll and one request in flight', async () => {
    arrived.length = 0;
    maxOpen = 0;
    const held: ServerResponse[] = [];
    answer = (res) => held.push(res);
    let secondRequest: unknown = null;
    const { poller, clock } = makePoller(async (request) => {
      const first = request.fetchText(`${base}/one`);
      secondRequest = await request.fetchText(`${base}/two`).catch((err: Error) => err.message);
      await first;
    });
    const running = poller.pollNow();
    expect(await poller.pollNow()).toBe('skipped-in-flight');
    await untilArrived(1);
    held[0].end('FIXTURE');
    expect(await running).toBe('ok');
    expect(secondRequest).toBe('a poll may have only one request in flight');
    expect(arrived).toEqual(['/one']);
    expect(maxOpen).toBe(1);
    expect(clock.pending).toEqual([]);
  });

  it('gives up on a request that has no complete answer within the timeout (on its clock)', async () => {
    arrived.length = 0;
    answer = (res) => res.writeHead(200, { 'Content-Length': '100' }).write('FIXTURE start of a body that never ends');
    const { poller, clock } = makePoller(async (request) => void (await request.fetchText(`${base}/slow`)));
    const running = poller.pollNow();
    await untilArrived(1);
    expect(clock.fire()).toBe(500);
    expect(await running).toBe('error');
    expect(poller.status.lastError).toBe('no complete answer within 500 ms');
  });

  it('fails on HTTP errors and cut-off bodies, and the failures count', async () => {
    const { poller } = makePoller(async (request) => void (await request.fetchText(`${base}/x`)));
    answer = (res) => res.writeHead(503).end('busy');
    expect(await poller.pollNow()).toBe('error');
    expect(poller.status.lastError).toBe('HTTP 503 Service Unavailable');
    answer = (res) => {
      res.writeHead(200, { 'Content-Length': '1000' });
      res.write('{"cut": ');
      setImmediate(() => res.destroy());
    };
    expect(await poller.pollNow()).toBe('error');
    expect(poller.status.consecutiveFailures).toBe(2);
  });

  it('stop aborts the running request, cancels the next poll and keeps quiet after', async () => {
    arrived.length = 0;
    answer = () => {}; // never answers
    let delivered = false;
    const { poller, clock, statuses } = makePoller(async (request) => {
      await request.fetchText(`${base}/held`).catch(() => {});
      if (request.signal.aborted) return;
      delivered = true;
    });
    poller.start();
    clock.fire();
    await untilArrived(1);
    poller.stop();
    await poller.idle();
    expect(delivered).toBe(false);
    expect(clock.pending).toEqual([]);
    expect(poller.status).toMatchObject({ state: 'stopped', nextPollAt: null, consecutiveFailures: 0 });
    expect(await poller.pollNow()).toBe('stopped');
    expect(statuses.at(-1)?.state).toBe('stopped');
  });

  it('reports its status to the page with ISO times, and "off" without a poller', () => {
    const status: PollerStatus = {
      state: 'error',
      lastAttemptAt: Date.parse('2026-04-11T04:00:00Z'),
      lastSuccessAt: null,
      nextPollAt: Date.parse('2026-04-11T04:00:02Z'),
      lastError: 'HTTP 500',
      consecutiveFailures: 1,
      requests: 3,
    };
    expect(feedStatusOf(status, 120_000)).toEqual({
      state: 'error',
      lastAttemptAt: '2026-04-11T04:00:00.000Z',
      lastSuccessAt: null,
      lastError: 'HTTP 500',
      consecutiveFailures: 1,
      nextPollAt: '2026-04-11T04:00:02.000Z',
      intervalSeconds: 120,
    });
    expect(feedStatusOf(null, 120_000).state).toBe('off');
  });
});

describe('feed contract', () => {
  it('one backoff rule: first wait, doubled per failure, capped', () => {
    expect([1, 2, 3, 4, 5].map((n) => backoffDelay(n, 30_000, 100_000))).toEqual([30_000, 60_000, 100_000, 100_000, 100_000]);
  });

  it('merges changed items by key, keeping the order of first arrival', () => {
    const items = [
      { id: 'a', v: 1 },
      { id: 'b', v: 1 },
    ];
    expect(
      mergeByKey(
        items,
        [
          { id: 'c', v: 1 },
          { id: 'a', v: 2 },
        ],
        (i) => i.id,
      ),
    ).toEqual([
      { id: 'a', v: 2 },
      { id: 'b', v: 1 },
      { id: 'c', v: 1 },
    ]);
    expect(items[0].v).toBe(1); // the snapshot it was given is not changed
  });

  it('gives every feed the same two routes', () => {
    expect(defineFeed('air-quality', (s: number) => s).routes).toEqual({ snapshot: '/api/feeds/air-quality', events: '/api/feeds/air-quality/events' });
    expect(() => defineFeed('../wiki', (s: number) => s)).toThrow(/lower-case letters/);
  });
});
