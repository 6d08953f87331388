// The sun the app draws (lighting and shadows) is the sun the sunlight analyses compute: the page
// loads Cesium's IAU 2006 XYS tables from the bundled assets (renderer/src/analysis/sunFrame.ts),
// and the scene's sun direction then agrees with NREL SPA (workers/sun/sunPosition.ts) in Seoul.
// And the Sun tab's facade run draws one strip per floor the declared facades analysis lists.
import { expect, test } from '@playwright/test';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runDeclaredAnalysis } from '../../workers/analyses/runDeclaredAnalysis.js';
import { enuFromAzEl, kstInstant, solarPosition } from '../../workers/sun/sunPosition.js';
import { openApp, waitForView, type PageGlobals } from './app.js';
import { cityHallRoofOnScreen } from './cityHall.js';

/** Seoul City Hall's id in the build (OSM way). */
const CITY_HALL_ID = 'osm:way/198561926';

const LON = 126.978;
const LAT = 37.5665;

test("the scene's sun agrees with SPA once the XYS tables are in (winter solstice, Seoul)", async ({ page }) => {
  const requested: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/IAU2006_XYS/')) requested.push(new URL(r.url()).pathname);
  });
  await openApp(page);
  const instants = [9 * 60, 12 * 60, 15 * 60 + 30].map((m) => kstInstant('2026-12-22', m));
  // Cesium, in the page, the way UniformState sets the scene's light: Simon 1994 sun rotated to
  // Earth-fixed axes, then expressed in east-north-up at Seoul City Hall.
  await page.waitForFunction(
    (t) => {
      const C = (globalThis as unknown as { Cesium: any }).Cesium;
      return C.Transforms.computeIcrfToFixedMatrix(C.JulianDate.fromDate(new Date(t))) !== undefined;
    },
    instants[0],
    { timeout: 60_000 },
  );
  const cesium = await page.evaluate(
    ({ instants, lon, lat }) => {
      const C = (globalThis as unknown as { Cesium: any }).Cesium;
      const enu = C.Transforms.eastNorthUpToFixedFrame(C.Cartesian3.fromDegrees(lon, lat, 30));
      const toEnu = C.Matrix4.getMatrix3(C.Matrix4.inverseTransformation(enu, new C.Matrix4()), new C.Matrix3());
      return instants.map((t: number) => {
        const jd = C.JulianDate.fromDate(new Date(t));
        const m = C.Transforms.computeIcrfToCentralBodyFixedMatrix(jd, new C.Matrix3());
        const sun = C.Simon1994PlanetaryPositions.computeSunPositionInEarthInertialFrame(jd);
        C.Matrix3.multiplyByVector(m, sun, sun);
        const v = C.Matrix3.multiplyByVector(toEnu, C.Cartesian3.normalize(sun, sun), new C.Cartesian3());
        return [v.x, v.y, v.z];
      });
    },
    { instants, lon: LON, lat: LAT },
  );
  instants.forEach((t, i) => {
    const p = solarPosition(t, { lon: LON, lat: LAT, elevation: 30 });
    const s = enuFromAzEl(p.azimuth, p.elevationGeometric);
    const [x, y, z] = cesium[i];
    const angle = (Math.acos(Math.min(1, x * s[0] + y * s[1] + z * s[2])) * 180) / Math.PI;
    console.log(
      `${new Date(t).toISOString()}: SPA elevation ${p.elevationGeometric.toFixed(3)}°, azimuth ${p.azimuth.toFixed(3)}°; Cesium differs by ${angle.toFixed(4)}°`,
    );
    expect(angle).toBeLessThan(0.02);
  });
  expect(requested.length).toBeGreaterThan(0);
});

test('Sun tab facades: one strip per floor of the selected building, as the headless facades run lists them', async ({ page }) => {
  test.setTimeout(360_000);
  await openApp(page, { lang: 'en', view: '126.975,37.5637,126.983,37.5707' });
  const at = await cityHallRoofOnScreen(page);
  expect(at, 'City Hall is in view').not.toBeNull();
  await page.mouse.click(at!.x, at!.y);
  const selected = await page.evaluate(() => (globalThis as unknown as PageGlobals).__vseoul!.selectedBuilding?.id ?? null);
  expect(selected).toBe(CITY_HALL_ID);
  await page.click('#analysis-tab-sun');
  await page.fill('#sun-date', '2026-12-22');
  await page.fill('#sun-step', '30');
  const entitiesBefore = await page.evaluate(() => (globalThis as unknown as PageGlobals).__vseoul!.holdings()!.now.entities);
  await page.click('#sun-run-facades');
  await expect(page.locator('#sun-status .analysis-status')).toContainText('Done', { timeout: 300_000 });
  // The oracle: the same declared analysis, headless in Node on the same build.
  const node = await runDeclaredAnalysis({
    cityUrl: pathToFileURL(process.env.VSEOUL_E2E_CITY! + path.sep).href,
    analysis: { type: 'facades', date: '2026-12-22', start: '08:00', end: '16:00', stepMinutes: 30, buildings: [CITY_HALL_ID] },
    area: { west: 126.975, south: 37.5637, east: 126.983, north: 37.5707 },
    variant: 'after',
  });
  const floors = node.tables.floors!.rows;
  const failing = floors.filter((f) => f.rightToLight !== true).length;
  console.log(`City Hall facades: ${floors.length} floors, ${failing} failing right-to-light`);
  expect(floors.length).toBeGreaterThan(10);
  const strips = (await page.evaluate(() => (globalThis as unknown as PageGlobals).__vseoul!.holdings()!.now.entities)) - entitiesBefore;
  expect(strips).toBe(floors.length);
  await expect(page.locator('#sun-results h3')).toHaveText(`Floors failing right-to-light (${failing} / ${floors.length})`);
  await page.click('#analysis-panel-close');
  // The start view looks north at an angle: City Hall's south facades face the camera.
  await page.keyboard.press('Home');
  await waitForView(page);
  await page.screenshot({ path: 'test-results/e2e/sun-facades.png' });
});
