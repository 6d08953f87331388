// Surface-model rasters checked with GDAL (gdalinfo, gdallocationinfo) and PROJ (cs2cs).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DsmRasterInfo } from '../../../common/buildFormat.js';
import type { CityModel } from '../../../tiles/model/cityModel.js';
import { loadCityModel } from '../../../tiles/model/loadCity.js';
import { rasterizeMax, writeDsm } from '../../../tiles/raster/writeDsm.js';
import { pointInRing } from '../../../tiles/readers/osm.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const log = { issue() {}, progress() {}, info() {} };
let out: string;
let model: CityModel;
let infos: DsmRasterInfo[];

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'vseoul-dsm-'));
  model = await loadCityModel({ sourceDir: DATA_DIR }, log);
  infos = await writeDsm(model, out, log);
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const cs2cs = (from: string, to: string, line: string) =>
  execFileSync('cs2cs', ['-f', '%.4f', from, '+to', to], { input: `${line}\n`, encoding: 'utf8' })
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

describe('writeDsm on the real data', () => {
  it('writes one EPSG:5186 GeoTIFF per area with the georeference it reports', () => {
    expect(infos.map((i) => i.area).sort()).toEqual(['cheonggyecheon', 'hongjecheon']);
    for (const info of infos) {
      const gi = JSON.parse(execFileSync('gdalinfo', ['-json', join(out, info.path)], { encoding: 'utf8' }));
      expect(gi.coordinateSystem.wkt).toMatch(/ID\["EPSG",5186\]\]\s*$/);
      expect(gi.size).toEqual([info.width, info.height]);
      expect(gi.geoTransform).toEqual([info.originX, 1, 0, info.originY, 0, -1]);
      expect(gi.bands[0].type).toBe('Float32');
      expect(gi.bands[0].noDataValue).toBe(-9999);
      expect(gi.metadata?.['']?.AREA_OR_POINT).toBe('Area');
      expect(readFileSync(join(out, info.rawPath)).byteLength).toBe(info.width * info.height * 4);
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
    const info = infos.find((i) => i.area === 'cheonggyecheon') as DsmRasterInfo;
    const value = Number(
      execFileSync('gdallocationinfo', ['-valonly', '-geoloc', join(out, info.path), String(east), String(north)], { encoding: 'utf8' }).trim(),
    );
    // Orthometric base: the ellipsoidal base minus PROJ's EGM96 undulation.
    const [, , baseOrtho] = cs2cs('EPSG:4979', 'EPSG:4326+5773', `${lat} ${lon} ${ch.baseElevation}`);
    expect(value).toBeCloseTo(baseOrtho + ch.height, 1);
    expect(value).toBeGreaterThan(60);
    expect(value).toBeLessThan(90);
    const raw = new Float32Array(readFileSync(join(out, info.rawPath)).buffer.slice(0));
    const col = Math.floor(east - info.originX),
      row = Math.floor(info.originY - north);
    expect(raw[row * info.width + col]).toBeCloseTo(value, 4);
  });

  it('holds the SRTM terrain where no building stands', () => {
    const info = infos.find((i) => i.area === 'cheonggyecheon') as DsmRasterInfo;
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
      const dsm = Number(
        execFileSync('gdallocationinfo', ['-valonly', '-geoloc', join(out, info.path), String(east), String(north)], { encoding: 'utf8' }).trim(),
      );
      // The DSM samples its cell centre, up to 0.7 m from the node: allow for the local slope.
      expect(Math.abs(dsm - srtm)).toBeLessThan(0.5);
    }
  });
});
