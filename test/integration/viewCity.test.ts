// The view engines on the real city build: the pipeline builds the city into a temp dir (as
// cityBuild.test.ts does). (1) Our viewshed against GDAL's gdal_viewshed (Debian gdal-bin): both
// read the same cells of each area's surface model (GDAL the GeoTIFF workers/data exports, we the
// window it reads), with the same observer, heights, radius and curvature coefficient; goal >= 99 %
// of cells agree.
// (2) The exact ray tracer of the target shares against the viewshed. (3) Target shares per floor
// of a real building with the real Han River polygons.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CityManifest } from '../../common/buildFormat.js';
import type { RasterGrid } from '../../common/rasterGrid.js';
import { computeViewshed } from '../../workers/view/viewshed.js';
import { computeTargetShares, SightLines } from '../../workers/view/targetShares.js';
import { defaultViewTargets } from '../../workers/view/viewTargets.js';
import { fromWgs84 } from '../../common/crs.js';
import { compareWithGdal, gdalVersion, runGdalViewshed } from '../support/gdalViewshed.js';
import { buildTestCity, SOURCE, type TestCity } from '../support/testCity.js';

let city: TestCity;
let root: string;
let manifest: CityManifest;

beforeAll(async () => {
  city = await buildTestCity('view');
  root = city.root;
  manifest = city.manifest;
});

afterAll(() => city?.remove());

/** Each area's surface model (its buildings' box + 100 m) with its GeoTIFF, named. */
function areaSurfaces(): Array<RasterGrid & { area: string; tifPath: string }> {
  return manifest.surface!.areas.map(({ area }) => ({ ...city.dsm(area), area }));
}

// Observer at a fraction of the raster's extent; eye height above the surface there (1.6 m: a
// person; 67.5 m: a 20th floor, 20 x 3.3 + 1.5 m), target height, radius (0 = whole raster), -cc.
const CASES: [number, number, number, number, number, number][] = [
  [0.5, 0.5, 1.6, 0, 400, 0],
  [0.3, 0.6, 67.5, 1.5, 500, 0.85714],
  [0.7, 0.35, 30, 0, 0, 0.85714],
  [0.15, 0.8, 10, 2, 300, 0],
];

