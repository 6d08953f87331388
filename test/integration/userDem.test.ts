// A user's own DEM through the whole city build: a GeoTIFF in the national EPSG:5186 grid that GDAL
// makes from the shared SRTM grid, listed in the sources config with its credit line, beside a DEM in
// an unknown CRS, a DEM path that matches no file and the Hongjecheon JSON grid. The build's terrain
// tiles and its surface model stand on the GeoTIFF's heights, the bad entries are one report line
// each and nothing else is lost; a config that cannot name a CRS fails and leaves that build usable.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILD_PATHS, type CityManifest } from '../../common/buildFormat.js';
import { HEIGHTMAP_SIZE, tileBounds, tileRange } from '../../common/heightmapTile.js';
import { buildCity } from '../../tiles/buildCity.js';
import type { BuildIssue, BuildLog, ElevationModel } from '../../tiles/model/cityModel.js';
import { loadElevationModel } from '../../tiles/model/elevation.js';
import { buildTerrain, spread, surfaceLatticeNodes } from '../support/buildGround.js';
import { SOURCE } from '../support/testCity.js';

const SRTM_TIF = path.join(SOURCE, 'terrain/cityhall_cheonggyecheon_srtm30_grid.tif');
const SRTM_JSON = path.join(SOURCE, 'terrain/cityhall_cheonggyecheon_srtm30_grid.json');
const CREDIT = 'Test DEM: SRTM 1″ warped to EPSG:5186 by GDAL';

let tmp: string;
let out: string;
let manifest: CityManifest;
let report: { issues: BuildIssue[] };
let dem: ElevationModel;
let json: ElevationModel;
const quiet = (issues: BuildIssue[] = []): BuildLog => ({ issue: (i) => issues.push(i), progress() {}, info() {} });

function sourcesConfig(name: string, elevation: object[]): string {
  const file = path.join(tmp, name);
  writeFileSync(
    file,
    JSON.stringify({ buildings: [{ path: 'buildings/seoul_osm_buildings_cheonggyecheon_hongjecheon.geojson', format: 'geojson' }], elevation }),
  );
  return file;
}

