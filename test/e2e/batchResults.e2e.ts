// A batch run's result in the app (issue 14): a real 2-tile ground-sun batch is run on the e2e city
// build through the real pipeline (plan, BullMQ on a loopback Redis, a worker, the merge), a second
// run is left queued; a host given the results folder and the Redis lists both, the queued one with
// its progress, and the finished one opens as a map layer whose pixels appear on the globe and go
// again when it is hidden and closed.
import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toWgs84 } from '../../common/crs.js';
import { BatchQueue } from '../../main/batch/batchQueue.js';
import { createBatchResultRoutes, type BatchResultRoutes } from '../../main/batch/batchResultRoutes.js';
import { queueProgress } from '../../main/batch/queueProgress.js';
import { startBatchWorker } from '../../main/batch/batchWorker.js';
import { cityUrlOf } from '../../main/batch/cliArgs.js';
import { planBatch } from '../../main/batch/planBatch.js';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { writeBatchScenario } from '../support/batchScenario.js';
import { startRedis, type TestRedis } from '../support/redisServer.js';
import { until } from '../support/until.js';
import { diffPngs, globeShot, openApp, setLayer, waitForView, type PageGlobals } from './app.js';

/** Two 1 km tiles of the e2e build's surface model (EPSG:5186), by the Hongjecheon. */
const BLOCK = { minX: 193000, minY: 554000, maxX: 195000, maxY: 555000 };
const SUN = { type: 'sunHours', date: '2026-06-21', start: '11:00', end: '13:00', stepMinutes: 60 };
const LAYER = 'batch-sun-hours';

let redis: TestRedis;
let tmp: string;
let routes: BatchResultRoutes;
let host: HostServer;

function lonLatBox(b: typeof BLOCK, inset: number): [number, number, number, number] {
  const [w, s] = toWgs84(5186, b.minX + inset, b.minY + inset);
  const [e, n] = toWgs84(5186, b.maxX - inset, b.maxY - inset);
  return [w, s, e, n];
}

test.beforeAll(async () => {
  test.setTimeout(300_000);
  const cityDir = process.env.VSEOUL_E2E_CITY!;
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-e2e-batch-'));
  redis = await startRedis();
  const out = path.join(tmp, 'out');
  const [w, s, e, n] = lonLatBox(BLOCK, 50);
  const plan = (runId: string) =>
    planBatch({
      scenarioFile: writeBatchScenario(tmp, runId, SUN),
      area: { kind: 'box', west: w, south: s, east: e, north: n },
      cityUrl: cityUrlOf(cityDir),
      outDir: out,
      runId,
    });
  const started = performance.now();
  const batch = new BatchQueue(redis.url);
  const worker = startBatchWorker({ redisUrl: redis.url, lockMs: 120_000 });
  try {
    expect(await batch.enqueue(await plan('sun'))).toBe(true);
    await until(() => existsSync(path.join(out, 'sun', 'summary.json')), 'the batch run to merge', 240_000);
  } finally {
    await worker.destroy();
  }
  console.log(`[e2e batch] 2-tile run planned, run and merged in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  // Enqueued with no worker left: it stays queued, 0 of 2 tiles done.
  expect(await batch.enqueue(await plan('queued'))).toBe(true);
  await batch.destroy();
  routes = createBatchResultRoutes({ resultsDir: out, queue: queueProgress(redis.url) });
  host = await startHostServer({
    rendererDir: process.env.VSEOUL_E2E_RENDERER!,
    cesiumDir: path.resolve('node_modules', 'cesium', 'Build', 'Cesium'),
    cityDir,
    routes: [routes.route],
  });
});

test.afterAll(async () => {
  await host?.close();
  await routes?.destroy();
  await redis?.stop();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test('a finished batch run opens as a map layer; a queued one shows its progress', async ({ page }) => {
  test.setTimeout(180_000);
  await openApp(page, { lang: 'en', view: lonLatBox(BLOCK, 0).join(',') }, host.url);
  const finished = page.locator('#batch-run-items li[data-run="sun"]');
  const queued = page.locator('#batch-run-items li[data-run="queued"]');
  await expect(page.locator('#batch-results')).toBeVisible();
  await expect(finished).toHaveAttribute('data-status', 'finished');
  await expect(finished).toContainText('2/2 tiles, 0 failed');
  await expect(queued).toHaveAttribute('data-status', 'running');
  await expect(queued).toContainText('0/2 tiles done, 0 running, 2 waiting, 0 failed');
  await expect(queued.locator('progress')).toHaveAttribute('max', '2');

  const off = await globeShot(page, 'batch-off');
  await page.locator(`#${LAYER}-open`).click();
  await page.waitForFunction((id) => (globalThis as unknown as PageGlobals).__vseoul?.layers[id] === true, LAYER);
  await expect(page.locator(`#legend-${LAYER}`)).toContainText('sun');
  // The run's item counts the imagery tiles painted and still being painted.
  await page.waitForFunction(() => {
    type Item = { dataset: Record<string, string | undefined> };
    const doc = (globalThis as unknown as { document: { querySelector(s: string): Item | null } }).document;
    const item = doc.querySelector('#batch-run-items li[data-run="sun"]');
    return Number(item?.dataset.drawn ?? 0) > 0 && item?.dataset.pending === '0';
  });
  await waitForView(page);
  const on = await globeShot(page, 'batch-on');
  const shown = await diffPngs(page, off, on);
  // The two tiles fill most of the view: the ramp's colours replace the ground over much of it.
  expect(shown.changedShare).toBeGreaterThan(0.3);
  await page.screenshot({ path: 'test-results/e2e/batch-app.png' });

  await setLayer(page, LAYER, false);
  const hidden = await diffPngs(page, off, await globeShot(page, 'batch-hidden'));
  expect(hidden.changedShare).toBeLessThan(0.02);

  await page.locator(`#${LAYER}-open`).click();
  await expect(page.locator(`#layer-${LAYER}`)).toHaveCount(0);
  await expect(page.locator(`#legend-${LAYER}`)).toHaveCount(0);
});
