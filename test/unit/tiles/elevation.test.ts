// Elevation model against GDAL reading the same SRTM grids from their GeoTIFF twins (pixel centre =
// grid node), and PROJ's EGM96 grid for the ellipsoidal heights.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildIssue, ElevationModel } from '../../../tiles/model/cityModel.js';
import { EDGE_HOLD_M, EDGE_TAPER_M, loadElevationModel } from '../../../tiles/model/elevation.js';

const DATA_DIR = process.env.VSEOUL_DATA_DIR ?? join(import.meta.dirname, '../../../../shared/data');
const TIF = join(DATA_DIR, 'terrain/cityhall_cheonggyecheon_srtm30_grid.tif');
const gdalValue = (lon: number, lat: number) =>
  Number(execFileSync('gdallocationinfo', ['-valonly', '-wgs84', TIF, String(lon), String(lat)], { encoding: 'utf8' }).trim());

let model: ElevationModel;
const issues: BuildIssue[] = [];
let dir: string;
// Grid of the Cheonggyecheon file (SOURCES.md): 57 x 29 nodes.
const W = 126.975,
  E = 126.9905,
  S = 37.5662,
  N = 37.5723;
const dx = (E - W) / 56,
  dy = (N - S) / 28;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vseoul-elev-'));
  writeFileSync(
    join(dir, 'broken_grid.json'),
    '{"bounds": {"south": 37.5, "west": 126.9, "north": 37.6, "east": 127.0}, "rows": 2, "columns": 2, "values": [1, 2, 3]}',
  );
  model = await loadElevationModel(
    [
      join(DATA_DIR, 'terrain/cityhall_cheonggyecheon_srtm30_grid.json'),
      join(DATA_DIR, 'terrain/hongjecheon_srtm30_grid.json'),
      join(dir, 'broken_grid.json'),
      join(dir, 'missing.json'),
    ],
    { issue: (i) => issues.push(i), progress() {}, info() {} },
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('elevation model', () => {
  it('loads the two real grids and reports the broken and missing files', () => {
    expect(model.grids.map((g) => [g.name, g.rows, g.columns])).toEqual([
      ['cityhall_cheonggyecheon_srtm30_grid', 29, 57],
      ['hongjecheon_srtm30_grid', 33, 41],
    ]);
    expect(issues.map((i) => [i.file, i.action])).toEqual([
      ['broken_grid.json', 'file-skipped'],
      ['missing.json', 'file-skipped'],
    ]);
    expect(issues[0].problem).toMatch(/rows x columns = 4/);
  });

  it('equals the GeoTIFF at grid nodes and interpolates bilinearly between them', () => {
    for (const [i, j] of [
      [0, 0],
      [10, 5],
      [30, 14],
      [56, 28],
    ]) {
      const lon = W + i * dx,
        lat = N - j * dy;
      expect(model.orthometricHeightAt(lon, lat)).toBeCloseTo(gdalValue(lon, lat), 3);
    }
    const lon = W + 20.5 * dx,
      lat = N - 10.5 * dy;
    const corners = [
      [20, 10],
      [21, 10],
      [20, 11],
      [21, 11],
    ].map(([i, j]) => gdalValue(W + i * dx, N - j * dy));
    expect(model.orthometricHeightAt(lon, lat)).toBeCloseTo(corners.reduce((a, b) => a + b) / 4, 3);
  });

  it('adds the EGM96 undulation from PROJ for ellipsoidal heights', () => {
    const lon = 126.9783,
      lat = 37.5665;
    const h = model.orthometricHeightAt(lon, lat);
    const out = execFileSync('cs2cs', ['-f', '%.4f', 'EPSG:4326+5773', '+to', 'EPSG:4979'], { input: `${lat} ${lon} ${h}\n`, encoding: 'utf8' });
    expect(model.ellipsoidHeightAt(lon, lat)).toBeCloseTo(Number(out.trim().split(/\s+/)[2]), 1);
  });

  it('says where it is measured, holds the edge value just outside and tapers smoothly to sea level', () => {
    const lat = (S + N) / 2;
    expect(model.isMeasured(W + dx, lat)).toBe(true);
    expect(model.isMeasured(W - 1e-4, lat)).toBe(false);
    const edge = model.orthometricHeightAt(W, lat);
    const mPerDegLon = 111_132.95 * Math.cos((lat * Math.PI) / 180);
    const at = (m: number) => model.orthometricHeightAt(W - m / mPerDegLon, lat);
    expect(at(EDGE_HOLD_M - 10)).toBeCloseTo(edge, 6);
    expect(at(EDGE_HOLD_M + EDGE_TAPER_M / 2)).toBeCloseTo(edge / 2, 1);
    expect(at(EDGE_HOLD_M + EDGE_TAPER_M + 10)).toBe(0);
    // Smooth: no jump larger than the slope of the ramp allows between 10 m steps.
    let worst = 0;
    for (let m = 0; m < EDGE_HOLD_M + EDGE_TAPER_M + 50; m += 10) worst = Math.max(worst, Math.abs(at(m + 10) - at(m)));
    expect(worst).toBeLessThan((edge * Math.PI * 10) / (2 * EDGE_TAPER_M) + 1e-6);
  });
});