/** The Cheonggyecheon grid (SOURCES.md bounds) less two source pixels at its edges. */
const INNER: [number, number, number, number] = [126.975 + 0.0006, 37.5662 + 0.0005, 126.9905 - 0.0006, 37.5723 - 0.0005];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-userdem-'));
  out = path.join(tmp, 'city-build');
  const gdal = (tool: string, ...args: string[]) => execFileSync(tool, ['-q', ...args]);
  gdal('gdalwarp', '-t_srs', 'EPSG:5186', '-r', 'bilinear', '-tr', '20', '20', '-dstnodata', '-9999', SRTM_TIF, path.join(tmp, 'dem5186.tif'));
  gdal('gdalwarp', '-t_srs', 'EPSG:2097', '-r', 'bilinear', '-tr', '20', '20', '-dstnodata', '-9999', SRTM_TIF, path.join(tmp, 'dem2097.tif'));
  const config = sourcesConfig('sources.json', [
    { path: path.join(tmp, 'dem5186.tif'), attribution: CREDIT },
    { path: path.join(tmp, 'dem2097.tif') },
    { path: path.join(tmp, 'missing.tif'), crs: 'EPSG:5186' },
    { path: 'terrain/hongjecheon_srtm30_grid.json' },
  ]);
  await buildCity({ sourceDir: SOURCE, outDir: out, sourcesConfig: config, groundLayers: { imagery: null } }, quiet());
  manifest = JSON.parse(readFileSync(path.join(out, BUILD_PATHS.manifest), 'utf8'));
  report = JSON.parse(readFileSync(path.join(out, BUILD_PATHS.report), 'utf8'));
  [dem, json] = await Promise.all([loadElevationModel([path.join(tmp, 'dem5186.tif')], quiet()), loadElevationModel([SRTM_JSON], quiet())]);
}, 300_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("a user's DEM in the city build", () => {
  it('a DEM in an unknown CRS and a missing one: one clear report line each; the other grids and every building kept', () => {
    const skipped = report.issues.filter((i) => i.action === 'file-skipped');
    expect(skipped.map((i) => i.file)).toEqual(['dem2097.tif', 'missing.tif']);
    expect(skipped[0].problem).toMatch(/^elevation grid unusable: unknown CRS EPSG:2097 \(GeoTIFF geokey\): set "crs" in the sources config/);
    expect(skipped[1].problem).toMatch(/^elevation grid unusable: .*ENOENT/);
    expect(manifest.summary.buildingsBuilt).toBe(1358);
    expect(manifest.attributions).toContain(CREDIT);
    // Hongjecheon's JSON grid still shapes the ground there (Ansan's flank, well above the river).
    const terrain = buildTerrain(out);
    const ansan = terrain.at(126.937, 37.58);
    expect(ansan.level).toBe(terrain.maxLevel);
    expect(ansan.height).toBeGreaterThan(40);
  });

  it("the terrain tiles hold the GeoTIFF's heights at their posts, which agree with today's JSON-grid path", () => {
    const terrain = buildTerrain(out);
    // Every 4th post of the deepest terrain tiles over the grid's inner part: there a tile holds the
    // elevation model's value itself, in 0.2 m steps.
    const [w, s, e, n] = INNER;
    const z = terrain.maxLevel;
    const r = tileRange(z, w, s, e, n);
    const posts: [number, number][] = [];
    for (let x = r.startX; x <= r.endX; x++)
      for (let y = r.startY; y <= r.endY; y++) {
        const b = tileBounds({ z, x, y });
        for (let i = 0; i < HEIGHTMAP_SIZE; i += 4)
          for (let j = 0; j < HEIGHTMAP_SIZE; j += 4) {
            const lon = b.west + ((b.east - b.west) * i) / (HEIGHTMAP_SIZE - 1),
              lat = b.north - ((b.north - b.south) * j) / (HEIGHTMAP_SIZE - 1);
            if (lon > w && lon < e && lat > s && lat < n) posts.push([lon, lat]);
          }
      }
    expect(posts.length).toBeGreaterThan(200);
    for (const [lon, lat] of posts) expect(terrain.at(lon, lat).level).toBe(z);
    const vsDem = spread(posts.map(([lon, lat]) => terrain.at(lon, lat).height - dem.orthometricHeightAt(lon, lat)));
    const vsJson = spread(posts.map(([lon, lat]) => terrain.at(lon, lat).height - json.orthometricHeightAt(lon, lat)));
    console.log(
      `terrain from the EPSG:5186 GeoTIFF at ${posts.length} posts: vs its elevation model worst ${vsDem.max.toFixed(3)} m; ` +
        `vs the JSON grid median ${vsJson.median.toFixed(2)} m, 95th percentile ${vsJson.p95.toFixed(2)} m`,
    );
    expect(vsDem.max).toBeLessThanOrEqual(0.1 + 1e-6);
    expect(vsJson.median).toBeLessThan(0.5);
    expect(vsJson.p95).toBeLessThan(2);
  });

  it("the surface model's terrain is the GeoTIFF's too, and the terrain tiles agree with it", async () => {
    const nodes = await surfaceLatticeNodes(out, manifest, 25);
    const inside = nodes.filter((n) => dem.isMeasured(n.lon, n.lat));
    expect(inside.length).toBeGreaterThan(20);
    // The lattice is the elevation model at the node (its lon/lat from PROJ every 10 nodes, bilinear
    // in between: well under a millimetre of position).
    expect(spread(inside.map((n) => n.surface - dem.orthometricHeightAt(n.lon, n.lat))).max).toBeLessThan(0.01);
    const d = spread(nodes.map((n) => n.terrain - n.surface));
    expect(d.median).toBeLessThan(0.1);
    expect(d.max).toBeLessThan(2);
  });

  it('a config whose DEM CRS is not a CRS fails with that line and leaves the build usable', async () => {
    const before = readFileSync(path.join(out, BUILD_PATHS.manifest), 'utf8');
    const config = sourcesConfig('bad-crs.json', [{ path: path.join(tmp, 'dem5186.tif'), crs: 'Korea 2000 central belt' }]);
    await expect(buildCity({ sourceDir: SOURCE, outDir: out, sourcesConfig: config }, quiet())).rejects.toThrow(
      /\/elevation\/0\/crs "Korea 2000 central belt" must be "EPSG:<code>" or a proj4 definition "\+proj=\.\.\."/,
    );
    expect(readFileSync(path.join(out, BUILD_PATHS.manifest), 'utf8')).toBe(before);
  });
});
