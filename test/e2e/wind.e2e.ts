// Wind in the real app (Debian Chromium, SwiftShader, light mode): run the 3D lattice-Boltzmann
// engine in the analysis worker (WebAssembly SIMD kernel) over the visible blocks around Seoul City
// Hall at 8 m cells (a first run asks for S-DoT inflow and is refused, a second is cancelled mid-way), then check the progress/residual readout, the pedestrian ratio raster with its
// legend, the streamlines and corridors drawn on the map.
import { expect, test } from '@playwright/test';
import { diffPngs, globeShot, openApp, waitForView } from './app.js';

/** Looking straight down on ~400 m x 450 m around City Hall. */
const VIEW = '126.9773,37.5652,126.9817,37.5692';

test('simulate wind over the visible blocks: ratio raster, legend, streamlines, residuals', async ({ page }) => {
  test.setTimeout(420_000);
  await openApp(page, { lang: 'en', view: VIEW });
  const before = await globeShot(page, 'wind-0-start');
  await page.click('#analysis-tab-wind');
  await expect(page.locator('#wind-panel')).toBeVisible();
  await page.selectOption('#wind-cell', '8');
  await page.fill('#wind-height', '64');
  await page.fill('#wind-direction', '315');
  // Inflow from S-DoT: with the live feed off (no API key) there are no wind readings, so the run
  // stops before simulating and says how many sites near the area it looked at.
  await page.selectOption('#wind-inflow', 'sdot');
  await page.click('#wind-run');
  const sdotLine = page.locator('#wind-status .analysis-status');
  await expect(sdotLine).toContainText('S-DoT sites within 1 km of the area have no wind reading', { timeout: 60_000 });
  const sites = Number(/The (\d+) S-DoT sites/.exec((await sdotLine.textContent()) ?? '')?.[1]);
  console.log(`S-DoT inflow: ${sites} sites near the area, none with a wind reading`);
  expect(sites).toBeGreaterThan(0);
  await expect(page.locator('#wind-direction')).toHaveValue('315');
  await page.selectOption('#wind-inflow', 'entered');
  // Cancel mid-run: the engine yields between batches of steps, so the cancel reaches the worker.
  await page.click('#wind-run');
  await expect(page.locator('#wind-status')).toContainText('residual', { timeout: 120_000 });
  await page.click('#wind-status .analysis-cancel');
  await expect(page.locator('#wind-status .analysis-status')).toHaveText('Cancelled.', { timeout: 30_000 });
  // Then the whole run; progress shows the residual while it runs.
  await page.click('#wind-run');
  await expect(page.locator('#wind-status')).toContainText('residual', { timeout: 120_000 });
  await expect(page.locator('#wind-status .analysis-status')).toContainText('steps', { timeout: 360_000 });
  const summary = (await page.locator('#wind-status .analysis-status').textContent()) ?? '';
  console.log(`wind run: ${summary}`);
  expect(summary).toMatch(/lattice \d+ x \d+ x 8/);
  const r = await page.evaluate(() => {
    type Res = { ratio: { values: Float32Array; noData: number }; residuals: Float32Array; corridors: unknown[] };
    const doc = (globalThis as unknown as { document: { getElementById(id: string): { windResult?: () => Res | null } | null } }).document;
    const root = doc.getElementById('wind-panel');
    if (!root) return null;
    const res = root.windResult?.();
    if (!res) return null;
    const open = [...res.ratio.values].filter((v) => v !== res.ratio.noData);
    return {
      open: open.length,
      mean: open.reduce((a, b) => a + b, 0) / open.length,
      max: Math.max(...open),
      residuals: res.residuals.length,
      first: res.residuals[0],
      last: res.residuals[res.residuals.length - 1],
      corridors: res.corridors.length,
    };
  });
  console.log(
    `pedestrian cells ${r?.open}, mean ratio ${r?.mean.toFixed(3)}, max ${r?.max.toFixed(3)}, residual ${r?.first.toExponential(2)} -> ${r?.last.toExponential(2)}, corridors ${r?.corridors}`,
  );
  expect(r).not.toBeNull();
  expect(r!.open).toBeGreaterThan(100);
  expect(r!.mean).toBeGreaterThan(0.05);
  expect(r!.max).toBeLessThan(3);
  expect(r!.last).toBeLessThan(r!.first);
  await expect(page.locator('#legend-wind-ratio')).toContainText('Pedestrian wind speed ratio');
  await expect(page.locator('#wind-residuals')).toBeVisible();
  await page.screenshot({ path: 'test-results/e2e/wind-1-panel.png' });
  await page.click('#analysis-panel-close');
  await waitForView(page);
  const after = await globeShot(page, 'wind-2-ratio');
  const diff = await diffPngs(page, before, after);
  console.log(`wind raster + streamlines: ${(diff.changedShare * 100).toFixed(1)}% of the globe pixels changed`);
  expect(diff.changedShare).toBeGreaterThan(0.15);
});
