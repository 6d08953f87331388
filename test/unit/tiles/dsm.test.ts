// The surface model checked with GDAL (gdalinfo, gdallocationinfo) and PROJ (cs2cs): the tiles the
// build writes, read through workers/data, each area's cells exported as GeoTIFF by the module.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toWgs84 } from '../../../common/crs.js';
import { BUILD_PATHS, SURFACE_TILE_GRID, type SurfaceModelInfo } from '../../../common/buildFormat.js';
import type { RasterGrid } from '../../../common/rasterGrid.js';
import type { CityModel } from '../../../tiles/model/cityModel.js';
import { loadCityModel } from '../../../tiles/model/loadCity.js';
import { writeSurfaceTiles } from '../../../tiles/raster/writeSurfaceTiles.js';
import { pointInRing } from '../../../tiles/readers/osm.js';
import { createCityData } from '../../../workers/data/cityData.js';
import { surfaceWindowGeoTiff } from '../../../workers/data/surfaceExport.js';
import { raiseCellsInRings, type XY } from '../../../workers/grid/rasterizeRings.js';
import { PATCH_SOURCES_FILE } from '../../../tiles/model/sourcesConfig.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const log = { issue() {}, progress() {}, info() {} };
let out: string;
let model: CityModel;
let surface: SurfaceModelInfo;
/** Each area's cells through workers/data, with the path of the module's GeoTIFF export. */
const infos: Array<RasterGrid & { area: string; path: string }> = [];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'vseoul-dsm-'));
  model = await loadCityModel({ sourceDir: DATA_DIR, sourcesConfig: PATCH_SOURCES_FILE }, log);
  surface = await writeSurfaceTiles(model, out, log);
  // A manifest naming only the surface model, so the build folder reads through workers/data.
  writeFileSync(join(out, BUILD_PATHS.manifest), JSON.stringify({ builtAt: 'test', surface }));
  const data = createCityData(pathToFileURL(`${out}/`).href);
  for (const a of surface.areas) {
    const { window, tiff } = await surfaceWindowGeoTiff(data, a);
    const path = join(out, `${a.area}.tif`);
    writeFileSync(path, tiff);
    infos.push({ ...window.grid, area: a.area, path });
  }
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** rasterizeMax as the surface model burns buildings in: raises the cells inside the rings to `value`. */
function rasterizeMax(values: Float32Array, width: number, height: number, originX: number, originY: number, cellSize: number, rings: XY[][], value: number) {
  return raiseCellsInRings({ values, width, height, originX, originY, cellSize, noData: -9999 }, rings, value);
}

const cs2cs = (from: string, to: string, line: string, format = '%.4f') =>
  execFileSync('cs2cs', ['-f', format, from, '+to', to], { input: `${line}\n`, encoding: 'utf8' })
    .trim()
    .split(/\s+/)
    .map(Number);

describe('scanline rasterizer', () => {
  it('fills exactly the cells whose centres lie inside', () => {
    const g = new Float32Array(20 * 20);
    // 10 x 10 m square from (2, -2) to (12, -12) with origin (0, 0), 1 m cells: 100 cells.
    const n = rasterizeMax(
      g,
      20,
      20,
      0,
      0,
      1,
      [
        [
          [2, -2],
          [12, -2],
          [12, -12],
          [2, -12],
        ],
      ],
      5,
    );
    expect(n).toBe(100);
    expect(g.filter((v) => v === 5).length).toBe(100);
    // A hole (even-odd) of 4 x 4 m leaves 84 cells; a lower value never lowers a cell.
    const h = new Float32Array(20 * 20);
    rasterizeMax(
      h,
      20,
      20,
      0,
      0,
      1,
      [
        [
          [2, -2],
          [12, -2],
          [12, -12],
          [2, -12],
        ],
        [
          [5, -5],
          [5, -9],
          [9, -9],
          [9, -5],
        ],
      ],
      5,
    );
    expect(h.filter((v) => v === 5).length).toBe(84);
    rasterizeMax(
      h,
      20,
      20,
      0,
      0,
      1,
      [
        [
          [0, 0],
          [20, 0],
          [20, -20],
          [0, -20],
        ],
      ],
      3,
    );
    expect(h.filter((v) => v === 5).length).toBe(84);
    expect(h.filter((v) => v === 3).length).toBe(400 - 84);
  });
});

