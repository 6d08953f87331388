// The analysis panel as a user drives it: open a tab, close the panel to free the map, draw an
// analysis rectangle with two clicks.
import { expect, type Page } from '@playwright/test';
import type { PageGlobals } from './app.js';

export interface LonLatBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Window position of a ground point, checked to lie on the free part of the map. */
export async function screenPoint(page: Page, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const p = await page.evaluate(([lon, lat]) => (globalThis as unknown as PageGlobals).__vseoul!.windowPosition(lon, lat, 0), [lon, lat] as const);
  expect(p, `${lon}, ${lat} is on screen`).not.toBeNull();
  // Clear of the side panel (left) and the credits (bottom).
  expect(p!.x).toBeGreaterThan(215);
  expect(p!.x).toBeLessThan(795);
  expect(p!.y).toBeGreaterThan(5);
  expect(p!.y).toBeLessThan(540);
  return p!;
}

export async function openTab(page: Page, tab: string): Promise<void> {
  if (!(await page.locator('#analysis-panel').isVisible()) || !(await page.locator(`#analysis-tab-${tab}.active`).count()))
    await page.click(`#analysis-tab-${tab}`);
  await expect(page.locator('#analysis-panel')).toBeVisible();
}

export async function closePanel(page: Page): Promise<void> {
  await page.click('#analysis-panel-close');
  await expect(page.locator('#analysis-panel')).toBeHidden();
}

/** Draws the analysis rectangle with two clicks (panel closed so the map is free). */
export async function drawArea(page: Page, tab: string, area: LonLatBox): Promise<void> {
  await page.click(`#${tab}-area-draw`);
  await closePanel(page);
  const a = await screenPoint(page, area.west, area.south);
  const b = await screenPoint(page, area.east, area.north);
  await page.mouse.click(a.x, a.y);
  await page.mouse.click(b.x, b.y);
  await openTab(page, tab);
  await expect(page.locator(`#${tab}-area-label`)).toContainText(String(Math.floor(area.west * 100) / 100));
}
