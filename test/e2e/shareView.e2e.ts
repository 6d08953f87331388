// Share a view: after a user selects City Hall, zooms, turns layers on and off (the date is set) and
// switches to Korean, "Copy link" gives a link that, opened in a fresh page, restores the same
// camera, time, layers, language and selected building, and draws the same picture.
import { expect, test, type Page } from '@playwright/test';
import { appUrl, diffPngs, globeShot, openApp, setLayer, waitForView, type PageGlobals } from './app.js';
import { cityHallRoofOnScreen } from './cityHall.js';

type G = PageGlobals & Record<string, any>;

interface Shared {
  camera: [number, number, number, number, number];
  time: string;
  layers: Record<string, boolean>;
  language: string;
  building: string | null;
}

const shared = (page: Page) =>
  page.evaluate(() => {
    const h = (globalThis as unknown as G).__vseoul!;
    return { camera: h.camera, time: h.time, layers: h.layers, language: h.language, building: h.selectedBuilding?.id ?? null } as Shared;
  });

test('a copied link reopens the same view: camera, time, layers, language and the selected building', async ({ page, context }) => {
  test.setTimeout(600_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, { lang: 'en', time: '2026-06-21T04:30:00Z' });
  const at = await cityHallRoofOnScreen(page);
  expect(at, 'City Hall is in the view').not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
  await expect(page.locator('#building-info')).toBeVisible();
  // Zoom in a little with the wheel, as a user would.
  await page.mouse.move(500, 300);
  await page.mouse.wheel(0, -200);
  await waitForView(page);
  await setLayer(page, 'parks', false);
  await setLayer(page, 'roads', true);
  await page.click('#language-toggle');
  await waitForView(page);

  const before = await shared(page);
  expect(before.language).toBe('ko');
  expect(before.building).not.toBeNull();
  expect(before.layers.parks).toBe(false);
  expect(before.layers.roads).toBe(true);
  expect(before.time).toBe('2026-06-21T04:30:00.000Z');

  await page.click('#view-share');
  await expect(page.locator('#share-link')).toBeVisible();
  const link = await page.locator('#share-link').inputValue();
  console.log(`shared link: ${link}`);
  expect(await page.evaluate(() => (globalThis as unknown as G).navigator.clipboard.readText())).toBe(link);
  expect(await page.evaluate(() => (globalThis as unknown as G).location.href)).toBe(link);
  await expect(page.locator('#share-status')).toHaveText('링크를 복사했습니다');
  await page.locator('#share-link').press('Escape');
  await expect(page.locator('#share-link')).toBeHidden();
  // Escape in the link closes the link, not the building's panel.
  await expect(page.locator('#building-info')).toBeVisible();
  await waitForView(page);
  const shotBefore = await globeShot(page, 'share-view-original');

  const reopened = await context.newPage();
  await reopened.setViewportSize({ width: 800, height: 600 });
  // The link carries everything; nothing of the test's default URL parameters is added.
  expect(new URL(link).origin).toBe(new URL(appUrl()).origin);
  await reopened.goto(link);
  await reopened.waitForFunction(() => (globalThis as unknown as G).__vseoul?.ready === true, null, { timeout: 90_000 });
  await reopened.waitForFunction(() => (globalThis as unknown as G).__vseoul?.selectedBuilding !== null, null, { timeout: 120_000 });
  await waitForView(reopened);
  const after = await shared(reopened);
  expect(after.language).toBe(before.language);
  expect(after.time).toBe(before.time);
  expect(after.layers).toEqual(before.layers);
  expect(after.building).toBe(before.building);
  // The link keeps 1e-7 degrees (1 cm), 0.01 m and 0.001 degrees.
  const [lon, lat, h, heading, pitch] = after.camera;
  expect(Math.abs(lon - before.camera[0])).toBeLessThan(1e-6);
  expect(Math.abs(lat - before.camera[1])).toBeLessThan(1e-6);
  expect(Math.abs(h - before.camera[2])).toBeLessThan(0.05);
  expect(Math.abs(heading - before.camera[3])).toBeLessThan(0.01);
  expect(Math.abs(pitch - before.camera[4])).toBeLessThan(0.01);
  await expect(reopened.locator('#building-info')).toBeVisible();

  const shotAfter = await globeShot(reopened, 'share-view-reopened');
  const diff = await diffPngs(page, shotBefore, shotAfter);
  console.log(`the reopened view differs in ${(diff.changedShare * 100).toFixed(2)} % of the globe pixels`);
  expect(diff.changedShare).toBeLessThan(0.02);
  await reopened.close();
});