describe(`viewshed vs ${gdalVersion()} gdal_viewshed on the city's surface model`, () => {
  it('agrees in at least 99 % of cells, and differs only right next to the observer', () => {
    expect(manifest.surface!.areas.length).toBeGreaterThan(0);
    for (const dsm of areaSurfaces()) {
      const info = dsm;
      for (const [fc, fr, oz, tz, md, cc] of CASES) {
        const col = Math.floor(info.width * fc);
        const row = Math.floor(info.height * fr);
        const x = info.originX + (col + 0.5) * info.cellSize;
        const y = info.originY - (row + 0.5) * info.cellSize;
        const ours = computeViewshed({ dsm, observer: { x, y, heightAboveSurface: oz }, targetHeight: tz, radius: md, curvatureCoeff: cc });
        const gdal = runGdalViewshed({
          src: dsm.tifPath,
          workDir: path.dirname(root),
          x,
          y,
          observerHeight: oz,
          targetHeight: tz,
          maxDistance: md,
          curvatureCoeff: cc,
        });
        // Same window of cells.
        expect([ours.visibility.width, ours.visibility.height, ours.visibility.originX, ours.visibility.originY]).toEqual([
          gdal.grid.width,
          gdal.grid.height,
          gdal.grid.originX,
          gdal.grid.originY,
        ]);
        const a = compareWithGdal(ours.visibility, gdal.grid);
        const label = `${info.area} observer (${x}, ${y}) +${oz} m, target +${tz} m, radius ${md} m, cc ${cc}`;
        console.log(`${label}: ${a.agree} of ${a.compared} cells agree (${(100 * a.share).toFixed(4)} %)`);
        expect(a.rangeMismatch, label).toBe(0);
        expect(a.compared, label).toBeGreaterThan(100_000);
        expect(a.share, label).toBeGreaterThanOrEqual(0.99);
        // The one deliberate difference (see viewshed.ts): the observer's neighbours north and
        // south (and diagonal) are always seen; GDAL may hide them.
        for (const [cx, cy] of a.where) {
          expect(Math.abs(cx - x), label).toBeLessThanOrEqual(info.cellSize);
          expect(Math.abs(cy - y), label).toBeLessThanOrEqual(info.cellSize);
        }
        expect(a.oursOnly + a.gdalOnly, label).toBeLessThanOrEqual(6);
      }
    }
  });

  it('gives the least visible target height like gdal_viewshed -om GROUND', () => {
    for (const dsm of areaSurfaces()) {
      const info = dsm;
      const x = info.originX + (Math.floor(info.width * 0.4) + 0.5) * info.cellSize;
      const y = info.originY - (Math.floor(info.height * 0.55) + 0.5) * info.cellSize;
      const ours = computeViewshed({ dsm, observer: { x, y, heightAboveSurface: 20 }, radius: 400, output: 'minTargetHeight' }).visibility;
      const gdal = runGdalViewshed({
        src: dsm.tifPath,
        workDir: path.dirname(root),
        x,
        y,
        observerHeight: 20,
        targetHeight: 0,
        maxDistance: 400,
        curvatureCoeff: 0.85714,
        outputMode: 'GROUND',
      }).grid;
      expect([ours.width, ours.height]).toEqual([gdal.width, gdal.height]);
      let n = 0,
        close = 0,
        worst = 0;
      for (let i = 0; i < gdal.values.length; i++) {
        const a = ours.values[i],
          g = gdal.values[i];
        if ((a === ours.noData) !== (g === gdal.noData)) throw new Error(`cell ${i}: in range for one tool only`);
        if (a === ours.noData) continue;
        n++;
        const d = Math.abs(a - g);
        if (d <= 1e-3) close++;
        else worst = Math.max(worst, d);
      }
      console.log(`${info.area} least target height: ${close} of ${n} cells within 1 mm of GDAL's (worst other ${worst.toFixed(3)} m)`);
      // The cells just around the observer are the only deliberate difference (0 for us).
      expect(n - close).toBeLessThanOrEqual(6);
    }
  });

  it('stays close to an exact ray trace of every cell (the tracer the target shares use)', () => {
    // GDAL's model interpolates the sight plane between neighbours; an exact trace follows each
    // line. Two independent implementations: a gross error in either shows up as poor agreement.
    for (const dsm of areaSurfaces()) {
      const info = dsm;
      for (const eye of [1.6, 67.5]) {
        const x = info.originX + (Math.floor(info.width / 2) + 0.5) * info.cellSize;
        const y = info.originY - (Math.floor(info.height / 2) + 0.5) * info.cellSize;
        const r = computeViewshed({ dsm, observer: { x, y, heightAboveSurface: eye }, radius: 150 });
        const g = r.visibility;
        const lines = new SightLines(dsm, { x, y, z: r.observerZ });
        let n = 0,
          agree = 0;
        for (let row = 0; row < g.height; row++)
          for (let col = 0; col < g.width; col++) {
            const v = g.values[row * g.width + col];
            if (v === g.noData) continue;
            const cx = g.originX + (col + 0.5) * g.cellSize,
              cy = g.originY - (row + 0.5) * g.cellSize;
            const h = dsm.values[(row + r.rows[0]) * dsm.width + col + Math.round((g.originX - dsm.originX) / dsm.cellSize)];
            n++;
            if ((lines.visible(cx, cy, h) ? 1 : 0) === v) agree++;
          }
        console.log(`${info.area} eye +${eye} m, radius 150 m: exact ray trace and the viewshed agree in ${((100 * agree) / n).toFixed(2)} % of ${n} cells`);
        expect(agree / n).toBeGreaterThan(0.9);
      }
    }
  });

  it('gives per-floor target shares for a real building that never fall as the eye rises', () => {
    const dsm = areaSurfaces()[0];
    const info = dsm;
    const fp = JSON.parse(readFileSync(path.join(root, manifest.footprints!.path), 'utf8')) as {
      ids: string[];
      names: string[];
      heights: number[];
      floors: number[];
      offsets: number[];
      lonLat: number[];
    };
    // The tallest building well inside this surface model.
    const ring = (i: number) => {
      const r: [number, number][] = [];
      for (let v = fp.offsets[i]; v < fp.offsets[i + 1]; v++) r.push(fromWgs84('EPSG:5186', fp.lonLat[2 * v], fp.lonLat[2 * v + 1]) as [number, number]);
      return r;
    };
    let tall = -1;
    for (let i = 0; i < fp.ids.length; i++) {
      const inside = ring(i).every(
        ([x, y]) => x > info.originX + 50 && x < info.originX + info.width - 50 && y < info.originY - 50 && y > info.originY - info.height + 50,
      );
      if (inside && (tall < 0 || fp.heights[i] > fp.heights[tall])) tall = i;
    }
    const water = JSON.parse(readFileSync(path.join(SOURCE, 'hydro/seoul_water_bodies.geojson'), 'utf8'));
    // The default targets are built inside the engine from the water polygons (as the page calls it).
    const r = computeTargetShares({ dsm, building: { ring: ring(tall), height: fp.heights[tall], floors: fp.floors[tall] }, water });
    expect(r.targets).toEqual(defaultViewTargets(water).map((t) => t.name));
    expect(r.targets).toEqual(['Han River', 'Namsan', 'Bukhansan']);
    const floors = fp.floors[tall] > 0 ? fp.floors[tall] : Math.floor(fp.heights[tall] / 3.3);
    expect(r.rows.length).toBe(floors + 1);
    console.log(
      `${fp.names[tall] || fp.ids[tall]} (${fp.heights[tall]} m, ${floors} floors), window at (${r.rows[0].x.toFixed(1)}, ${r.rows[0].y.toFixed(1)}):`,
    );
    for (const row of r.rows)
      console.log(`  ${row.label.padEnd(9)} eye ${row.z.toFixed(1)} m: ${r.targets.map((t, i) => `${t} ${(100 * row.shares[i]).toFixed(1)} %`).join(', ')}`);
    // A higher eye at the same window sees everything a lower one sees (the sight line to any
    // point rises with the eye), so no share may fall from one floor to the next.
    for (let f = 1; f < floors; f++) {
      r.targets.forEach((t, i) => {
        expect(r.rows[f].shares[i], `${t} floor ${f + 1}`).toBeGreaterThanOrEqual(r.rows[f - 1].shares[i]);
      });
    }
    for (const row of r.rows) for (const v of row.shares) expect(v >= 0 && v <= 1).toBe(true);
    // Hidden at street level among the towers, the river shows from the top.
    expect(r.rows[0].shares[0]).toBeLessThan(r.rows[r.rows.length - 1].shares[0]);
  });
});
