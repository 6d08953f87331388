// Makes Cesium's drawn sun (lighting and shadows) agree with the NREL SPA sun the analysis engines
// use (workers/sun/sunPosition.ts). Cesium turns its J2000 sun into Earth-fixed axes with the
// IAU 2006 XYS tables when they are loaded, and otherwise falls back to a TEME rotation that skips
// precession since 2000: the sun is then drawn up to 0.37° off in 2026 (measured over a Seoul
// year in test/unit/sun/sunPosition.test.ts), shifting a 100 m building's winter shadow tip by
// several metres. With the tables loaded the two agree within 0.01°.
import { JulianDate, TimeInterval, Transforms, type Scene } from 'cesium';

/** Loads the XYS tables (about 67 kB per 2.7 years, from Cesium's own Assets) for `fromYear`..`toYear`. */
export async function preloadSunFrame(scene: Scene, fromYear = 2020, toYear = 2036): Promise<void> {
  const interval = new TimeInterval({
    start: JulianDate.fromDate(new Date(Date.UTC(fromYear, 0, 1))),
    stop: JulianDate.fromDate(new Date(Date.UTC(toYear, 0, 1))),
  });
  await Transforms.preloadIcrfFixed(interval);
  scene.requestRender();
}
