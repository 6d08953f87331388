// The browser-mode host on 127.0.0.1 against hostile or careless clients (issue 15): two Host
// headers, the Permissions-Policy header on every response, Cross-Origin-Resource-Policy on feed and
// kiosk responses, and request bodies cut off by 20 clients logging one line each, not stack traces.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_LOG_ROUTE } from '../../common/tourFormat.js';
import { FacilityStatusFeed } from '../../main/feeds/facilityStatusFeed.js';
import { createFeedRoutes } from '../../main/feeds/feedRoutes.js';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { createKioskRoutes } from '../../main/kiosk/kioskRoutes.js';
import { createHostFixture, type HostFixture } from '../support/hostFixture.js';
import { rawGet, rawRequest } from '../support/rawHttp.js';
import { until } from '../support/until.js';

const PERMISSIONS_POLICY = 'camera=(), microphone=(), geolocation=(), payment=(), usb=()';

let host: HostServer;
let fixture: HostFixture;
let logDir: string;
const errorLines: string[] = [];
const facility = new FacilityStatusFeed(null);

beforeAll(async () => {
  fixture = createHostFixture();
  logDir = mkdtempSync(join(tmpdir(), 'vseoul-kiosk-log-'));
  host = await startHostServer({
    rendererDir: fixture.rendererDir,
    cesiumDir: fixture.cesiumDir,
    cityDir: fixture.cityDir,
    routes: [createFeedRoutes(facility), createKioskRoutes({ logDir, toursDir: join(fixture.base, 'tours') })],
    onError: (line) => errorLines.push(line),
  });
});

afterAll(async () => {
  await host?.close();
  fixture?.cleanup();
  rmSync(logDir, { recursive: true, force: true });
});

describe('host headers', () => {
  it('answers 400 to a request with two Host headers', async () => {
    const twice = await rawRequest(
      host.port,
      `GET /api/app-info HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`,
    );
    expect(twice.status).toBe(400);
    expect(twice.body.toString()).toContain('Host');
    const once = await rawGet(host.port, '/api/app-info');
    expect(once.status).toBe(200);
  });

  it('sends Permissions-Policy on every response, whatever answers it', async () => {
    const targets = [
      '/',
      '/app.js',
      '/cesium/Cesium.js',
      '/city/tiles/tileset.json',
      '/api/app-info',
      '/api/no-such-route',
      '/no-such-file',
      '/api/feeds/facility-status',
    ];
    for (const target of targets) {
      const res = await fetch(`${host.url}${target.slice(1)}`);
      expect(res.headers.get('permissions-policy'), target).toBe(PERMISSIONS_POLICY);
      await res.arrayBuffer();
    }
    // Answers made by the node:http layer itself (a foreign Host name, two Host headers) carry it too.
    const foreign = await rawRequest(host.port, 'GET / HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n');
    expect(foreign.status).toBe(421);
    expect(foreign.head.toLowerCase()).toContain(`permissions-policy: ${PERMISSIONS_POLICY}`);
    const twice = await rawGet(host.port, '/', { Host: 'evil.example' });
    expect(twice.status).toBe(400);
    expect(twice.head.toLowerCase()).toContain(`permissions-policy: ${PERMISSIONS_POLICY}`);
  });

  it('sends Cross-Origin-Resource-Policy: same-origin on feed and kiosk responses', async () => {
    const snapshot = await fetch(`${host.url}api/feeds/facility-status`);
    expect(snapshot.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    await snapshot.arrayBuffer();
    const controller = new AbortController();
    const events = await fetch(`${host.url}api/feeds/facility-status/events`, { signal: controller.signal });
    expect(events.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    controller.abort();
    const tour = await fetch(`${host.url}api/kiosk/tours/missing`);
    expect(tour.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    await tour.arrayBuffer();
    const log = await fetch(`${host.url}${CLIENT_LOG_ROUTE.slice(1)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ lines: [{ level: 'info', message: 'FIXTURE line' }] }),
    });
    expect(log.status).toBe(204);
    expect(log.headers.get('cross-origin-resource-policy')).toBe('same-origin');
  });

  it('logs one line, not a stack trace, for each request body a client abandons (20 clients)', async () => {
    errorLines.length = 0;
    const clients = 20;
    await Promise.all(
      Array.from(
        { length: clients },
        () =>
          new Promise<void>((resolve) => {
            const socket = connect(host.port, '127.0.0.1', () => {
              socket.write(
                `POST ${CLIENT_LOG_ROUTE} HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{"lines": [`,
              );
              setTimeout(() => socket.destroy(), 100);
            });
            socket.on('close', () => resolve());
            socket.on('error', () => {});
          }),
      ),
    );
    await until(() => errorLines.length >= clients, `${clients} log lines`, 10_000);
    // Let any late extra line arrive before counting.
    await new Promise((r) => setTimeout(r, 300));
    console.log(`abandoned bodies logged:\n${errorLines.slice(0, 3).join('\n')}`);
    expect(errorLines).toHaveLength(clients);
    for (const line of errorLines) {
      expect(line).not.toContain('\n');
      expect(line).toBe(`POST ${CLIENT_LOG_ROUTE}: the client went away before sending the whole request body`);
    }
  });
});
