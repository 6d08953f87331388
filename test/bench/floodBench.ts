// Flood engines on the real city build (hongjecheon surface model: SRTM terrain + OSM buildings,
// 1 m cells, 1351 x 1250). Figures:
// - local-inertial cell updates per second on a 1000 x 1000 (1 M cells) window at 1 m, 100 mm/h;
// - wall time for one hour of 100 mm/h rain (no drainage) over 1 km² at 2 m: the same 1000 m x
//   1000 m window coarsened to 500 x 500 (ground-cell means, footprints re-rasterized at 2 m);
// - the connected (river) fill next to GRASS r.lake on the whole area, same seeds, with agreement.
// Single core: the time-stepped solver is coupled cell to cell every step, so it does not split
// into independent row bands (workers/pool/); the machine is shared, so figures are LOADED ones.
import { buildTestCity } from '../support/testCity.js';
import { grassAvailable, runRLake } from '../support/grassLake.js';
import { cropGrid } from '../../workers/grid/cropGrid.js';
import { fillConnected, waterSeedMask } from '../../workers/flood/connectedFill.js';
import { constantRain } from '../../workers/flood/hyetograph.js';
import { simulateRainFlood } from '../../workers/flood/rainFlood.js';
import type { Bench, Figure } from './figures.js';

const AREA = 'hongjecheon';

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
      const a = simulateRainFlood({ surface: window, buildings, initialDepth: wet, rain: constantRain(100, 3600), drainageMmPerHour: 0, durationSeconds: 20, snapshotIntervalSeconds: 20 });
      const s1 = (performance.now() - t0) / 1000;
      const size1 = `${AREA} 1000 x 1000 cells at 1 m (${a.cellUpdates / a.steps} open), wet start, 20 s of 100 mm/h`;
      console.log(`1 M cells: ${a.steps} steps (dt ${a.minStep.toFixed(3)}-${a.maxStep.toFixed(2)} s) in ${s1.toFixed(1)} s; mass error ${a.budget.relativeError.toExponential(2)}`);
      figures.push({ bench: 'flood', metric: 'local-inertial cell updates per second (1 core)', value: a.cellUpdates / s1, unit: '1/s', size: size1 });

      // 1 km² at 2 m, one hour of 100 mm/h.
      const t1 = performance.now();
      const b = simulateRainFlood({ surface: window, buildings, coarsen: 2, rain: constantRain(100, 3600), drainageMmPerHour: 0, durationSeconds: 3600, snapshotIntervalSeconds: 600 });
      const s2 = (performance.now() - t1) / 1000;
      let deepest = 0;
      for (const d of b.maxDepth) if (d > deepest) deepest = d;
      const size2 = `${AREA} 1000 m x 1000 m -> ${b.width} x ${b.height} cells at ${b.cellSize} m, 1 h of 100 mm/h, no drainage`;
      console.log(`1 km² at 2 m: ${b.steps} steps (dt ${b.minStep.toFixed(3)}-${b.maxStep.toFixed(2)} s) in ${s2.toFixed(1)} s; deepest ${deepest.toFixed(2)} m; ${b.buildings.length} buildings with >= 0.1 m around; mass error ${b.budget.relativeError.toExponential(2)}`);
      figures.push({ bench: 'flood', metric: 'wall time, 1 h of 100 mm/h over 1 km² at 2 m (goal < 30 s)', value: s2, unit: 's', size: size2 });
      figures.push({ bench: 'flood', metric: 'mass balance relative error (same run)', value: b.budget.relativeError, unit: '', size: size2 });
      figures.push({ bench: 'flood', metric: 'cell updates per second (same run)', value: b.cellUpdates / s2, unit: '1/s', size: size2 });

      // River fill on the whole area vs r.lake.
      const seeds = waterSeedMask(dsm, city.water());
      let low = Infinity;
      for (let k = 0; k < seeds.length; k++) if (seeds[k] && dsm.values[k] < low) low = dsm.values[k];
      const level = Math.round(low + 10);
      const t2 = performance.now();
      const fill = fillConnected({ surface: dsm, level, seeds });
      const fillS = (performance.now() - t2) / 1000;
      const size3 = `${AREA} ${dsm.width} x ${dsm.height} cells at 1 m, level ${level} m, ${fill.filledCells} cells filled`;
      if (grassAvailable()) {
        const below = seeds.map((s, k) => (s && dsm.values[k] < Math.fround(level) ? 1 : 0));
        const lake = runRLake(dsm, below, level);
        let same = 0;
        for (let k = 0; k < seeds.length; k++) if ((lake.depth[k] === -9999) === (fill.depth[k] === -9999) && (lake.depth[k] === -9999 || Math.abs(lake.depth[k] - fill.depth[k]) < 1e-4)) same++;
        figures.push({ bench: 'flood', metric: 'connected fill time', value: fillS, unit: 's', size: size3, peer: 'GRASS r.lake (r.lake step only)', peer_value: lake.seconds });
        figures.push({ bench: 'flood', metric: 'cells agreeing with r.lake', value: same / seeds.length, unit: 'fraction', size: size3 });
      } else {
        console.log('GRASS (grass-core) not installed: r.lake not timed');
        figures.push({ bench: 'flood', metric: 'connected fill time', value: fillS, unit: 's', size: size3 });
      }
      return figures;
    } finally {
      city.remove();
    }
  },
};
