// Viewshed benchmark: a 4 km x 4 km raster at 1 m (16 M cells) from a 20th-floor observer
// (20 x 3.3 m + 1.5 m eye = 67.5 m above the ground), our engine and GDAL's gdal_viewshed on the
// same input in the same run, and their cell-by-cell agreement.
//
// INPUT: the city build's real surface model is only ~1.7 km x 1 km, so the 4 km raster is the
// real Cheonggyecheon DSM patch TILED WITH MIRRORING (reflected copies, so edges join without
// cliffs): real heights and real street geometry, but not a real 4 km stretch of Seoul.
import { closeSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCity } from '../../tiles/buildCity.js';
import type { BuildLog } from '../../tiles/model/cityModel.js';
import type { RasterGrid } from '../../common/rasterGrid.js';
import { computeViewshed, DEFAULT_CURVATURE_COEFF, viewshedStats } from '../../workers/view/viewshed.js';
import { createNodePool } from '../../workers/pool/nodePool.js';
import { compareWithGdal, gdalVersion, runGdalViewshed, writeRawVrt } from '../support/gdalViewshed.js';
import { areaSurface } from '../support/testCity.js';
import type { Bench, Figure } from './figures.js';
import { PATCH_SOURCES_FILE } from '../../tiles/model/sourcesConfig.js';

const HERE = fileURLToPath(import.meta.url);
const SOURCE = process.env.VSEOUL_DATA_DIR ?? path.resolve(path.dirname(HERE), '../../../shared/data');
const SIZE = 4000;
const EYE = 20 * 3.3 + 1.5;
const RUNS = 3;

/** index i of a reflected tiling of n cells: 0..n-1, n-1..0, 0..n-1, ... */
function mirror(i: number, n: number): number {
  const m = i % (2 * n);
  return m < n ? m : 2 * n - 1 - m;
}

/** The tiled raster, in shared memory so that worker threads read it without a copy. */
export function mirroredDsm(src: RasterGrid, size: number): RasterGrid {
  const values = new Float32Array(new SharedArrayBuffer(size * size * 4));
  for (let r = 0; r < size; r++) {
    const sr = mirror(r, src.height) * src.width;
    const o = r * size;
    for (let c = 0; c < size; c++) values[o + c] = src.values[sr + mirror(c, src.width)];
  }
  return { values, width: size, height: size, cellSize: src.cellSize, originX: src.originX, originY: src.originY, noData: src.noData };
}

