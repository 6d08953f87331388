// The app in Chromium against the real city build (see globalSetup.ts): offline start, buildings
// drawn, picking with height provenance, layer toggles, languages, sun and shadows.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { diffPngs, globeShot, openApp, setLayer, waitForView, type PageGlobals } from './app.js';
import { CITY_HALL_NAME, cityHallFootprint } from './cityHall.js';

const hook = <T>(page: Page, read: (h: NonNullable<PageGlobals['__vseoul']>) => T): Promise<T> =>
  page.evaluate(`(${read.toString()})(globalThis.__vseoul)`) as Promise<T>;

/** The words the info panel must use for each height source (Korean UI). */
const PROVENANCE_KO: Record<string, string> = {
  measured: '실측 높이',
  floors: '층수 × 3.3 m',
  'default-by-use': '용도별 기본값',
};

test('starts with no network access: every request goes to the loopback host', async ({ page, context }) => {
  const external: string[] = [];
  const local: string[] = [];
  const cityVersions = new Set<string>();
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1') {
      local.push(url.pathname);
      if (/^\/city\/(tiles|terrain)\//.test(url.pathname)) cityVersions.add(url.searchParams.get('v') ?? '');
      return route.continue();
    }
    external.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await openApp(page);
  expect(external, 'requests to hosts other than 127.0.0.1').toEqual([]);
  // The start really came from the local city build and the bundled Cesium assets.
  expect(local.some((p) => p.startsWith('/city/tiles/'))).toBe(true);
  expect(local.some((p) => p.startsWith('/city/terrain/'))).toBe(true);
  expect(local.some((p) => p.startsWith('/cesium/Assets/Textures/NaturalEarthII/'))).toBe(true);
  // Every tile and terrain request names the build it belongs to (cache-busting after a rebuild).
  const manifest = (await page.evaluate(() => fetch('/api/city-manifest').then((r) => r.json()))) as { builtAt: string };
  expect([...cityVersions]).toEqual([manifest.builtAt]);
});

test('the tileset loads and the start view shows buildings', async ({ page }) => {
  await openApp(page);
  const withBuildings = await globeShot(page, 'start-view');
  await setLayer(page, 'buildings', false);
  const without = await globeShot(page, 'start-view-no-buildings');
  const diff = await diffPngs(page, withBuildings, without);
  console.log(`buildings cover ${(diff.changedShare * 100).toFixed(1)}% of the globe view, mean brightness ${diff.changedBrightnessA.toFixed(0)}`);
  // The start view looks at the City Hall / Cheonggyecheon patch: buildings fill a good part of it,
  // and they are lit (not black silhouettes).
  expect(diff.changedShare).toBeGreaterThan(0.08);
  expect(diff.changedBrightnessA).toBeGreaterThan(90);
});

test('clicking Seoul City Hall shows its attributes and where its height came from', async ({ page }) => {
  const hall = await cityHallFootprint();
  await openApp(page, { lang: 'ko' });
  // Aim just below the roof at the footprint's centroid: the roof faces the camera.
  const roof = (hall.sourceHeight ?? 20) * 0.9;
  const at = await page.evaluate(([lon, lat, h]) => (globalThis as unknown as PageGlobals).__vseoul!.windowPosition(lon, lat, h), [
    hall.lon,
    hall.lat,
    roof,
  ] as const);
  expect(at, 'City Hall is in the start view').not.toBeNull();
  await page.mouse.click(at!.x, at!.y);

  const panel = page.locator('#building-info');
  await expect(panel).toBeVisible();
  await expect(panel.locator('dd[data-field="name"]')).toHaveText(CITY_HALL_NAME);
  const selected = await hook(page, (h) => h.selectedBuilding);
  expect(selected?.name).toBe(CITY_HALL_NAME);
  expect(selected?.sourceId).toContain('198561926');
  await expect(panel.locator('dd[data-field="heightSource"]')).toContainText(PROVENANCE_KO[selected!.heightSource]);
  await expect(panel.locator('dd[data-field="height"]')).toContainText(selected!.height.toLocaleString('ko-KR', { maximumFractionDigits: 1 }));
  await expect(panel.locator('dd[data-field="sourceId"]')).toHaveText(selected!.sourceId);
  await waitForView(page);
  await page.screenshot({ path: 'test-results/e2e/city-hall-picked.png' });

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  expect(await hook(page, (h) => h.selectedBuilding)).toBeNull();

  // Keyboard habits: zoom out and pan move City Hall on screen; Home brings the start view back.
  const hallOnScreen = () =>
    page.evaluate(([lon, lat, h]) => (globalThis as unknown as PageGlobals).__vseoul!.windowPosition(lon, lat, h), [hall.lon, hall.lat, roof] as const);
  await page.keyboard.press('-');
  await page.keyboard.press('ArrowLeft');
  const moved = await hallOnScreen();
  expect(Math.hypot(moved!.x - at!.x, moved!.y - at!.y)).toBeGreaterThan(20);
  await page.keyboard.press('Home');
  const back = await hallOnScreen();
  expect(Math.hypot(back!.x - at!.x, back!.y - at!.y)).toBeLessThan(1);
});

