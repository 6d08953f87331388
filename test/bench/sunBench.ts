// Ground sunlight hours over 1 km² at 1 m (1,000 x 1,000 cells): the real city build's surface
// model, a 1,000 x 1,000 window of the Cheonggyecheon DSM (1,675 x 1,029 cells, so the window is
// real data, not tiled), winter solstice 2026-12-22, the whole day at 10-minute steps.
// Our engine on one thread and split over the worker pool (both cores), beside GRASS r.sun
// (insol_time, day 356, step 1/6 h, terrain shadowing on, nprocs=2) on the same raster.
//
// The agreement with r.sun is a cross-check, not an oracle: r.sun has its own sun model (solar
// declination from the day number, one fixed day, no refraction: the sun sets ~4 minutes earlier
// at each end), samples from its own sunrise in `step` increments, and finds shadows by marching
// each ray at `distance_step` x cell size through the interpolated surface; our engine samples
// interval midpoints with SPA's refracted sun and sweeps flat-topped cells (groundSunHours.ts).
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNodePool } from '../../workers/pool/nodePool.js';
import { groundSunHours } from '../../workers/sun/groundSunHours.js';
import { buildTestCity, cropCells } from '../support/testCity.js';
import type { Bench, Figure } from './figures.js';

const SIZE = 1000;
const DATE = '2026-12-22';
const DAY_OF_YEAR = 356;
const AREA = 'cheonggyecheon';

