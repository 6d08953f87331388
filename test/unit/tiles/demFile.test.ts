// Users' own DEMs against GDAL: the test makes GeoTIFFs and ESRI ASCII grids from the shared SRTM
// grid with gdalwarp/gdal_translate (reprojected to the national EPSG:5186 and 5179 grids as the
// national 5 m DEM comes), reads them through the elevation model, and checks the lon/lat grid
// against GDAL warping the same raster onto the same nodes, and the heights against today's
// JSON-grid path. Bad inputs each give one clear line and lose nothing else.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRS_DEFS } from '../../../common/crs.js';
import type { BuildIssue, ElevationGrid, ElevationModel } from '../../../tiles/model/cityModel.js';
import { loadElevationModel, type ElevationFile } from '../../../tiles/model/elevation.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const JSON_GRID = join(DATA_DIR, 'terrain/cityhall_cheonggyecheon_srtm30_grid.json');
const JSON_GRID_2 = join(DATA_DIR, 'terrain/hongjecheon_srtm30_grid.json');
const TIF_4326 = join(DATA_DIR, 'terrain/cityhall_cheonggyecheon_srtm30_grid.tif');

let dir: string;
const at = (name: string) => join(dir, name);
const gdal = (tool: string, ...args: string[]) => execFileSync(tool, ['-q', ...args], { encoding: 'utf8' });
const quiet = (issues: BuildIssue[] = []) => ({ issue: (i: BuildIssue) => issues.push(i), progress() {}, info() {} });

async function modelOf(...files: (string | ElevationFile)[]): Promise<{ model: ElevationModel; issues: BuildIssue[] }> {
  const issues: BuildIssue[] = [];
  return { model: await loadElevationModel(files, quiet(issues)), issues };
}

/** GDAL's bilinear warp of `src` onto exactly the grid's nodes (pixel centres), exact transforms. */
function gdalOnNodes(src: string, g: ElevationGrid): Float64Array {
  const dLon = (g.east - g.west) / (g.columns - 1),
    dLat = (g.north - g.south) / (g.rows - 1);
  const te = [g.west - dLon / 2, g.south - dLat / 2, g.east + dLon / 2, g.north + dLat / 2].map(String);
  const out = at(`oracle-${g.name}.tif`);
  gdal(
    'gdalwarp',
    '-overwrite',
    '-t_srs',
    'EPSG:4326',
    '-r',
    'bilinear',
    '-et',
    '0',
    '-te',
    ...te,
    '-ts',
    String(g.columns),
    String(g.rows),
    '-dstnodata',
    '-9999',
    src,
    out,
  );
  gdal('gdal_translate', '-of', 'XYZ', out, `${out}.xyz`);
  const z = readFileSync(`${out}.xyz`, 'utf8')
    .trim()
    .split('\n')
    .map((line) => Number(line.trim().split(/\s+/)[2]));
  expect(z).toHaveLength(g.rows * g.columns);
  return Float64Array.from(z, (v) => (v === -9999 ? NaN : v));
}

/** Points well inside the Cheonggyecheon grid (SOURCES.md bounds), 2 source pixels from its edges. */
function innerPoints(): [number, number][] {
  const [w, s, e, n] = [126.975 + 0.0006, 37.5662 + 0.0005, 126.9905 - 0.0006, 37.5723 - 0.0005];
  const pts: [number, number][] = [];
  for (let i = 0; i <= 30; i++) for (let j = 0; j <= 12; j++) pts.push([w + ((e - w) * i) / 30, s + ((n - s) * j) / 12]);
  return pts;
}

function differences(a: ElevationModel, b: ElevationModel): { median: number; p95: number; max: number } {
  const d = innerPoints()
    .map(([lon, lat]) => Math.abs(a.orthometricHeightAt(lon, lat) - b.orthometricHeightAt(lon, lat)))
    .sort((x, y) => x - y);
  return { median: d[Math.floor(d.length / 2)], p95: d[Math.floor(d.length * 0.95)], max: d[d.length - 1] };
}

