// Fire layers in Chromium against the real city build: all 62,732 hydrants load and aggregate
// when zoomed out, clicking a hydrant shows its address (checked against the source CSV) and its
// honest "unknown" status without a feed, and the coverage map colours the buildings (pixel diff)
// with a working gap export.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FireTestHook } from '../../renderer/src/fire/fireTestHookApi.js';
import { appUrl, diffPngs, globeShot, openApp, setLayer, waitForView, type PageGlobals } from './app.js';

type FireGlobals = { __vseoulFire?: FireTestHook };
const fire = <T>(page: Page, read: (h: FireTestHook) => T): Promise<T> => page.evaluate(`(${read.toString()})(globalThis.__vseoulFire)`) as Promise<T>;

const dataDir = path.resolve(process.env.VSEOUL_DATA_DIR ?? '../shared/data');
function hydrantRows(): Array<Record<string, string>> {
  return parse(readFileSync(path.join(dataDir, 'fire/seoul_fire_water_facilities.csv'), 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
}

test('all 62,732 hydrants load, drawn individually close up and aggregated when zoomed out', async ({ page }) => {
  await openApp(page, { lang: 'en' });
  await setLayer(page, 'fire-hydrants', true);
  await page.waitForFunction(() => (globalThis as unknown as FireGlobals).__vseoulFire?.stats['fire-hydrants']?.mode === 'points');
  expect(await fire(page, (h) => h.counts['fire-hydrants'])).toBe(62_732);
  const close = await fire(page, (h) => h.stats['fire-hydrants']);
  console.log(`start view: ${close.drawn} hydrants drawn individually`);
  expect(close.drawn).toBeGreaterThan(20);

  // Far out, over all of Seoul (?view=, straight down): every facility is counted exactly once.
  // (Zooming out key by key takes ~10 s a step in software WebGL.)
  await page.goto(appUrl({ lang: 'en', view: '126.76,37.42,127.21,37.71' }));
  await page.waitForFunction(() => (globalThis as unknown as PageGlobals).__vseoul?.ready === true, null, { timeout: 90_000 });
  await setLayer(page, 'fire-hydrants', true);
  await page.waitForFunction(
    () => {
      const s = (globalThis as unknown as FireGlobals).__vseoulFire?.stats['fire-hydrants'];
      return s?.mode === 'clusters' && s.represented === 62_732;
    },
    null,
    { timeout: 90_000 },
  );
  const far = await fire(page, (h) => h.stats['fire-hydrants']);
  console.log(`zoomed out: ${far.drawn} clusters represent ${far.represented} hydrants`);
  expect(far.drawn).toBeLessThan(2000);
  await waitForView(page);
  await globeShot(page, 'fire-hydrant-clusters');

  // Frame time with every fire layer on (printed, not asserted: software WebGL on a shared CPU).
  await setLayer(page, 'fire-emergency-devices', true);
  await setLayer(page, 'fire-stations', true);
  const ms = await page.evaluate(async () => {
    const h = (globalThis as unknown as PageGlobals).__vseoul!;
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await h.renderFrame();
      times.push(performance.now() - t);
    }
    return times.sort((a, b) => a - b)[2];
  });
  console.log(`frame time, all fire point layers on over all of Seoul (median of 5, SwiftShader 800x600): ${ms.toFixed(0)} ms`);
});

test('clicking a hydrant shows its number, address, safety centre and honest status', async ({ page }) => {
  await openApp(page, { lang: 'en' });
  await setLayer(page, 'fire-hydrants', true);
  await page.waitForFunction(() => ((globalThis as unknown as FireGlobals).__vseoulFire?.drawnIndices('fire-hydrants').length ?? 0) > 0);
  await waitForView(page);
  // A drawn hydrant near the middle of the view (not under a panel).
  const target = await page.evaluate(() => {
    const h = (globalThis as unknown as FireGlobals).__vseoulFire!;
    const candidates = h
      .drawnIndices('fire-hydrants')
      .map((i) => ({ i, p: h.pointWindowPosition('fire-hydrants', i) }))
      .filter((c): c is { i: number; p: { x: number; y: number } } => c.p !== null && c.p.x > 260 && c.p.x < 740 && c.p.y > 80 && c.p.y < 420);
    candidates.sort((a, b) => Math.hypot(a.p.x - 500, a.p.y - 250) - Math.hypot(b.p.x - 500, b.p.y - 250));
    return candidates[0] ?? null;
  });
  expect(target, 'a hydrant is drawn in the middle of the start view').not.toBeNull();
  await page.mouse.click(target!.p.x, target!.p.y);
  await page.waitForFunction(() => (globalThis as unknown as FireGlobals).__vseoulFire?.selectedFacility !== null);
  const selected = await fire(page, (h) => h.selectedFacility);
  const panel = page.locator('#fire-panel');
  await expect(panel).toBeVisible();
  // Oracle: the source CSV row of the facility the app says was clicked (same order as the build).
  const row = hydrantRows()[selected!.index];
  await expect(panel.locator('dd[data-field="facilityNo"]')).toHaveText(row.facility_no);
  await expect(panel.locator('dd[data-field="roadAddress"]')).toHaveText(row.road_address || '—');
  await expect(panel.locator('dd[data-field="lotAddress"]')).toHaveText(row.lot_address || '—');
  await expect(panel.locator('dd[data-field="safeCenter"]')).toHaveText(row.safe_center || '—');
  // No feed is configured in the e2e host: the status says so, nothing is made up.
  await expect(panel.locator('dd[data-field="status"]')).toHaveText('unknown (no feed configured)');
  console.log(`clicked ${row.facility_no}: ${row.road_address}`);
  await page.screenshot({ path: 'test-results/e2e/fire-hydrant-picked.png' });
});

test('the coverage map colours buildings covered/gap and exports the gaps', async ({ page }) => {
  await openApp(page, { lang: 'en' });
  const before = await globeShot(page, 'fire-coverage-off');
  await setLayer(page, 'fire-coverage', true);
  await page.waitForFunction(
    () => (globalThis as unknown as FireGlobals).__vseoulFire?.coverage !== null || (globalThis as unknown as FireGlobals).__vseoulFire?.coverageError !== null,
    null,
    { timeout: 90_000 },
  );
  expect(await fire(page, (h) => h.coverageError)).toBeNull();
  const summary = await fire(page, (h) => h.coverage!);
  console.log(
    `coverage: ${summary.covered} covered, ${summary.gaps} gaps of ${summary.buildings} buildings in ${summary.seconds.toFixed(2)} s (page, incl. fetch + worker)`,
  );
  expect(summary.covered + summary.gaps).toBe(summary.buildings);
  expect(summary.buildings).toBeGreaterThan(1000);
  await waitForView(page);
  const after = await globeShot(page, 'fire-coverage-on');
  const diff = await diffPngs(page, before, after);
  console.log(`coverage colours changed ${(diff.changedShare * 100).toFixed(1)}% of the globe view`);
  expect(diff.changedShare).toBeGreaterThan(0.03);
  await expect(page.locator('#fire-coverage-summary')).toContainText(String(summary.gaps));
  await expect(page.locator('#fire-hazard-formula')).toContainText('score = 100');

  const download = page.waitForEvent('download');
  await page.locator('#fire-export-csv').click();
  const file = await (await download).path();
  const csv = readFileSync(file!, 'utf8');
  const lines = csv.trim().split(/\r\n/);
  expect(lines[1]).toBe('building_id,name,use,zone_assumed,limit_m,distance_m,nearest_facility_no,hazard_score,lon,lat');
  expect(lines.length - 2).toBe(summary.gaps);
});