export const viewBench: Bench = {
  name: 'view',
  description: `viewshed over ${SIZE / 1000} km x ${SIZE / 1000} km at 1 m (real Cheonggyecheon DSM tiled with mirroring) from a 20th-floor eye (+${EYE} m), ours vs gdal_viewshed`,
  async run(): Promise<Figure[]> {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-viewbench-'));
    try {
      const root = path.join(tmp, 'city-build');
      const quiet: BuildLog = { issue: () => {}, progress: () => {}, info: () => {} };
      await buildCity({ sourceDir: SOURCE, sourcesConfig: PATCH_SOURCES_FILE, outDir: root }, quiet);
      const patch = await areaSurface(root, 'cheonggyecheon');
      const info = patch;
      const dsm = mirroredDsm(patch, SIZE);
      console.log(
        `input: ${info.area} DSM ${info.width} x ${info.height} tiled with mirroring to ${SIZE} x ${SIZE} cells of ${dsm.cellSize} m (synthetic extent from real heights)`,
      );

      // The observer stands on the ground (lowest cell within 30 m of the centre), eye 20 floors up.
      let ground = -1;
      for (let r = SIZE / 2 - 30; r <= SIZE / 2 + 30; r++)
        for (let c = SIZE / 2 - 30; c <= SIZE / 2 + 30; c++) {
          const i = r * SIZE + c;
          if (ground < 0 || dsm.values[i] < dsm.values[ground]) ground = i;
        }
      const col = ground % SIZE,
        row = Math.floor(ground / SIZE);
      const x = dsm.originX + (col + 0.5) * dsm.cellSize;
      const y = dsm.originY - (row + 0.5) * dsm.cellSize;
      const input = { dsm, observer: { x, y, heightAboveSurface: EYE }, targetHeight: 0, radius: 0, curvatureCoeff: DEFAULT_CURVATURE_COEFF };
      console.log(
        `observer: cell (${col}, ${row}), ground ${dsm.values[ground].toFixed(1)} m, eye ${(dsm.values[ground] + EYE).toFixed(1)} m; radius: whole raster; curvature coefficient ${DEFAULT_CURVATURE_COEFF}`,
      );

      const ours: number[] = [];
      const oursCpu: number[] = [];
      let result = computeViewshed(input);
      for (let i = 0; i < RUNS; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        result = computeViewshed(input);
        ours.push((performance.now() - t0) / 1000);
        const c = process.cpuUsage(c0);
        oursCpu.push((c.user + c.system) / 1e6);
      }
      // The same work as the gdal_viewshed process: read the raster from disk, compute.
      const vrt = writeRawVrt(dsm, path.join(tmp, 'dsm4km.vrt'));
      const t1 = performance.now();
      const fromDisk = { ...dsm, values: new Float32Array(SIZE * SIZE) };
      const fd = openSync(`${vrt}.f32`, 'r');
      try {
        readSync(fd, new Uint8Array(fromDisk.values.buffer), 0, SIZE * SIZE * 4, 0);
      } finally {
        closeSync(fd);
      }
      computeViewshed({ ...input, dsm: fromDisk });
      const oursWithRead = (performance.now() - t1) / 1000;

      // Split in two row bands (north and south of the observer) over two worker threads (workers/pool).
      const pool = createNodePool(2);
      const split: number[] = [];
      let same = true;
      try {
        await pool.runSplit(
          'computeViewshed',
          { ...input, dsm: { ...dsm, values: dsm.values.subarray(0, SIZE * 64), height: 64 }, observer: { x, y: dsm.originY - 32.5, heightAboveSurface: EYE } },
          { parts: 2 },
        ); // boots the threads
        for (let i = 0; i < RUNS; i++) {
          const t2 = performance.now();
          const r = await pool.runSplit('computeViewshed', input, { parts: 2 });
          split.push((performance.now() - t2) / 1000);
          same &&= r.visibility.values.every((v, k) => v === result.visibility.values[k]);
        }
      } finally {
        await pool.close();
      }

      const gdal: number[] = [];
      const gdalCpu: number[] = [];
      let gdalGrid: RasterGrid | undefined;
      for (let i = 0; i < RUNS; i++) {
        const g = runGdalViewshed({
          src: vrt,
          workDir: tmp,
          x,
          y,
          observerHeight: EYE,
          targetHeight: 0,
          maxDistance: 0,
          curvatureCoeff: DEFAULT_CURVATURE_COEFF,
        });
        gdal.push(g.seconds);
        gdalCpu.push(g.cpuSeconds);
        gdalGrid = g.grid;
      }
      const a = compareWithGdal(result.visibility, gdalGrid!);
      const stats = viewshedStats(result.visibility);
      const list = (v: number[]) => v.map((s) => s.toFixed(3)).join(', ');
      console.log(
        `ours: wall ${list(ours)} s, CPU ${list(oursCpu)} s (engine, raster in memory); ${oursWithRead.toFixed(3)} s wall with reading the raster from disk`,
      );
      console.log(`ours split north/south over 2 worker threads: wall ${list(split)} s (same cells as one thread: ${same})`);
      console.log(
        `${gdalVersion()} gdal_viewshed: wall ${list(gdal)} s, CPU ${list(gdalCpu)} s (whole process: reads the raster, computes, writes its output)`,
      );
      console.log(`agreement: ${a.agree} of ${a.compared} cells (${(100 * a.share).toFixed(5)} %); visible ${(100 * stats.share).toFixed(2)} % of the raster`);
      console.log(
        `load average ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${os.availableParallelism()} cores: compare ours and GDAL only within this run (CPU times are the steadier comparison)`,
      );
      const size = `${SIZE} x ${SIZE} cells at 1 m (real DSM tiled with mirroring), eye +${EYE} m`;
      const best = (v: number[]) => Math.min(...v);
      return [
        {
          bench: 'view',
          metric: 'viewshed wall time, 1 thread (best of 3)',
          value: best(ours),
          unit: 's',
          size,
          peer: 'gdal_viewshed wall (whole process)',
          peer_value: best(gdal),
        },
        {
          bench: 'view',
          metric: 'viewshed CPU time, 1 thread (best of 3)',
          value: best(oursCpu),
          unit: 's',
          size,
          peer: 'gdal_viewshed CPU (whole process)',
          peer_value: best(gdalCpu),
        },
        {
          bench: 'view',
          metric: 'viewshed wall time incl. reading the raster',
          value: oursWithRead,
          unit: 's',
          size,
          peer: 'gdal_viewshed wall (whole process)',
          peer_value: best(gdal),
        },
        {
          bench: 'view',
          metric: 'viewshed wall time, 2 threads (best of 3)',
          value: best(split),
          unit: 's',
          size,
          peer: 'gdal_viewshed wall (whole process)',
          peer_value: best(gdal),
        },
        { bench: 'view', metric: 'cells per CPU second (engine)', value: (SIZE * SIZE) / best(oursCpu), unit: '1/s', size },
        { bench: 'view', metric: 'agreement with gdal_viewshed', value: 100 * a.share, unit: '%', size, peer: gdalVersion() },
      ];
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
