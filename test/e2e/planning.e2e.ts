// Planning and analyses in the real app (Debian Chromium, SwiftShader, light mode): place a box
// proposal by clicking the map, turn it with the keyboard, run ground sunlight on a drawn area
// (raster + legend on the map), then compare before/after the proposal (difference map + table).
import { expect, test } from '@playwright/test';
import { closePanel, drawArea, openTab, screenPoint } from './analysisPanel.js';
import { diffPngs, globeShot, openApp, waitForView } from './app.js';

/** The proposed tower: north-east of Seoul City Hall, so its winter shadow falls on the blocks to the north. */
const TOWER = { lon: 126.9795, lat: 37.5672 };
/** The analysis area: about 390 m x 440 m around the tower. */
const AREA = { west: 126.9773, south: 37.5652, east: 126.9817, north: 37.5692 };
/** Looking straight down on the area, the tower right of the side panel. */
const VIEW = '126.975,37.5637,126.983,37.5707';

test('place a box, run ground sunlight on an area, compare before and after', async ({ page }) => {
  test.setTimeout(420_000);
  await openApp(page, { lang: 'en', view: VIEW });
  const empty = await globeShot(page, 'planning-0-start');

  // Place a 40-floor box by clicking the map.
  await openTab(page, 'plan');
  await page.fill('#plan-new-floors', '40');
  await page.click('#plan-add-box');
  await expect(page.locator('#plan-hint')).toContainText('Click on the map');
  await closePanel(page);
  const at = await screenPoint(page, TOWER.lon, TOWER.lat);
  await page.mouse.click(at.x, at.y);
  await openTab(page, 'plan');
  await expect(page.locator('#proposal-list [data-proposal="box-1"]')).toBeVisible();
  await expect(page.locator('#proposal-floors')).toHaveValue('40');
  // ] turns the selected proposal 5° clockwise (focus on the map, not in a field).
  await page.locator('#analysis-panel-title').click();
  await page.keyboard.press(']');
  await expect(page.locator('#proposal-rotation')).toHaveValue('5');
  await closePanel(page);
  await waitForView(page);
  const placed = await globeShot(page, 'planning-1-box');
  const boxDiff = await diffPngs(page, empty, placed);
  console.log(`box drawn: ${(boxDiff.changedShare * 100).toFixed(1)}% of the globe pixels changed`);
  expect(boxDiff.changedShare).toBeGreaterThan(0.001); // a 30 m x 20 m roof is ~700 pixels here

  // Ground sunlight (winter solstice default, 08:00-16:00, 10 min) on a drawn rectangle.
  await openTab(page, 'sun');
  await expect(page.locator('#sun-date')).toHaveValue(/^\d{4}-12-2[0-3]$/);
  await drawArea(page, 'sun', AREA);
  await page.click('#sun-run-ground');
  await expect(page.locator('#sun-status .analysis-status')).toContainText('Done', { timeout: 240_000 });
  const legend = page.locator('#legend-sun-hours');
  await expect(legend).toBeVisible();
  await expect(legend).toContainText('Sunlight hours on the ground (h)');
  await closePanel(page);
  await waitForView(page);
  const sun = await globeShot(page, 'planning-2-sun-hours');
  const sunDiff = await diffPngs(page, placed, sun);
  console.log(`sun-hours raster: ${(sunDiff.changedShare * 100).toFixed(1)}% of the globe pixels changed`);
  expect(sunDiff.changedShare).toBeGreaterThan(0.15);

  // Compare before/after on the same area: difference map with its legend and a table.
  await openTab(page, 'compare');
  await drawArea(page, 'compare', AREA);
  await page.click('#compare-run');
  await expect(page.locator('#compare-status .analysis-status')).toContainText('Done', { timeout: 300_000 });
  await expect(page.locator('#legend-compare-difference')).toContainText('Change in sunlight');
  const cells = page.locator('.compare-summary tbody tr');
  await expect(cells).toHaveCount(4);
  const losing = Number(await cells.nth(3).locator('td').nth(1).textContent());
  const meanBefore = Number(await cells.nth(0).locator('td').nth(1).textContent());
  const meanAfter = Number(await cells.nth(1).locator('td').nth(1).textContent());
  console.log(`compare: mean ${meanBefore} h -> ${meanAfter} h, ${losing} cells lose >= 1 h`);
  expect(losing).toBeGreaterThan(1000);
  expect(meanAfter).toBeLessThan(meanBefore);
  await page.screenshot({ path: 'test-results/e2e/planning-3-compare-panel.png' });
  // The export tab offers the rasters as GeoTIFF.
  await openTab(page, 'export');
  await expect(page.locator('#export-tif-compare-difference')).toBeVisible();
  await closePanel(page);
  await waitForView(page);
  await globeShot(page, 'planning-4-difference');
  await page.screenshot({ path: 'test-results/e2e/planning-5-full.png' });
  // The start view looks north at an angle: the tower stands as a block, the difference on the ground.
  await page.keyboard.press('Home');
  await waitForView(page);
  await globeShot(page, 'planning-6-oblique');
});
