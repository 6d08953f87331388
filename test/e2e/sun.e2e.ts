// The sun the app draws (lighting and shadows) is the sun the sunlight analyses compute: the page
// loads Cesium's IAU 2006 XYS tables from the bundled assets (renderer/src/analysis/sunFrame.ts),
// and the scene's sun direction then agrees with NREL SPA (workers/sun/sunPosition.ts) in Seoul.
import { expect, test } from '@playwright/test';
import { enuFromAzEl, kstInstant, solarPosition } from '../../workers/sun/sunPosition.js';
import { openApp } from './app.js';

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
