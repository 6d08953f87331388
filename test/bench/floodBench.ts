// Flood engines on the real city build (hongjecheon surface model: SRTM terrain + OSM buildings,
// 1 m cells, 1351 x 1250). Figures:
// - local-inertial cell updates per second on a 1000 x 1000 (1 M cells) window at 1 m, 100 mm/h;
// - wall time for one hour of 100 mm/h rain (no drainage) over 1 km² at 2 m: the same 1000 m x
//   1000 m window coarsened to 500 x 500 (ground-cell means, footprints re-rasterized at 2 m), with
//   the engine's default local time stepping; as its peer, the global-step path (every face on the
//   step of the deepest water, the engine before local stepping) on the same input over the first
//   10 simulated minutes only (its full hour took 261 s on a quiet machine), next to the local
//   path over the same 10 minutes, with their agreement;
// - the connected (river) fill next to GRASS r.lake on the whole area, same seeds, with agreement.
// Single core: the time-stepped solver is coupled cell to cell every step, so it does not split
// into independent row bands (workers/pool/); the machine is shared: the load average is printed.
import os from 'node:os';
import { buildTestCity } from '../support/testCity.js';
import { grassAvailable, runRLake } from '../support/grassLake.js';
import { cropGrid } from '../../workers/grid/cropGrid.js';
import { fillConnected, waterSeedMask } from '../../workers/flood/connectedFill.js';
import { constantRain } from '../../workers/flood/hyetograph.js';
import { simulateRainFlood, type RainFloodInput, type RainFloodResult } from '../../workers/flood/rainFlood.js';
import type { Bench, Figure } from './figures.js';

const AREA = 'hongjecheon';
const load = () =>
  `load average ${os
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores`;

/** Wall and CPU seconds of one run (CPU: this process, user + system). */
function timed(input: RainFloodInput): { r: RainFloodResult; wall: number; cpu: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = simulateRainFlood(input);
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  return { r, wall, cpu: (c.user + c.system) / 1e6 };
}

