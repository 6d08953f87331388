// The S-DoT sensor layer in Chromium. The offline default (the shared host of globalSetup, no
// feed configured) must show all 851 real sites as "no reading yet". Then a second host is started
// here whose S-DoT feed polls a small Open-API-shaped server on 127.0.0.1: its rows are hand-made
// FIXTURES (real site serials, invented values), and the layer must follow when they change.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { RENDERER_OUT_DIR } from '../../build/bundleRenderer.js';
import { resolveSdotConfig } from '../../main/feeds/sdot/config.js';
import { SdotFeedService } from '../../main/feeds/sdot/sdotFeedService.js';
import { createSdotRoutes } from '../../main/feeds/sdot/sdotRoutes.js';
import { parseSensorSites } from '../../common/sdot/sensorSites.js';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import type { SensorTestHook } from '../../renderer/src/sensors/sensorTestHookApi.js';
import { appUrl, START_TIME, type PageGlobals } from './app.js';

type Globals = PageGlobals & { __vseoulSensors?: SensorTestHook };
const DATA_DIR = path.resolve(process.env.VSEOUL_DATA_DIR ?? '../shared/data');
const sites = parseSensorSites(readFileSync(path.join(DATA_DIR, 'sdot', 'sdot_sensor_locations_2020.csv'), 'utf8')).sites;
/** A second host on loopback serving the shared city build with this S-DoT service's routes. */
function startSdotHost(service: SdotFeedService): Promise<HostServer> {
  return startHostServer({
    rendererDir: process.env.VSEOUL_E2E_RENDERER ?? RENDERER_OUT_DIR,
    cesiumDir: path.resolve('node_modules/cesium/Build/Cesium'),
    cityDir: process.env.VSEOUL_E2E_CITY!,
    host: '127.0.0.1',
    port: 0,
    routes: [createSdotRoutes(service)],
  });
}

const sensors = <T>(page: Page, read: (h: SensorTestHook) => T): Promise<T> => page.evaluate(`(${read.toString()})(globalThis.__vseoulSensors)`) as Promise<T>;

async function openWithSensors(page: Page, url: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'warning' && /S-DoT|surface/.test(m.text())) console.log(`[page] ${m.text()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as Globals).__vseoul?.ready === true, null, { timeout: 90_000 });
  expect(await page.evaluate(() => (globalThis as unknown as Globals).__vseoul?.error ?? null)).toBeNull();
  await page.waitForFunction(() => (globalThis as unknown as Globals).__vseoulSensors?.siteCount === 851, null, { timeout: 60_000 });
  await page.locator('#layer-sdot-sites').check();
  await page.waitForFunction(() => (globalThis as unknown as Globals).__vseoulSensors?.drawnSites === 851);
  expect(errors).toEqual([]);
}

test('offline default: all 851 sites are drawn, every one "no reading yet"', async ({ page }) => {
  await openWithSensors(page, appUrl());
  expect(await sensors(page, (h) => ({ withValue: h.withValue, flagged: h.flagged, mode: h.mode, time: h.lastReadingTime }))).toEqual({
    withValue: 0,
    flagged: 0,
    mode: 'live',
    time: null,
  });
  expect(await sensors(page, (h) => h.colourOf('V02Q1940043'))).toBe('rgb(138, 143, 152)'); // grey: no reading yet
  await expect(page.locator('#sensor-status')).toContainText('851');
  await expect(page.locator('#sensor-panel')).toContainText(/Seoul Open Data API key|API key|인증|key/);
});

test.describe('with a live feed from a local Open API server', () => {
  let feed: Server;
  let host: HostServer;
  let service: SdotFeedService;
  let batch = 0;
  let pm25 = 10;
  // Every site but one (V02Q1940043 stays without a reading); `near` = nearest City Hall (on screen).
  const FIXTURE_SERIALS = sites.map((s) => s.serial).filter((s) => s !== 'V02Q1940043');
  const near = [...sites].sort((a, b) => Math.hypot(a.lon - 126.9779, a.lat - 37.5663) - Math.hypot(b.lon - 126.9779, b.lat - 37.5663));

  test.beforeAll(async () => {
    feed = createServer((req, res) => {
      batch++;
      // FIXTURE rows in the Open API shape; the time moves on with every answer.
      // Seoul time 2026-04-11 13:00 plus 2 minutes per answer, as "YYYY-MM-DD_HH:MM:SS".
      const kst = new Date(Date.UTC(2026, 3, 11, 13, 0) + batch * 120_000).toISOString();
      const stamp = `${kst.slice(0, 10)}_${kst.slice(11, 19)}`;
      const row = FIXTURE_SERIALS.map((serial, i) => ({
        SN: serial,
        MSRMT_HR: stamp,
        AVG_PM25: String(pm25 + (i % 3)),
        AVG_TP: '18.5',
        AVG_HUM: '40',
        AVG_NIS: '50',
      }));
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ IotVdata017: { list_total_count: row.length, RESULT: { CODE: 'INFO-000', MESSAGE: '정상 처리되었습니다' }, row } }));
      void req;
    });
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
    const feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`;
    const config = resolveSdotConfig({ argv: ['--sdot-key', 'FIXTURE-KEY', '--sdot-url', feedUrl, '--sdot-interval', '3'] });
    service = new SdotFeedService({ config, sites });
    service.start();
    host = await startSdotHost(service);
  });

  test.afterAll(async () => {
    service?.stop();
    await host?.close();
    feed?.closeAllConnections();
    await new Promise<void>((r) => feed.close(() => r()));
  });

  test("the layer shows the readings and updates when the server's readings change", async ({ page }) => {
    // Its waits alone may take 300 s on a loaded 2-core machine (the surface is recomputed per poll).
    test.setTimeout(360_000);
    await openWithSensors(page, `${host.url}?${new URLSearchParams({ light: '1', time: START_TIME })}`);
    await page.waitForFunction(() => (globalThis as unknown as Globals).__vseoulSensors!.withValue === 850, null, { timeout: 60_000 });
    const serial = near[0].serial;
    // PM2.5 10 µg/m³ is 좋음 (blue).
    expect(await page.evaluate((s) => (globalThis as unknown as Globals).__vseoulSensors!.colourOf(s), serial)).toBe('rgb(50, 120, 220)');
    expect(await sensors(page, (h) => h.colourOf('V02Q1940043'))).toBe('rgb(138, 143, 152)'); // not in the feed: no reading
    await page.locator('#layer-sdot-surface').check();
    await page.waitForFunction(() => ((globalThis as unknown as Globals).__vseoulSensors!.surface?.cellsWithData ?? 0) > 0, null, { timeout: 60_000 });
    const before = await sensors(page, (h) => h.surface!.job);

    pm25 = 90; // 매우나쁨 from the next poll on
    await page.waitForFunction((s) => (globalThis as unknown as Globals).__vseoulSensors!.colourOf(s) === 'rgb(220, 50, 50)', serial, { timeout: 90_000 });
    await page.waitForFunction((b) => ((globalThis as unknown as Globals).__vseoulSensors!.surface?.job ?? 0) > b, before, { timeout: 90_000 });
    await expect(page.locator('#sensor-time')).toContainText(/2026-04-1\d \d\d:\d\d KST/);
    const surface = await sensors(page, (h) => h.surface!);
    // Printed figure (not asserted): a new batch of 850 readings to the surface image handed to Cesium.
    console.log(
      `[bench] S-DoT surface in the browser (SwiftShader, worker + canvas + imagery): engine ${surface.engineMs.toFixed(0)} ms, total ${surface.totalMs.toFixed(0)} ms for ${surface.points} readings, ${surface.cellsWithData} cells`,
    );

    // Click a fixture site near City Hall whose point is on the globe (not under a panel).
    const target = await page.evaluate(
      (serials) => {
        const g = globalThis as unknown as Globals & { document: { elementFromPoint(x: number, y: number): { tagName: string } | null } };
        return g.__vseoul!.renderFrame().then(() => {
          for (const serial of serials) {
            const p = g.__vseoulSensors!.windowPositionOf(serial);
            if (p && g.document.elementFromPoint(p.x, p.y)?.tagName === 'CANVAS') return { serial, ...p };
          }
          return null;
        });
      },
      near
        .slice(0, 30)
        .map((s) => s.serial)
        .filter((s) => s !== 'V02Q1940043'),
    );
    expect(target, 'a fixture site is on screen').not.toBeNull();
    await page.mouse.click(target!.x, target!.y);
    await expect(page.locator('#sensor-details')).toContainText(target!.serial);
    await expect(page.locator('#sensor-details svg.sensor-chart')).toHaveAttribute('data-points', /^[1-9]\d*$/);
  });
});

