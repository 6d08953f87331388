// Flood tab in the real app (Debian Chromium, light mode): a rain flood on the visible area around
// City Hall (4 m cells, 15 min of 140 mm/h — the August 2022 storm's peak hour rate), its depth
// raster and legend on the globe, the time slider, the flooded-buildings table and CSV export;
// then the river connected fill from the build's water layers.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { diffPngs, globeShot, openApp, waitForView } from './app.js';

/** Looking straight down on City Hall and Cheonggyecheon (inside the Cheonggyecheon surface model). */
const VIEW = '126.975,37.5637,126.983,37.5707';

async function openTab(page: Page, tab: string): Promise<void> {
  if (!(await page.locator('#analysis-panel').isVisible()) || !(await page.locator(`#analysis-tab-${tab}.active`).count()))
    await page.click(`#analysis-tab-${tab}`);
  await expect(page.locator('#analysis-panel')).toBeVisible();
}

test('rain flood on the visible area, time slider, flooded buildings, CSV; river fill', async ({ page }) => {
  test.setTimeout(480_000);
  await openApp(page, { lang: 'en', view: VIEW });
  const start = await globeShot(page, 'flood-0-start');

  await openTab(page, 'flood');
  await page.selectOption('#flood-cell', '4');
  await page.fill('#flood-intensity', '140');
  await page.fill('#flood-duration', '0.25');
  await page.fill('#flood-drainage', '0');
  await page.fill('#flood-sim-hours', '0.25');
  await page.click('#flood-run');
  await expect(page.locator('#flood-status .analysis-status')).toContainText('water balance error', { timeout: 400_000 });
  const summary = await page.locator('#flood-status .analysis-status').textContent();
  console.log(`flood run: ${summary}`);
  // The engine's own water balance, shown to the user, is tiny.
  const err = Number(/error ([\d.e+-]+)/.exec(summary ?? '')?.[1]);
  expect(err).toBeLessThan(1e-6);
  await expect(page.locator('#legend-flood-depth')).toContainText('Maximum depth');
  const rows = page.locator('#flood-results tbody tr');
  const flooded = await rows.count();
  console.log(`flooded buildings listed: ${flooded}`);
  expect(flooded).toBeGreaterThan(0);

  // Time slider: the first snapshot (5 min).
  await page.locator('#flood-time').fill('0');
  await expect(page.locator('#flood-time-label')).toContainText('Time 5 min');
  await expect(page.locator('#legend-flood-depth')).toContainText('Water depth');
  await page.locator('#flood-time').fill('3'); // past the last snapshot: the maximum again
  await expect(page.locator('#flood-time-label')).toContainText('Maximum depth');

  // CSV of flooded buildings: one row per listed building, depths >= the 0.1 m threshold.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#flood-export-csv')]);
  expect(download.suggestedFilename()).toBe('flooded-buildings.csv');
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(csv[0]).toBe('id,name,use,floors,max_depth_m,arrival_min,semi_basement');
  expect(csv.length - 1).toBe(flooded);
  for (const line of csv.slice(1)) expect(Number(line.split(',').at(-3))).toBeGreaterThanOrEqual(0.1);

  await page.screenshot({ path: 'test-results/e2e/flood-1-panel.png' });
  await page.click('#analysis-panel-close');
  await waitForView(page);
  const depth = await globeShot(page, 'flood-2-max-depth');
  const changed = (await diffPngs(page, start, depth)).changedShare;
  console.log(`max-depth raster: ${(changed * 100).toFixed(1)}% of the globe pixels changed`);
  expect(changed).toBeGreaterThan(0.01);

  // River flooding: at 45 m the water connected to the streams' cells covers ~5 % of the view
  // (21,033 cells of the view's rectangle on the build's surface model).
  await openTab(page, 'flood');
  await page.fill('#flood-level', '45');
  await page.click('#flood-fill');
  await expect(page.locator('#flood-river-status .analysis-status')).toContainText('cells filled', { timeout: 120_000 });
  console.log(`river fill: ${await page.locator('#flood-river-status .analysis-status').textContent()}`);
  await expect(page.locator('#legend-flood-depth')).toContainText('River flood depth');
  await page.click('#analysis-panel-close');
  await waitForView(page);
  const river = await globeShot(page, 'flood-3-river');
  const riverChanged = (await diffPngs(page, start, river)).changedShare;
  console.log(`river-fill raster: ${(riverChanged * 100).toFixed(1)}% of the globe pixels changed`);
  expect(riverChanged).toBeGreaterThan(0.03); // the legend alone is ~2 %
});