function hasGrass(): boolean {
  return spawnSync('grass', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Runs r.sun on a GeoTIFF in a throw-away GRASS location; returns insolation hours and r.sun's own seconds. */
function runRsun(tif: string, dir: string, threads: number): { hours: Float32Array; seconds: number; cpuSeconds: number; totalSeconds: number } {
  const out = path.join(dir, 'insol.tif');
  const script = path.join(dir, 'rsun.sh');
  writeFileSync(
    script,
    [
      'set -e',
      `r.in.gdal --quiet input=${tif} output=dsm`,
      'g.region raster=dsm',
      "TIMEFORMAT='RSUN_SECONDS %R %U %S'",
      `time r.sun --quiet elevation=dsm day=${DAY_OF_YEAR} step=${(10 / 60).toFixed(10)} insol_time=insol nprocs=${threads}`,
      `r.out.gdal -c --quiet input=insol output=${out} format=GTiff type=Float32 --overwrite`,
    ].join('\n'),
  );
  const t0 = performance.now();
  const run = spawnSync('grass', ['--tmp-location', 'EPSG:5186', '--exec', 'bash', script], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const totalSeconds = (performance.now() - t0) / 1000;
  const log = `${run.stdout}${run.stderr}`;
  if (run.status !== 0) throw new Error(`GRASS r.sun failed (exit ${run.status}):\n${log}`);
  const m = /RSUN_SECONDS (\S+) (\S+) (\S+)/.exec(log);
  if (!m) throw new Error(`r.sun printed no timing:\n${log}`);
  const raw = path.join(dir, 'insol.f32');
  execFileSync('gdal_translate', ['-q', '-of', 'ENVI', '-ot', 'Float32', out, raw]);
  const buf = readFileSync(raw);
  return {
    hours: new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)),
    seconds: Number(m[1]),
    cpuSeconds: Number(m[2]) + Number(m[3]),
    totalSeconds,
  };
}

export const sunBench: Bench = {
  name: 'sun',
  description: 'ground sunlight hours, 1 km² at 1 m (real DSM window), winter solstice, 10-minute steps: one thread, worker pool, GRASS r.sun',
  async run(): Promise<Figure[]> {
    const city = await buildTestCity('sun');
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'vseoul-sunbench-'));
    const pool = createNodePool(os.availableParallelism());
    try {
      const full = city.dsm(AREA);
      // Centred 1 km x 1 km window (the DSM is larger in both directions).
      const row0 = Math.floor((full.height - SIZE) / 2);
      const col0 = Math.floor((full.width - SIZE) / 2);
      const dsm = cropCells(full, row0, col0, SIZE, SIZE);
      const size = `${SIZE} x ${SIZE} cells (1 m) of the real ${AREA} DSM, ${DATE} 00:00-24:00 KST, 10-min steps`;
      const input = { dsm, date: DATE };
      console.log(
        `window: rows ${row0}-${row0 + SIZE}, cols ${col0}-${col0 + SIZE} of ${full.width} x ${full.height}; ${os.availableParallelism()} cores, load average ${os.loadavg()[0].toFixed(1)} (other work on the machine slows every figure)`,
      );

      groundSunHours({ dsm: cropCells(full, 0, 0, 200, 200), date: DATE }); // warm-up (JIT)
      let t = performance.now();
      const single = groundSunHours(input);
      const singleS = (performance.now() - t) / 1000;

      t = performance.now();
      const cold = await pool.runSplit('groundSunHours', input, { parts: pool.size * 2 });
      const poolColdS = (performance.now() - t) / 1000;
      t = performance.now();
      const cpu0 = process.cpuUsage(); // worker threads are in-process: this counts their CPU too
      const split = await pool.runSplit('groundSunHours', input, { parts: pool.size * 2 });
      const cpu = process.cpuUsage(cpu0);
      const poolS = (performance.now() - t) / 1000;
      const poolCpuS = (cpu.user + cpu.system) / 1e6;
      for (const r of [cold, split]) {
        if (!Buffer.from(r.hours.values.buffer).equals(Buffer.from(single.hours.values.buffer)))
          throw new Error('pool result differs from the single-thread result');
      }
      const upSteps = single.steps.filter((s) => s.elevation > 0).length;
      console.log(
        `engine: one thread ${singleS.toFixed(2)} s, pool of ${pool.size} ${poolS.toFixed(2)} s wall / ${poolCpuS.toFixed(2)} s CPU (${poolColdS.toFixed(2)} s with thread start), ${upSteps} daylight steps`,
      );

      const figures: Figure[] = [
        { bench: 'sun', metric: `ground sun hours, pool of ${pool.size} threads (goal < 5 s)`, value: poolS, unit: 's', size },
        { bench: 'sun', metric: 'ground sun hours, pool incl. thread start', value: poolColdS, unit: 's', size },
        { bench: 'sun', metric: 'ground sun hours, one thread', value: singleS, unit: 's', size },
        { bench: 'sun', metric: 'ground sun hours, pool CPU time (all threads)', value: poolCpuS, unit: 's', size },
        { bench: 'sun', metric: 'cell-steps per second (pool)', value: (SIZE * SIZE * upSteps) / poolS, unit: '1/s', size },
      ];

      if (!hasGrass()) {
        console.log('GRASS not installed (Debian grass-core): r.sun comparison skipped');
        return figures;
      }
      const tif = path.join(tmp, 'window.tif');
      execFileSync('gdal_translate', ['-q', '-srcwin', String(col0), String(row0), String(SIZE), String(SIZE), full.tifPath, tif]);
      const rsun = runRsun(tif, tmp, os.availableParallelism());
      let within10 = 0;
      let within20 = 0;
      let sum = 0;
      let n = 0;
      for (let i = 0; i < SIZE * SIZE; i++) {
        const a = single.hours.values[i];
        const b = rsun.hours[i];
        if (a === dsm.noData || !Number.isFinite(b)) continue;
        const d = Math.abs(a - b) * 60;
        if (d <= 10 + 1e-3) within10++;
        if (d <= 20 + 1e-3) within20++;
        sum += a - b;
        n++;
      }
      console.log(
        `r.sun: ${rsun.seconds.toFixed(1)} s wall / ${rsun.cpuSeconds.toFixed(1)} s CPU (${rsun.totalSeconds.toFixed(1)} s with GRASS start, import, export); ${n} cells compared: ${((100 * within10) / n).toFixed(1)} % within 10 min, ${((100 * within20) / n).toFixed(1)} % within 20 min, mean (ours - r.sun) ${((sum / n) * 60).toFixed(1)} min`,
      );
      figures.push(
        {
          bench: 'sun',
          metric: 'ground sun hours vs GRASS r.sun insol_time',
          value: poolS,
          unit: 's',
          size,
          peer: `r.sun nprocs=${os.availableParallelism()}`,
          peer_value: rsun.seconds,
        },
        { bench: 'sun', metric: 'ground sun hours CPU time vs r.sun CPU time', value: poolCpuS, unit: 's', size, peer: 'r.sun', peer_value: rsun.cpuSeconds },
        { bench: 'sun', metric: 'cells within 10 min of r.sun', value: (100 * within10) / n, unit: '%', size },
        { bench: 'sun', metric: 'cells within 20 min of r.sun', value: (100 * within20) / n, unit: '%', size },
        { bench: 'sun', metric: 'mean hours difference (ours - r.sun)', value: (sum / n) * 60, unit: 'min', size },
      );
      return figures;
    } finally {
      await pool.close();
      city.remove();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
};