test('?camera= opens at that camera, and the frame draws the building in front of it', async ({ page }) => {
  const hall = await cityHallFootprint();
  // The kiosk tour's City Hall camera (scenarios/tours/seoul.tour.json): south-east of it, looking at it.
  const tour = JSON.parse(await readFile('scenarios/tours/seoul.tour.json', 'utf8')) as { stops: Array<{ id: string; camera: Record<string, number> }> };
  const c = tour.stops.find((s) => s.id === 'city-hall')!.camera;
  const at = (heading: number) => ({ camera: [c.lon, c.lat, c.height, heading, c.pitch].join(',') });
  const hallOnScreen = () =>
    page.evaluate(([lon, lat, h]) => (globalThis as unknown as PageGlobals).__vseoul!.windowPosition(lon, lat, h), [
      hall.lon,
      hall.lat,
      (hall.sourceHeight ?? 20) / 2,
    ] as const);

  await openApp(page, at(c.heading));
  const p = await hallOnScreen();
  expect(p, 'City Hall is in view').not.toBeNull();
  // Right of the side panel, in the middle part of the window.
  expect(p!.x).toBeGreaterThan(300);
  expect(p!.x).toBeLessThan(700);
  expect(p!.y).toBeGreaterThan(150);
  expect(p!.y).toBeLessThan(500);
  const drawn = await hook(page, (h) => h.drawnBuildings(true));
  expect(drawn!.ids.some((id) => id.endsWith('198561926'))).toBe(true);
  expect(drawn!.buildings).toBe(drawn!.ids.length);
  expect(drawn!.triangles).toBeGreaterThan(drawn!.buildings * 10); // walls and roofs of prisms

  // Turned around, City Hall is behind the camera.
  await openApp(page, at(c.heading + 180));
  const behind = await hallOnScreen();
  expect(behind === null || behind.x < 0 || behind.x > 800 || behind.y < 0 || behind.y > 600).toBe(true);
});

test('toggling ground layers changes the picture', async ({ page }) => {
  await openApp(page);
  const before = await globeShot(page, 'layers-default');
  await setLayer(page, 'roads', true);
  const roads = await globeShot(page, 'layers-roads-on');
  const roadsDiff = await diffPngs(page, before, roads);
  await setLayer(page, 'roads', false);
  await setLayer(page, 'parks', false);
  const noParks = await globeShot(page, 'layers-parks-off');
  const parksDiff = await diffPngs(page, before, noParks);
  console.log(`roads on: ${(roadsDiff.changedShare * 100).toFixed(2)}% changed; parks off: ${(parksDiff.changedShare * 100).toFixed(2)}% changed`);
  expect(roadsDiff.changedShare).toBeGreaterThan(0.005);
  expect(parksDiff.changedShare).toBeGreaterThan(0.005);
});

test('switching the language changes every label and is remembered', async ({ page }) => {
  await openApp(page, { lang: 'ko' });
  const layerText = page.locator('#layer-items');
  await expect(layerText).toContainText('건물');
  await expect(page.locator('#time-control-title')).toHaveText('날짜와 시각 (서울, KST)');
  const ko = await globeShot(page, 'language-ko');

  await page.locator('#language-toggle').click();
  await expect(layerText).toContainText('Buildings');
  await expect(layerText).not.toContainText('건물');
  await expect(page.locator('#time-control-title')).toHaveText('Date and time (Seoul, KST)');
  await expect(page.locator('#legend-title')).toHaveText('Legend');
  expect(await hook(page, (h) => h.language)).toBe('en');
  await waitForView(page);
  // District names on the map switch too (e.g. 종로구 -> Jongno-gu).
  const en = await globeShot(page, 'language-en');
  const labelDiff = await diffPngs(page, ko, en);
  expect(labelDiff.changedShare).toBeGreaterThan(0.0005);

  // Remembered: a reload without ?lang= opens in English.
  await page.goto(page.url().replace(/&?lang=ko/, ''));
  await expect(page.locator('#layer-items')).toContainText('Buildings');
});

test('moving the date and time moves the sun and the shadows', async ({ page }) => {
  await openApp(page);
  const afternoon = await globeShot(page, 'time-1400');
  const slider = page.locator('#time-of-day');
  await slider.evaluate(
    (el, value) => {
      const input = el as unknown as { value: string; dispatchEvent(e: unknown): boolean };
      input.value = value;
      input.dispatchEvent(new (globalThis as unknown as { Event: new (t: string, i: object) => unknown }).Event('input', { bubbles: true }));
    },
    String(8 * 60),
  );
  await expect(page.locator('#time-value')).toHaveText('08:00');
  await waitForView(page);
  const morning = await globeShot(page, 'time-0800');
  const diff = await diffPngs(page, afternoon, morning);
  console.log(`08:00 vs 14:00: ${(diff.changedShare * 100).toFixed(1)}% of the view changed`);
  expect(diff.changedShare).toBeGreaterThan(0.05);

  // Play runs the clock (10 simulated minutes per second); Pause stops it.
  const play = page.locator('#time-play');
  await play.click();
  await expect(page.locator('#time-value')).not.toHaveText('08:00', { timeout: 30_000 });
  await play.click();
  const stopped = await page.locator('#time-value').textContent();
  await page.waitForTimeout(1500);
  await expect(page.locator('#time-value')).toHaveText(stopped!);
});
