// All of Seoul: the default build (every building source of the shared data,
// tiles/sources/seoul-all.json) in Chromium. The city-wide view shows the 25 gu labels and
// buildings across the city — the building overview's pixels with its layer on and off, at the
// most built-up points of Gangnam-gu and Jongno-gu by the build's footprints, against points on
// the Han River where none stand; street views show the 3D buildings, not the overview — and a ground
// sunlight analysis on Teheran-ro, far from the old building patches, gives a result read from the
// tiled surface model. The spec builds that city itself (a few minutes) and serves it on its own
// loopback host; VSEOUL_E2E_SEOUL_DIR=<build> reuses an existing default build.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CityManifest } from '../../common/buildFormat.js';
import { startHostServer, type HostServer } from '../../main/host/httpServer.js';
import { buildCity } from '../../tiles/buildCity.js';
import { closePanel, drawArea, openTab } from './analysisPanel.js';
import { diffPngs, globeShot, openApp, pixelsAt, setLayer, waitForView, GLOBE_CLIP, type PageGlobals } from './app.js';
import { denseBuildingPoints, districtPolygons, layerPolygons, onMap, pointsInside } from './mapPoints.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CITY_VIEW = '126.76,37.42,127.21,37.71';
/** Teheran-ro at Yeoksam station: towers of the official 2026 and 2021 building layers. */
const TEHERAN_VIEW = '127.0305,37.4965,127.0425,37.5055';
const TEHERAN_AREA = { west: 127.0345, south: 37.4992, east: 127.0385, north: 37.5028 };
/** Gangnam-gu and Seocho-gu around Gangnam Station and Teheran-ro: a gu-wide view. */
const GU_VIEW = '126.99,37.465,127.09,37.53';
/** Daehak-ro (Hyehwa), Jongno-gu: buildings only the citywide OSM files have. */
const DAEHAKRO_VIEW = '126.9985,37.5785,127.0075,37.5855';

let cityDir: string;
let tempDir: string | null = null;
let host: HostServer;
let manifest: CityManifest;

