// GRASS r.lake as the oracle of the connected fill: the same surface-model GeoTIFF and the same
// seed raster go into a throw-away EPSG:5186 location (`grass --tmp-location`), r.lake fills,
// r.out.gdal writes the lake (NULL -> -9999) and we read it back as Float32.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import type { RasterGrid } from '../../common/rasterGrid.js';

export function grassAvailable(): boolean {
  try {
    execFileSync('grass', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function writeTif(file: string, grid: Omit<RasterGrid, 'values'>, values: Float32Array, noData: number): void {
  const tif = writeArrayBuffer(values, {
    width: grid.width,
    height: grid.height,
    ModelPixelScale: [grid.cellSize, grid.cellSize, 0],
    ModelTiepoint: [0, 0, 0, grid.originX, grid.originY, 0],
    GTModelTypeGeoKey: 1,
    GTRasterTypeGeoKey: 1,
    ProjectedCSTypeGeoKey: 5186,
    GDAL_NODATA: String(noData),
  });
  writeFileSync(file, new Uint8Array(tif));
}

/** Runs r.lake; returns the lake depth per cell (-9999 where NULL) and r.lake's wall time (s). */
export function runRLake(surface: RasterGrid, seeds: Uint8Array, level: number): { depth: Float32Array; seconds: number } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vseoul-rlake-'));
  try {
    writeTif(path.join(dir, 'dem.tif'), surface, surface.values, surface.noData);
    writeTif(path.join(dir, 'seed.tif'), surface, Float32Array.from(seeds), -1);
    const script = [
      'set -e',
      'r.in.gdal --q input=dem.tif output=dem',
      'r.in.gdal --q input=seed.tif output=seed',
      'g.region raster=dem',
      'start=$(date +%s.%N)',
      `r.lake --q elevation=dem water_level=${level} seed=seed lake=lake`,
      'end=$(date +%s.%N)',
      'echo "RLAKE_SECONDS $(echo "$end - $start" | bc)"',
      'r.out.gdal --q -f input=lake output=lake.tif format=GTiff type=Float32 nodata=-9999',
    ].join('\n');
    writeFileSync(path.join(dir, 'run.sh'), script);
    const out = execFileSync('grass', ['--tmp-location', 'EPSG:5186', '--exec', 'bash', path.join(dir, 'run.sh')], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GRASS_VERBOSE: '0' },
    });
    const seconds = Number(/RLAKE_SECONDS\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
    // Raw Float32 of the lake via GDAL (the oracle's own writer), row 0 = north.
    execFileSync('gdal_translate', ['-q', '-of', 'ENVI', '-ot', 'Float32', path.join(dir, 'lake.tif'), path.join(dir, 'lake.raw')]);
    const buf = readFileSync(path.join(dir, 'lake.raw'));
    const raw = new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
    return { depth: raw, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