export const floodBench: Bench = {
  name: 'flood',
  description: 'rain flood (local-inertial) cell updates/s on 1 M cells; 1 h of 100 mm/h over 1 km² at 2 m; connected fill vs GRASS r.lake',
  async run(): Promise<Figure[]> {
    const city = await buildTestCity('flood');
    try {
      const dsm = city.dsm(AREA);
      const buildings = city.footprints();
      // The central 1000 m x 1000 m of the area (the surface model is 1351 m x 1250 m).
      const x0 = dsm.originX + Math.floor((dsm.width - 1000) / 2) * dsm.cellSize;
      const y1 = dsm.originY - Math.floor((dsm.height - 1000) / 2) * dsm.cellSize;
      const window = cropGrid(dsm, x0, y1 - 1000, x0 + 1000, y1)!;
      const figures: Figure[] = [];

      // 1 M cells at 1 m, wet: 5 cm of standing water to start (the state after ~30 min of a
      // 100 mm/h storm; dry cells cost less), then 20 simulated seconds of 100 mm/h.
      const wet = new Float32Array(window.values.length).fill(0.05);
      const t0 = performance.now();
      // The kernel's throughput: the global-step sweep (every cell every step).
      const a = simulateRainFlood({
        surface: window,
        buildings,
        initialDepth: wet,
        rain: constantRain(100, 3600),
        drainageMmPerHour: 0,
        durationSeconds: 20,
        snapshotIntervalSeconds: 20,
        timeStepping: 'global',
      });
      const s1 = (performance.now() - t0) / 1000;
      const size1 = `${AREA} 1000 x 1000 cells at 1 m (${a.cellUpdates / a.steps} open), wet start, 20 s of 100 mm/h, global step`;
      console.log(
        `1 M cells: ${a.steps} steps (dt ${a.minStep.toFixed(3)}-${a.maxStep.toFixed(2)} s) in ${s1.toFixed(1)} s; mass error ${a.budget.relativeError.toExponential(2)}; ${load()}`,
      );
      figures.push({ bench: 'flood', metric: 'local-inertial cell updates per second (1 core)', value: a.cellUpdates / s1, unit: '1/s', size: size1 });

      // 1 km² at 2 m, one hour of 100 mm/h, the engine's default (local time stepping).
      const hour: RainFloodInput = {
        surface: window,
        buildings,
        coarsen: 2,
        rain: constantRain(100, 3600),
        drainageMmPerHour: 0,
        durationSeconds: 3600,
        snapshotIntervalSeconds: 600,
      };
      const b = timed(hour);
      const deepest = maxOf(b.r.maxDepth);
      const size2 = `${AREA} 1000 m x 1000 m -> ${b.r.width} x ${b.r.height} cells at ${b.r.cellSize} m, 1 h of 100 mm/h, no drainage, local time stepping`;
      console.log(
        `1 km² at 2 m, 1 h: ${b.r.steps} outer steps of up to ${b.r.maxStep.toFixed(1)} s, ${b.r.subSteps} finest sub-steps (shortest ${b.r.minStep.toFixed(3)} s), ` +
          `${(b.r.cellUpdates / 1e6).toFixed(0)} M cell updates, in ${b.wall.toFixed(1)} s wall / ${b.cpu.toFixed(1)} s CPU; deepest ${deepest.toFixed(2)} m; ` +
          `${b.r.buildings.length} buildings with >= 0.1 m around; mass error ${b.r.budget.relativeError.toExponential(2)}; ${load()}`,
      );
      figures.push({ bench: 'flood', metric: 'wall time, 1 h of 100 mm/h over 1 km² at 2 m (goal < 30 s)', value: b.wall, unit: 's', size: size2 });
      figures.push({ bench: 'flood', metric: 'CPU time (same run)', value: b.cpu, unit: 's', size: size2 });
      figures.push({ bench: 'flood', metric: 'mass balance relative error (same run)', value: b.r.budget.relativeError, unit: '', size: size2 });
      figures.push({ bench: 'flood', metric: 'cell updates (same run)', value: b.r.cellUpdates, unit: '', size: size2 });

      // Peer: the global-step path over the first 10 simulated minutes, next to the local path
      // over the same 10 minutes (the global path's full hour would take minutes).
      const first = { ...hour, durationSeconds: 600 };
      const g = timed({ ...first, timeStepping: 'global' });
      const l = timed({ ...first, timeStepping: 'local' });
      const agree = agreement(l.r, g.r);
      const size3 = `${AREA} ${b.r.width} x ${b.r.height} cells at 2 m, FIRST 10 MIN of 100 mm/h only`;
      console.log(
        `first 10 min: global step ${g.r.steps} steps, ${(g.r.cellUpdates / 1e6).toFixed(0)} M cell updates, ${g.wall.toFixed(1)} s wall / ${g.cpu.toFixed(1)} s CPU; ` +
          `local ${l.r.subSteps} finest sub-steps, ${(l.r.cellUpdates / 1e6).toFixed(0)} M cell updates, ${l.wall.toFixed(1)} s wall / ${l.cpu.toFixed(1)} s CPU; ` +
          `max depth: largest difference ${agree.maxDiff.toFixed(3)} m, ${(100 * agree.within2cm).toFixed(2)} % of cells within 2 cm, ` +
          `${(100 * agree.floodedSame).toFixed(2)} % of ${agree.flooded} flooded (>= 0.1 m) cells the same; ${load()}`,
      );
      figures.push({
        bench: 'flood',
        metric: 'wall time, local time stepping',
        value: l.wall,
        unit: 's',
        size: size3,
        peer: 'global step (same engine, same input)',
        peer_value: g.wall,
      });
      figures.push({
        bench: 'flood',
        metric: 'cell updates, local time stepping',
        value: l.r.cellUpdates,
        unit: '',
        size: size3,
        peer: 'global step',
        peer_value: g.r.cellUpdates,
      });
      figures.push({
        bench: 'flood',
        metric: 'cells whose max depth is within 2 cm of the global step',
        value: agree.within2cm,
        unit: 'fraction',
        size: size3,
      });

      // River fill on the whole area vs r.lake.
      const seeds = waterSeedMask(dsm, city.water());
      let low = Infinity;
      for (let k = 0; k < seeds.length; k++) if (seeds[k] && dsm.values[k] < low) low = dsm.values[k];
      const level = Math.round(low + 10);
      const t2 = performance.now();
      const fill = fillConnected({ surface: dsm, level, seeds });
      const fillS = (performance.now() - t2) / 1000;
      const size4 = `${AREA} ${dsm.width} x ${dsm.height} cells at 1 m, level ${level} m, ${fill.filledCells} cells filled`;
      if (grassAvailable()) {
        const below = seeds.map((s, k) => (s && dsm.values[k] < Math.fround(level) ? 1 : 0));
        const lake = runRLake(dsm, below, level);
        let same = 0;
        for (let k = 0; k < seeds.length; k++)
          if ((lake.depth[k] === -9999) === (fill.depth[k] === -9999) && (lake.depth[k] === -9999 || Math.abs(lake.depth[k] - fill.depth[k]) < 1e-4)) same++;
        figures.push({
          bench: 'flood',
          metric: 'connected fill time',
          value: fillS,
          unit: 's',
          size: size4,
          peer: 'GRASS r.lake (r.lake step only)',
          peer_value: lake.seconds,
        });
        figures.push({ bench: 'flood', metric: 'cells agreeing with r.lake', value: same / seeds.length, unit: 'fraction', size: size4 });
      } else {
        console.log('GRASS (grass-core) not installed: r.lake not timed');
        figures.push({ bench: 'flood', metric: 'connected fill time', value: fillS, unit: 's', size: size4 });
      }
      return figures;
    } finally {
      city.remove();
    }
  },
};

function maxOf(a: Float32Array): number {
  let m = 0;
  for (const v of a) if (v > m) m = v;
  return m;
}

function agreement(a: RainFloodResult, b: RainFloodResult): { maxDiff: number; within2cm: number; floodedSame: number; flooded: number } {
  let open = 0,
    within = 0,
    maxDiff = 0,
    flooded = 0,
    same = 0;
  for (let k = 0; k < b.maxDepth.length; k++) {
    if (b.maxDepth[k] === b.noData) continue;
    open++;
    const d = Math.abs(a.maxDepth[k] - b.maxDepth[k]);
    if (d < 0.02) within++;
    if (d > maxDiff) maxDiff = d;
    if (a.maxDepth[k] >= 0.1 || b.maxDepth[k] >= 0.1) {
      flooded++;
      if (a.maxDepth[k] >= 0.1 === b.maxDepth[k] >= 0.1) same++;
    }
  }
  return { maxDiff, within2cm: within / open, floodedSame: same / flooded, flooded };
}