test.describe('replaying the real hourly sample', () => {
  let host: HostServer;
  let service: SdotFeedService;

  test.beforeAll(async () => {
    const file = path.join(DATA_DIR, 'sdot', 'sdot_sample_V02Q1940043_20200501_hourly.csv');
    service = new SdotFeedService({ config: resolveSdotConfig({ argv: ['--sdot-replay', file] }), sites });
    host = await startSdotHost(service);
  });

  test.afterAll(async () => {
    service?.stop();
    await host?.close();
  });

  test('the time slider moves through the ten real readings of V02Q1940043', async ({ page }) => {
    await openWithSensors(page, `${host.url}?${new URLSearchParams({ light: '1', time: START_TIME })}`);
    await page.locator('#sensor-mode-replay').click();
    await page.waitForFunction(() => (globalThis as unknown as Globals).__vseoulSensors!.mode === 'replay');
    // 00:00 KST: PM2.5 7.9 µg/m³ (좋음); only this one sensor has a reading.
    expect(await sensors(page, (h) => [h.withValue, h.lastReadingTime, h.colourOf('V02Q1940043')])).toEqual([
      1,
      '2020-04-30T15:00:00.000Z',
      'rgb(50, 120, 220)',
    ]);
    await page.locator('#sensor-replay-time').evaluate((el) => {
      const input = el as unknown as { max: string; value: string; dispatchEvent(e: unknown): boolean };
      input.value = input.max;
      input.dispatchEvent(new (globalThis as unknown as { Event: new (t: string) => unknown }).Event('input'));
    });
    await page.waitForFunction(() => (globalThis as unknown as Globals).__vseoulSensors!.lastReadingTime === '2020-05-01T00:00:00.000Z');
    // Temperature at 09:00 KST is 21.27 °C; wind is never drawn (this unit's wind fields are all 0).
    await page.locator('#sensor-quantity').selectOption('windSpeed');
    expect(await sensors(page, (h) => [h.withValue, h.flagged])).toEqual([0, 1]);
    await page.locator('#sensor-quantity').selectOption('temperature');
    expect(await sensors(page, (h) => h.withValue)).toBe(1);
  });
});