let json: ElevationModel;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vseoul-dem-'));
  for (const epsg of ['5186', '5179', '2097']) {
    gdal(
      'gdalwarp',
      '-t_srs',
      `EPSG:${epsg}`,
      '-r',
      'bilinear',
      '-tr',
      '20',
      '20',
      '-dstnodata',
      '-9999',
      '-co',
      'COMPRESS=DEFLATE',
      TIF_4326,
      at(`dem${epsg}.tif`),
    );
  }
  gdal('gdal_translate', '-of', 'AAIGrid', at('dem5186.tif'), at('dem5186.asc'));
  gdal('gdal_translate', '-of', 'AAIGrid', TIF_4326, at('dem4326.asc'));
  copyFileSync(at('dem5186.asc'), at('noprj.asc'));
  // A GeoTIFF whose CRS has no EPSG code (user-defined), as some tools write the Korean grids.
  gdal(
    'gdal_translate',
    '-a_srs',
    '+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=600000 +ellps=GRS80 +units=m +no_defs',
    at('dem5186.tif'),
    at('custom.tif'),
  );
  writeFileSync(at('junk.tif'), 'II*\u0000 not really a TIFF');
  ({ model: json } = await modelOf(JSON_GRID));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('DEM files', () => {
  it('reads the GeoTIFF twin of a JSON grid (EPSG:4326) node for node', async () => {
    const { model, issues } = await modelOf(TIF_4326);
    expect(issues).toEqual([]);
    const [a, b] = [model.grids[0], json.grids[0]];
    expect([a.rows, a.columns]).toEqual([b.rows, b.columns]);
    for (const k of ['west', 'south', 'east', 'north'] as const) expect(a[k]).toBeCloseTo(b[k], 9);
    expect(Array.from(a.values)).toEqual(Array.from(b.values));
    for (const [lon, lat] of innerPoints()) expect(model.ellipsoidHeightAt(lon, lat)).toBeCloseTo(json.ellipsoidHeightAt(lon, lat), 4);
  });

  for (const epsg of ['5186', '5179']) {
    it(`an EPSG:${epsg} GeoTIFF: the lon/lat grid holds GDAL's warp onto the same nodes, and the heights agree with the JSON grid`, async () => {
      const { model, issues } = await modelOf(at(`dem${epsg}.tif`));
      expect(issues).toEqual([]);
      const g = model.grids[0];
      // The warped raster's no-data corners are trimmed off: data throughout.
      expect(g.values.every((v) => !Number.isNaN(v))).toBe(true);
      const oracle = gdalOnNodes(at(`dem${epsg}.tif`), g);
      let worst = 0,
        compared = 0;
      oracle.forEach((v, i) => {
        if (Number.isNaN(v)) return;
        worst = Math.max(worst, Math.abs(v - g.values[i]));
        compared++;
      });
      console.log(`EPSG:${epsg}: ${g.columns} x ${g.rows} nodes, ${compared} compared with gdalwarp, worst ${worst.toFixed(4)} m`);
      expect(compared).toBeGreaterThan(0.95 * g.values.length);
      expect(worst).toBeLessThan(0.05);

      const d = differences(model, json);
      console.log(`EPSG:${epsg} vs JSON grid: median ${d.median.toFixed(2)} m, 95th percentile ${d.p95.toFixed(2)} m, worst ${d.max.toFixed(2)} m`);
      expect(d.median).toBeLessThan(0.5);
      expect(d.p95).toBeLessThan(2);
      expect(model.isMeasured(126.983, 37.569)).toBe(true);
    });
  }

  it('an ESRI ASCII grid holds the same heights as the raster it was made from (CRS from its .prj)', async () => {
    const [asc5186, tif5186, asc4326] = await Promise.all([modelOf(at('dem5186.asc')), modelOf(at('dem5186.tif')), modelOf(at('dem4326.asc'))]);
    expect([...asc5186.issues, ...tif5186.issues, ...asc4326.issues]).toEqual([]);
    for (const [lon, lat] of innerPoints()) {
      expect(asc5186.model.orthometricHeightAt(lon, lat)).toBeCloseTo(tif5186.model.orthometricHeightAt(lon, lat), 3);
      expect(asc4326.model.orthometricHeightAt(lon, lat)).toBeCloseTo(json.orthometricHeightAt(lon, lat), 3);
    }
  });

  it('takes the CRS from the sources config: an EPSG code for a GeoTIFF without one, a proj4 definition', async () => {
    const korea1985 = /\+towgs84=\S+/.exec(CRS_DEFS['EPSG:5174'])![0];
    const [custom, proj] = await Promise.all([
      modelOf({ path: at('custom.tif'), crs: 'EPSG:5186' }),
      modelOf({ path: at('dem2097.tif'), crs: `+proj=tmerc +lat_0=38 +lon_0=127 +k=1 +x_0=200000 +y_0=500000 +ellps=bessel ${korea1985} +units=m +no_defs` }),
    ]);
    expect([...custom.issues, ...proj.issues]).toEqual([]);
    expect(differences(custom.model, json).median).toBeLessThan(0.5);
    const d = differences(proj.model, json);
    console.log(`EPSG:2097 via a proj4 definition vs JSON grid: median ${d.median.toFixed(2)} m, 95th percentile ${d.p95.toFixed(2)} m`);
    expect(d.median).toBeLessThan(0.5);
    expect(d.p95).toBeLessThan(2);
  });

  it('an unknown CRS, a missing .prj, a user-defined CRS and a broken file: one clear line each, nothing else lost', async () => {
    const { model, issues } = await modelOf(JSON_GRID, at('dem2097.tif'), at('noprj.asc'), at('custom.tif'), at('junk.tif'), JSON_GRID_2);
    expect(issues.map((i) => [i.file, i.action])).toEqual([
      ['dem2097.tif', 'file-skipped'],
      ['noprj.asc', 'file-skipped'],
      ['custom.tif', 'file-skipped'],
      ['junk.tif', 'file-skipped'],
    ]);
    expect(issues[0].problem).toMatch(/unknown CRS EPSG:2097 .*set "crs" in the sources config/);
    expect(issues[1].problem).toMatch(/unknown CRS: no \.prj beside the \.asc/);
    expect(issues[2].problem).toMatch(/unknown CRS: the GeoTIFF has a user-defined CRS/);
    expect(issues[3].problem).toMatch(/^elevation grid unusable: /);
    // Nothing lost: the model is the one of the two good grids.
    const { model: good } = await modelOf(JSON_GRID, JSON_GRID_2);
    expect(model.grids.map((g) => g.name)).toEqual(good.grids.map((g) => g.name));
    for (const [lon, lat] of [...innerPoints(), [126.937, 37.58] as [number, number]])
      expect(model.ellipsoidHeightAt(lon, lat)).toBe(good.ellipsoidHeightAt(lon, lat));
  });
});