describe('the surface model on the real data', () => {
  it('exports one EPSG:5186 GeoTIFF per area with the georeference the window reports', () => {
    expect(infos.map((i) => i.area).sort()).toEqual(['cheonggyecheon', 'hongjecheon']);
    expect(surface.tiles.length).toBeGreaterThan(4);
    for (const info of infos) {
      const gi = JSON.parse(execFileSync('gdalinfo', ['-json', info.path], { encoding: 'utf8' }));
      expect(gi.coordinateSystem.wkt).toMatch(/ID\["EPSG",5186\]\]\s*$/);
      expect(gi.size).toEqual([info.width, info.height]);
      expect(gi.geoTransform).toEqual([info.originX, 1, 0, info.originY, 0, -1]);
      expect(gi.bands[0].type).toBe('Float32');
      expect(gi.bands[0].noDataValue).toBe(-9999);
      expect(gi.metadata?.['']?.AREA_OR_POINT).toBe('Area');
      // Every cell of an area lies in a tile.
      expect(info.values.includes(SURFACE_TILE_GRID.noData)).toBe(false);
      // ~1.5 x 0.8 km patches plus 100 m margins at 1 m cells.
      expect(info.width * info.height).toBeGreaterThan(1e6);
      expect(info.width * info.height).toBeLessThan(3e6);
    }
  });

  it('holds terrain + City Hall height at City Hall, in the GeoTIFF and the raw grid', () => {
    const ch = model.buildings.find((b) => b.name === '서울특별시청');
    if (!ch) throw new Error('City Hall missing');
    const ring = ch.polygons[0][0];
    // Centroid of the footprint (area-weighted, so it lies inside this convex-ish outline).
    let a = 0,
      cx = 0,
      cy = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
      a += f;
      cx += (ring[j][0] + ring[i][0]) * f;
      cy += (ring[j][1] + ring[i][1]) * f;
    }
    const lon = cx / (3 * a),
      lat = cy / (3 * a);
    const [north, east] = cs2cs('EPSG:4326', 'EPSG:5186', `${lat} ${lon}`);
    const info = infos.find((i) => i.area === 'cheonggyecheon')!;
    const value = Number(execFileSync('gdallocationinfo', ['-valonly', '-geoloc', info.path, String(east), String(north)], { encoding: 'utf8' }).trim());
    // Orthometric base: the ellipsoidal base minus PROJ's EGM96 undulation.
    const [, , baseOrtho] = cs2cs('EPSG:4979', 'EPSG:4326+5773', `${lat} ${lon} ${ch.baseElevation}`);
    expect(value).toBeCloseTo(baseOrtho + ch.height, 1);
    expect(value).toBeGreaterThan(60);
    expect(value).toBeLessThan(90);
    const col = Math.floor(east - info.originX),
      row = Math.floor(info.originY - north);
    expect(info.values[row * info.width + col]).toBeCloseTo(value, 4);
  });

  it('holds the SRTM terrain where no building stands', () => {
    const info = infos.find((i) => i.area === 'cheonggyecheon')!;
    // SRTM grid nodes (= GeoTIFF pixel centres) along row 14 that no footprint covers.
    const free: [number, number][] = [];
    for (let i = 2; i < 56 && free.length < 3; i += 3) {
      const lon = 126.975 + i * (0.0155 / 56),
        lat = 37.5723 - 14 * (0.0061 / 28);
      if (!model.buildings.some((b) => b.polygons.some((poly) => pointInRing([lon, lat], poly[0])))) free.push([lon, lat]);
    }
    expect(free.length).toBe(3);
    for (const [lon, lat] of free) {
      const srtm = Number(
        execFileSync('gdallocationinfo', ['-valonly', '-wgs84', join(DATA_DIR, 'terrain/cityhall_cheonggyecheon_srtm30_grid.tif'), String(lon), String(lat)], {
          encoding: 'utf8',
        }).trim(),
      );
      const [north, east] = cs2cs('EPSG:4326', 'EPSG:5186', `${lat} ${lon}`);
      const dsm = Number(execFileSync('gdallocationinfo', ['-valonly', '-geoloc', info.path, String(east), String(north)], { encoding: 'utf8' }).trim());
      // The DSM samples its cell centre, up to 0.7 m from the node: allow for the local slope.
      expect(Math.abs(dsm - srtm)).toBeLessThan(0.5);
    }
  });

  it('holds the elevation model at every terrainStep-th cell centre (placed by PROJ), bilinear in between', () => {
    const info = infos.find((i) => i.area === 'cheonggyecheon')!;
    const step = SURFACE_TILE_GRID.terrainStep;
    const at = (x: number, y: number) => info.values[Math.floor(info.originY - y) * info.width + Math.floor(x - info.originX)];
    const free = (x: number, y: number) => {
      const [lon, lat] = toWgs84('EPSG:5186', x, y);
      return !model.buildings.some((b) => b.polygons.some((poly) => pointInRing([lon, lat], poly[0])));
    };
    let checked = 0;
    // Lattice nodes (cell centres whose column and row within their tile are multiples of step) in the SRTM grid.
    for (let k = 0; k < 40 && checked < 4; k++) {
      const [n0, e0] = cs2cs('EPSG:4326', 'EPSG:5186', `${37.5668 + k * 0.00013} ${126.976 + k * 0.00035}`);
      const x = Math.floor(e0 / step) * step + 0.5,
        y = Math.ceil(n0 / step) * step - 0.5;
      if (![0, step].every((dx) => [0, step].every((dy) => free(x + dx, y - dy)))) continue;
      const corners = [0, step].flatMap((dy) =>
        [0, step].map((dx) => {
          const [lat, lon] = cs2cs('EPSG:5186', 'EPSG:4326', `${y - dy} ${x + dx}`, '%.9f');
          const v = at(x + dx, y - dy);
          // lon/lat interpolated every 40 m in the build, exact here: far below a millimetre apart.
          expect(Math.abs(v - model.elevation.orthometricHeightAt(lon, lat))).toBeLessThan(1e-3);
          return v;
        }),
      );
      // A cell between the four nodes: bilinear (float32 rounding apart).
      const [tx, ty] = [1 / step, 3 / step];
      const bilinear = (corners[0] * (1 - tx) + corners[1] * tx) * (1 - ty) + (corners[2] * (1 - tx) + corners[3] * tx) * ty;
      expect(Math.abs(at(x + 1, y - 3) - bilinear)).toBeLessThan(1e-4);
      checked++;
    }
    expect(checked).toBe(4);
  });
});