test.beforeAll(async () => {
  test.setTimeout(900_000);
  cityDir = process.env.VSEOUL_E2E_SEOUL_DIR ?? '';
  if (!cityDir) {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'vseoul-e2e-seoul-'));
    cityDir = path.join(tempDir, 'city');
    const started = performance.now();
    const issues: number[] = [];
    const summary = await buildCity(
      { sourceDir: path.resolve(repoRoot, process.env.VSEOUL_DATA_DIR ?? '../shared/data'), outDir: cityDir },
      { issue: () => issues.push(1), progress: () => {}, info: () => {} },
    );
    console.log(
      `[e2e seoul] default build: ${summary.buildingsBuilt} buildings, ${summary.tileCount} tiles, ${issues.length} report lines in ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
  }
  manifest = JSON.parse(readFileSync(path.join(cityDir, 'manifest.json'), 'utf8')) as CityManifest;
  console.log(`[e2e seoul] ${manifest.summary.buildingsBuilt} buildings, built ${manifest.builtAt}`);
  const rendererDir = process.env.VSEOUL_E2E_RENDERER;
  if (!rendererDir) throw new Error('VSEOUL_E2E_RENDERER is not set: run through `playwright test` (globalSetup bundles the renderer)');
  host = await startHostServer({
    rendererDir,
    cesiumDir: path.join(repoRoot, 'node_modules', 'cesium', 'Build', 'Cesium'),
    cityDir,
    host: '127.0.0.1',
    port: 0,
    onError: (line) => console.error(`[e2e seoul host] ${line}`),
  });
});

test.afterAll(async () => {
  await host?.close();
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
});

/** Share of the globe view that the buildings cover at `view`: screenshots with the buildings layer on and off. */
async function buildingsCover(page: Page, view: string, name: string): Promise<number> {
  await openApp(page, { lang: 'en', view }, host.url);
  const on = await globeShot(page, name);
  await setLayer(page, 'buildings', false);
  const off = await globeShot(page, `${name}-bare`);
  await setLayer(page, 'buildings', true);
  return (await diffPngs(page, on, off)).changedShare;
}

test('the city-wide view shows all 25 gu labels on the map', async ({ page }) => {
  await openApp(page, { lang: 'ko', view: CITY_VIEW }, host.url);
  const labels = await page.evaluate(() => (globalThis as unknown as PageGlobals).__vseoul!.mapLabels());
  const onMap = labels.filter((l) => l.x !== null && l.x > 200 && l.x < 800 && l.y !== null && l.y > 0 && l.y < 540).map((l) => l.text);
  console.log(`gu labels on the map: ${onMap.join(' ')}`);
  expect(new Set(onMap).size).toBe(25);
  expect(onMap).toEqual(expect.arrayContaining(['강남구', '종로구', '강서구', '강동구', '도봉구', '관악구']));
  await globeShot(page, 'seoul-city-wide');
});

/** The points (window pixels) where toggling `layer` off changes the pixel or one of its 8 neighbours by more than `tolerance` in a channel. */
async function changedByLayer(page: Page, layer: string, points: { x: number; y: number }[], tolerance = 24): Promise<boolean[]> {
  const around = points.flatMap(({ x, y }) => [-1, 0, 1].flatMap((dx) => [-1, 0, 1].map((dy) => ({ x: x + dx, y: y + dy }))));
  const on = await pixelsAt(page, await page.screenshot(), around);
  await setLayer(page, layer, false);
  const off = await pixelsAt(page, await page.screenshot(), around);
  await setLayer(page, layer, true);
  return points.map((_, p) => on.slice(9 * p, 9 * p + 9).some((rgb, k) => rgb.some((v, c) => Math.abs(v - off[9 * p + k][c]) > tolerance)));
}

test('the city-wide view shows where the city is built up: the building overview, in Gangnam and Jongno and not on the Han River', async ({ page }) => {
  test.setTimeout(420_000);
  expect(manifest.buildingOverview, 'the default build has the building overview').toBeDefined();
  await openApp(page, { lang: 'en', view: CITY_VIEW }, host.url);
  await expect(page.locator('#layer-buildings-overview')).toBeChecked();
  await expect(page.locator('#legend-items [data-overview-class]')).toHaveCount(manifest.buildingOverview!.classes.length);
  await globeShot(page, 'seoul-city-wide-overview');
  // District and waterway lines (one runs down the Han River) are drawn over the overview.
  await setLayer(page, 'districts', false);
  await setLayer(page, 'waterways', false);
  // The densest 200 m cells of the two gu by the build's footprints, and points 250 m inside the Han River's water.
  const dense = (gu: string) => denseBuildingPoints(cityDir, manifest, districtPolygons(cityDir, manifest, gu), 0.002, 0.3, 40);
  const gangnam = dense('강남구'),
    jongno = dense('종로구');
  const river = pointsInside(layerPolygons(cityDir, manifest, 'water'), manifest.extent!, 0.002, 250);
  const [gangnamAt, jongnoAt, riverAt] = [
    await onMap(
      page,
      gangnam.map((p) => [p.lon, p.lat]),
    ),
    await onMap(
      page,
      jongno.map((p) => [p.lon, p.lat]),
    ),
    await onMap(page, river),
  ];
  console.log(
    `dense points: Gangnam ${gangnamAt.length} (footprint share ${gangnam.at(-1)?.share.toFixed(2)}-${gangnam[0]?.share.toFixed(2)}), Jongno ${jongnoAt.length} (${jongno.at(-1)?.share.toFixed(2)}-${jongno[0]?.share.toFixed(2)}); Han River points ${riverAt.length}`,
  );
  expect(gangnamAt.length).toBeGreaterThanOrEqual(20);
  expect(jongnoAt.length).toBeGreaterThanOrEqual(20);
  expect(riverAt.length).toBeGreaterThan(30);
  const changed = await changedByLayer(page, 'buildings-overview', [...gangnamAt, ...jongnoAt, ...riverAt]);
  const count = (from: number, n: number) => changed.slice(from, from + n).filter(Boolean).length;
  const [g, j, r] = [count(0, gangnamAt.length), count(gangnamAt.length, jongnoAt.length), count(gangnamAt.length + jongnoAt.length, riverAt.length)];
  console.log(
    `overview off changes ${g} of ${gangnamAt.length} Gangnam points, ${j} of ${jongnoAt.length} Jongno points, ${r} of ${riverAt.length} Han River points`,
  );
  expect(g / gangnamAt.length).toBeGreaterThan(0.9);
  expect(j / jongnoAt.length).toBeGreaterThan(0.9);
  expect(r).toBe(0);

  // A gu-wide view: the overview fills in the buildings the ADD-refined tileset has not loaded there.
  await openApp(page, { lang: 'en', view: GU_VIEW }, host.url);
  const guOn = await globeShot(page, 'seoul-gu-wide-overview');
  await setLayer(page, 'buildings-overview', false);
  const guOff = await globeShot(page, 'seoul-gu-wide-no-overview');
  const guChanged = (await diffPngs(page, guOn, guOff)).changedShare;
  console.log(`gu-wide view: the overview changes ${(guChanged * 100).toFixed(1)} % of the globe pixels`);
  expect(guChanged).toBeGreaterThan(0.1);
});

test('street views far from the old patches are full of buildings: Daehak-ro (Jongno-gu) and Teheran-ro (Gangnam-gu)', async ({ page }) => {
  test.setTimeout(420_000);
  const jongno = await buildingsCover(page, DAEHAKRO_VIEW, 'seoul-daehakro-street');
  const gangnam = await buildingsCover(page, TEHERAN_VIEW, 'seoul-teheran-street');
  console.log(`buildings cover ${(jongno * 100).toFixed(1)} % of the view at Daehak-ro, ${(gangnam * 100).toFixed(1)} % at Teheran-ro`);
  expect(jongno).toBeGreaterThan(0.1);
  expect(gangnam).toBeGreaterThan(0.1);
  // At street level the 3D buildings show: the overview has faded out and draws nothing.
  const withOverview = await globeShot(page, 'seoul-teheran-street-overview-on');
  await setLayer(page, 'buildings-overview', false);
  const overviewOff = (await diffPngs(page, withOverview, await globeShot(page, 'seoul-teheran-street-overview-off'))).changedShare;
  console.log(`Teheran-ro street view: the overview changes ${(overviewOff * 100).toFixed(2)} % of the globe pixels`);
  expect(overviewOff).toBeLessThan(0.001);
});

test('Teheran-ro: ground sunlight on a drawn area gives a result from the tiled surface model', async ({ page }) => {
  test.setTimeout(600_000);
  await openApp(page, { lang: 'en', view: TEHERAN_VIEW }, host.url);
  const before = await globeShot(page, 'seoul-teheran-before-sun');
  await openTab(page, 'sun');
  await drawArea(page, 'sun', TEHERAN_AREA);
  await page.click('#sun-run-ground');
  await expect(page.locator('#sun-status .analysis-status')).toContainText('Done', { timeout: 360_000 });
  await expect(page.locator('#legend-sun-hours')).toContainText('Sunlight hours on the ground (h)');
  await closePanel(page);
  await waitForView(page);
  const sun = await globeShot(page, 'seoul-teheran-sun-hours');
  // The raster is draped on the ground of the area: its rectangle on screen, less what buildings hide.
  const corners = await page.evaluate(
    (a) => [a.west, a.east].flatMap((lon) => [a.south, a.north].map((lat) => (globalThis as unknown as PageGlobals).__vseoul!.windowPosition(lon, lat, 0)!)),
    TEHERAN_AREA,
  );
  const xs = corners.map((c) => c.x),
    ys = corners.map((c) => c.y);
  const areaShare = ((Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys))) / (GLOBE_CLIP.width * GLOBE_CLIP.height);
  const changed = (await diffPngs(page, before, sun)).changedShare;
  console.log(`Teheran-ro sun-hours raster: ${(changed * 100).toFixed(1)} % of the globe pixels changed; the area's box is ${(areaShare * 100).toFixed(1)} %`);
  expect(changed).toBeGreaterThan(0.4 * areaShare);
  expect(changed).toBeLessThan(1.2 * areaShare);
});
